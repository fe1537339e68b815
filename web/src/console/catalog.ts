import type { Catalog, Lang } from '../shared/i18n/i18n';
import sharedEn from '../shared/messages/en.json';
import consoleEn from './messages/en.json';

export const english: Catalog = { ...sharedEn, ...consoleEn };

export async function loadCatalog(lang: Lang): Promise<Catalog> {
  if (lang === 'en') return english;
  const [shared, console] = await Promise.all([import('../shared/messages/es.json'), import('./messages/es.json')]);
  return { ...shared.default, ...console.default };
}
