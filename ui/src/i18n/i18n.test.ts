import { describe, expect, it, vi } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { interpolate, langFromTag, locale, t, tn, tOr } from './index.svelte';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('French has exactly the English keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('no text is empty, in any language', () => {
    for (const [lang, messages] of Object.entries({ en, fr })) {
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  it('each French text uses the same placeholders as the English one', () => {
    for (const [key, text] of Object.entries(en)) {
      expect(placeholders(fr[key as keyof typeof fr]), key).toEqual(placeholders(text));
    }
  });

  it('every plural has both forms', () => {
    for (const key of Object.keys(en)) {
      if (key.endsWith('.one')) expect(Object.keys(en)).toContain(key.replace(/\.one$/, '.other'));
      if (key.endsWith('.other')) expect(Object.keys(en)).toContain(key.replace(/\.other$/, '.one'));
    }
  });
});

describe('t, tn and tOr', () => {
  it('follow the current language', () => {
    locale.apply({ language: 'en', chosenLanguage: null });
    expect(t('groups.title')).toBe('Licence groups');
    locale.apply({ language: 'fr', chosenLanguage: 'fr' });
    expect(t('groups.title')).toBe('Groupes de licences');
    expect(document.documentElement.lang).toBe('fr');
  });

  it('fill placeholders and format numbers for the language', () => {
    expect(interpolate('{count} of {total}', { count: 10000, total: 'x' }, 'en')).toBe('10,000 of x');
    expect(interpolate('{count}', { count: 10000 }, 'fr').replace(/\s/g, ' ')).toBe('10 000');
    expect(interpolate('{missing}', {}, 'en')).toBe('{missing}');
  });

  it('pick plural forms by language rules (0 is singular in French)', () => {
    locale.apply({ language: 'en', chosenLanguage: null });
    expect(tn('groups.count', 0)).toBe('0 groups');
    expect(tn('groups.count', 1)).toBe('1 group');
    locale.apply({ language: 'fr', chosenLanguage: 'fr' });
    expect(tn('groups.count', 0)).toBe('0 groupe');
    expect(tn('groups.count', 2)).toBe('2 groupes');
  });

  it('shows unknown values raw', () => {
    locale.apply({ language: 'fr', chosenLanguage: 'fr' });
    expect(tOr('status', 'ok')).toBe('Actif');
    expect(tOr('status', 'somethingNew')).toBe('somethingNew');
  });

  it('maps system language tags', () => {
    expect(langFromTag('fr-FR')).toBe('fr');
    expect(langFromTag('FR_ca')).toBe('fr');
    expect(langFromTag('en-GB')).toBe('en');
    expect(langFromTag('de-DE')).toBe('en');
    expect(langFromTag('')).toBe('en');
  });
});

describe('the French texts, fetched when first needed', () => {
  // A fresh copy of the module, as the app starts: only English is loaded.
  async function fresh(): Promise<typeof import('./index.svelte')> {
    vi.resetModules();
    return await import('./index.svelte');
  }

  it('are not loaded until asked for; a text asked for meanwhile is English, then French', async () => {
    const i18n = await fresh();
    i18n.locale.apply({ language: 'fr', chosenLanguage: 'fr' });
    expect(i18n.t('groups.title')).toBe('Licence groups');
    await i18n.loadCatalogue('fr');
    expect(i18n.t('groups.title')).toBe('Groupes de licences');
    expect(i18n.tn('groups.count', 2)).toBe('2 groupes');
  });

  it('change() switches only once they are here, so a screen never mixes languages', async () => {
    const i18n = await fresh();
    i18n.locale.apply({ language: 'en', chosenLanguage: null });
    const switching = i18n.locale.change({ language: 'fr', chosenLanguage: 'fr' });
    expect(i18n.locale.lang).toBe('en');
    await switching;
    expect(i18n.locale.lang).toBe('fr');
    expect(i18n.t('groups.title')).toBe('Groupes de licences');
    expect(document.documentElement.lang).toBe('fr');
  });

  it('English needs no loading', async () => {
    const i18n = await fresh();
    await i18n.locale.change({ language: 'en', chosenLanguage: 'en' });
    expect(i18n.t('groups.title')).toBe('Licence groups');
  });
});
