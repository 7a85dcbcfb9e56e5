import { isLocale, type Locale } from './format.ts';

/**
 * Which language the page speaks: `?lang=en|ru` in the address wins (a shared link
 * keeps its language), then the last choice on this device, then Russian (the
 * plant's staff work in Russian). A choice is remembered and written back into the
 * address, so a reload or a copied link keeps it.
 */
const LOCALE_KEY = 'twin.locale';
export const DEFAULT_LOCALE: Locale = 'ru';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage can be disabled by privacy settings; the app then just forgets the choice
  }
}

function urlLocale(): Locale | null {
  if (typeof location === 'undefined') return null;
  const lang = new URLSearchParams(location.search).get('lang');
  return isLocale(lang) ? lang : null;
}

export function initialLocale(): Locale {
  const fromUrl = urlLocale();
  if (fromUrl) {
    storage()?.setItem(LOCALE_KEY, fromUrl);
    return fromUrl;
  }
  const saved = storage()?.getItem(LOCALE_KEY);
  return isLocale(saved) ? saved : DEFAULT_LOCALE;
}

export function rememberLocale(locale: Locale): void {
  storage()?.setItem(LOCALE_KEY, locale);
  if (typeof location === 'undefined' || typeof history === 'undefined') return;
  const url = new URL(location.href);
  if (url.searchParams.get('lang') === locale) return;
  url.searchParams.set('lang', locale);
  history.replaceState(history.state, '', url);
}

/** `<html lang>` and the window title follow the language (screen readers and tabs read them). */
export function applyDocumentLocale(locale: Locale, title: string): void {
  document.documentElement.lang = locale;
  document.title = title;
}

/** Each language named in itself, so a reader finds their own whatever the page's language. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский' };
