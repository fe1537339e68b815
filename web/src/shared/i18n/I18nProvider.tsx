import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type Catalog, initialLang, type Lang, rememberLang, Translator } from './i18n';

export type CatalogLoader = (lang: Lang) => Promise<Catalog>;

interface I18nValue {
  tr: Translator;
  t: Translator['t'];
  lang: Lang;
  setLang: (lang: Lang, remember?: boolean) => void;
  setTimeZone: (zone: string | undefined) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

/** Loads the catalog for the language (English is bundled; others load on demand) and sets <html lang>. */
export function I18nProvider({
  load,
  english,
  children,
}: {
  load: CatalogLoader;
  english: Catalog;
  children: ReactNode;
}) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [zone, setTimeZone] = useState<string | undefined>(undefined);
  const [catalogs, setCatalogs] = useState<Partial<Record<Lang, Catalog>>>({ en: english });

  useEffect(() => {
    if (catalogs[lang]) return;
    let live = true;
    load(lang).then(
      (catalog) => live && setCatalogs((c) => ({ ...c, [lang]: catalog })),
      () => live && setLangState('en'),
    );
    return () => {
      live = false;
    };
  }, [lang, catalogs, load]);

  // Until another language has loaded, English stays on screen.
  const shown: Lang = catalogs[lang] ? lang : 'en';
  useEffect(() => {
    document.documentElement.lang = shown;
  }, [shown]);

  const setLang = useCallback((next: Lang, remember = true) => {
    if (remember) rememberLang(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18nValue>(() => {
    const tr = new Translator(shown, catalogs[shown] ?? english, zone);
    return { tr, t: tr.t, lang: shown, setLang, setTimeZone };
  }, [shown, catalogs, english, zone, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
