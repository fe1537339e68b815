import type { Catalog, Lang } from '../shared/i18n/i18n';
import sharedEn from '../shared/messages/en.json';
import portalEn from './messages/en.json';

export const english: Catalog = { ...sharedEn, ...portalEn };

/** Other languages load on demand, so the first load carries English only. */
export async function loadCatalog(lang: Lang): Promise<Catalog> {
  if (lang === 'en') return english;
  const [shared, portal] = await Promise.all([import('../shared/messages/es.json'), import('./messages/es.json')]);
  return { ...shared.default, ...portal.default };
}
