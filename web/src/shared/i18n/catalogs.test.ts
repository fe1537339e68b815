// The catalogs: every language has every key (no more, no fewer), every key is used by the code,
// every key the code uses exists, and each message parses as ICU with the same arguments.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './i18n';

const SRC = join(__dirname, '..', '..');
const APPS = ['shared', 'portal', 'console'] as const;

function catalog(app: string, lang: string): Record<string, string> {
  return JSON.parse(readFileSync(join(SRC, app, 'messages', `${lang}.json`), 'utf8'));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Keys appear in code only as whole string literals (`'portal.home.title'`), so they can be found. */
function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"`]((?:common|portal|console)\.[A-Za-z0-9_.-]+)['"`]/g)) {
      if (m[1]) used.set(m[1], relative(SRC, file));
    }
  }
  return used;
}

function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: ReturnType<typeof parse>) => {
    for (const el of elements) {
      if (el.type === TYPE.pound || el.type === TYPE.literal) continue;
      if ('value' in el && typeof el.value === 'string') names.add(el.value);
      if (el.type === TYPE.plural || el.type === TYPE.select)
        for (const option of Object.values(el.options)) walk(option.value);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

describe('message catalogs', () => {
  const used = usedKeys();
  for (const app of APPS) {
    const english = catalog(app, 'en');
    for (const lang of LANGUAGES) {
      it(`${app}/${lang} has exactly the English keys`, () => {
        const keys = Object.keys(catalog(app, lang)).sort();
        expect(keys).toEqual(Object.keys(english).sort());
      });
      it(`${app}/${lang} messages parse and use the same arguments as English`, () => {
        const messages = catalog(app, lang);
        for (const [key, message] of Object.entries(messages)) {
          expect(() => parse(message), `${lang} ${key}`).not.toThrow();
          expect(argumentsOf(message), `${lang} ${key}`).toEqual(argumentsOf(english[key] ?? ''));
        }
      });
    }
    it(`every key of ${app} is used by the code`, () => {
      const unused = Object.keys(english).filter((k) => !used.has(k));
      expect(unused).toEqual([]);
    });
    it(`${app} keys live in the catalog their prefix names`, () => {
      const prefix = app === 'shared' ? 'common.' : `${app}.`;
      expect(Object.keys(english).filter((k) => !k.startsWith(prefix))).toEqual([]);
    });
  }
  it('every key the code uses exists', () => {
    const defined = new Set(APPS.flatMap((app) => Object.keys(catalog(app, 'en'))));
    const missing = [...used.entries()].filter(([k]) => !defined.has(k)).map(([k, file]) => `${k} (${file})`);
    expect(missing).toEqual([]);
  });
});
