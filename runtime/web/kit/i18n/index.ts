import { createI18n } from 'vue-i18n';
import { LOCALES, type Locale } from '../../../browser-safe/bundle.ts';

export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español' };

// Area message modules are plain nested objects of strings.
type MessageTree = { [key: string]: string | MessageTree };
type Messages = Record<Locale, MessageTree>;

/** One vue-i18n instance per app, its messages merged from each area's message module. */
export function makeI18n(modules: Messages[]) {
  const messages = Object.fromEntries(LOCALES.map((l) => [l, Object.assign({}, ...modules.map((m) => m[l]))])) as Messages;
  return createI18n({ legacy: false, locale: initialLocale(), fallbackLocale: 'en', messages, missingWarn: false, fallbackWarn: false });
}

/** Before anyone has signed in: the last language picked on this device, else the browser's. */
function initialLocale(): Locale {
  const stored = localStorage.getItem('locale');
  if (isLocale(stored)) return stored;
  const browser = navigator.language.slice(0, 2);
  return isLocale(browser) ? browser : 'en';
}

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
