// The UI language and the translate functions. `t()` reads the current language from
// rune state, so every template that calls it re-renders when the language changes.
import type { Lang, Preferences } from '../lib/bindings';
import { en, type MessageKey, type Messages } from './en';
import { once } from '../lib/lazy';
import { formatWhole, isOne } from './numbers';

export type { MessageKey, Messages };

// English is part of the app's script; French is a file of its own, fetched when first
// needed: the start-up reads and parses only the texts it shows (each catalogue is a
// quarter of the script; BENCHMARKS.md). main.ts loads the user's language before the
// first render, and the language menus before switching, so no text shows in the wrong
// language; a text asked for before its catalogue is here is the English one, replaced
// once it arrives.
let french = $state.raw<Messages | null>(null);
const loadFrench = once(() =>
  import('./fr').then((module) => {
    french = module.fr;
  }),
);

/** Loads the texts of `lang` (at once for English); safe to call again. */
export function loadCatalogue(lang: Lang): Promise<void> {
  return lang === 'en' || french ? Promise.resolve() : loadFrench();
}

/** The texts of `lang`, or the English ones while they are being fetched. */
function catalogue(lang: Lang): Messages {
  if (lang === 'en') return en;
  if (french) return french;
  loadCatalogue(lang).catch(() => {
    // English stays shown; the next text asked for tries again.
  });
  return en;
}

/** Keys that have `.one` / `.other` plural forms, without the suffix. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never;
}[MessageKey];

export type Vars = Record<string, string | number>;

/** The language a BCP 47 tag (`fr-FR`, `en_GB`) maps to; anything not French is English. */
export function langFromTag(tag: string | undefined | null): Lang {
  const primary = (tag ?? '').split(/[-_]/)[0]?.toLowerCase();
  return primary === 'fr' ? 'fr' : 'en';
}

/** The system language as the web view reports it. */
export function systemLanguage(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en';
}

class Locale {
  /** The language in force. */
  lang = $state<Lang>(langFromTag(systemLanguage()));
  /** The user's choice; null while following the system language. */
  chosen = $state<Lang | null>(null);

  apply(prefs: Pick<Preferences, 'language' | 'chosenLanguage'>): void {
    this.lang = prefs.language;
    this.chosen = prefs.chosenLanguage;
    syncDocumentLang(prefs.language);
  }

  /** Switches once the language's texts are loaded, so the screen changes language in one go. */
  async change(prefs: Pick<Preferences, 'language' | 'chosenLanguage'>): Promise<void> {
    await loadCatalogue(prefs.language);
    this.apply(prefs);
  }
}

export const locale = new Locale();

function syncDocumentLang(lang: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

// One number format and one set of plural rules per language: building them costs far
// more than using them, and a table of licences formats hundreds of numbers per frame.
// Whole numbers and their plurals need neither (numbers.ts): only fractions do.
const numberFormats = new Map<Lang, Intl.NumberFormat>();
const pluralRules = new Map<Lang, Intl.PluralRules>();

function numberFormat(lang: Lang): Intl.NumberFormat {
  let format = numberFormats.get(lang);
  if (!format) numberFormats.set(lang, (format = new Intl.NumberFormat(lang)));
  return format;
}

function plurals(lang: Lang): Intl.PluralRules {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules;
}

/** Fills `{name}` placeholders; numbers are formatted for the language. */
export function interpolate(template: string, vars: Vars | undefined, lang: Lang): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    if (typeof value !== 'number') return value;
    return formatWhole(value, lang) ?? numberFormat(lang).format(value);
  });
}

/** The text of `key` in the current language. */
export function t(key: MessageKey, vars?: Vars): string {
  const lang = locale.lang;
  return interpolate(catalogue(lang)[key], vars, lang);
}

/** The plural form of `base` for `count` (which is also available as `{count}`). */
export function tn(base: PluralKey, count: number, vars?: Vars): string {
  const lang = locale.lang;
  const form = (isOne(count, lang) ?? plurals(lang).select(count) === 'one') ? 'one' : 'other';
  const key = `${base}.${form}` as MessageKey;
  return interpolate(catalogue(lang)[key], { count, ...vars }, lang);
}

/** `prefix.value` translated when such a key exists, else the raw value (unknown states). */
export function tOr(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  const messages = catalogue(locale.lang);
  return Object.hasOwn(messages, key) ? messages[key as MessageKey] : value;
}
