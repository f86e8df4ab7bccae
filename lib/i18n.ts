import { browser } from 'wxt/browser';

/**
 * Every UI string goes through `t()`. Normally that is `browser.i18n`, which follows the browser's
 * language and cannot be switched while the extension runs. When the user picks a language in the
 * options, `setLanguage` loads that locale's `_locales/<l>/messages.json` — a file bundled inside the
 * extension, read through its own `chrome-extension://` URL, not the network — and `t()` answers from it
 * with the same placeholder rules as `browser.i18n`, falling back to `browser.i18n` for anything missing.
 */

/** A key of public/_locales/en/messages.json (typed by WXT, so a missing key fails the typecheck). */
export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

export const UI_LANGUAGES = ['en', 'vi', 'uk'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export type LanguageChoice = 'auto' | UiLanguage;

export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalog = Record<string, MessageEntry>;
export type CatalogLoader = (language: UiLanguage) => Promise<Catalog>;

let override: { language: UiLanguage; catalog: Catalog } | null = null;
let chosen: LanguageChoice = 'auto';
const listeners = new Set<() => void>();

/**
 * Fills a message the way `chrome.i18n.getMessage` does: named placeholders (`$COUNT$`, case-insensitive)
 * take their `content`, in which `$1`…`$9` are the substitutions; `$$` is a literal `$`.
 */
export function formatMessage(entry: MessageEntry, substitutions?: string | string[]): string {
  const subs =
    substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const positional = (text: string) =>
    text.replace(/\$(\$|[1-9])/g, (_, what: string) => (what === '$' ? '$' : (subs[Number(what) - 1] ?? '')));
  const placeholders = new Map(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );
  return entry.message.replace(/\$(\$|[1-9]|[A-Za-z0-9_@]+\$)/g, (whole, what: string) => {
    if (what === '$') return '$';
    if (/^[1-9]$/.test(what)) return subs[Number(what) - 1] ?? '';
    const content = placeholders.get(what.slice(0, -1).toLowerCase());
    return content === undefined ? whole : positional(content);
  });
}

export function t(key: MessageKey, substitutions?: string | string[]): string {
  if (override) {
    const entry = override.catalog[key];
    if (entry) return formatMessage(entry, substitutions);
  }
  // A key missing at run time shows the key, loudly, rather than an empty control.
  return browser.i18n.getMessage(key, substitutions) || `⟨${key}⟩`;
}

/** Reads a bundled locale file through the extension's own URL (never the network). */
export const loadBundledCatalog: CatalogLoader = async (language) => {
  const url = browser.runtime.getURL(`/_locales/${language}/messages.json`);
  // eslint-disable-next-line no-restricted-globals -- an extension-internal chrome-extension:// URL, not a network request
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Cannot read the ${language} messages (${response.status}).`);
  return (await response.json()) as Catalog;
};

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

function baseLanguage(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * Switches UI strings to `choice`. 'auto' follows the browser's UI language — also through the bundled
 * file when it is one of ours, because the browser may serve its default locale's messages while it
 * reports another UI language (headless Chromium does), and the page must not mix languages. On a
 * failure to load the file, `browser.i18n` answers: a wrong language is better than no text.
 */
export async function setLanguage(
  choice: LanguageChoice,
  load: CatalogLoader = loadBundledCatalog,
): Promise<void> {
  const before = override?.language ?? null;
  chosen = choice;
  browserTag = undefined; // read afresh: setLanguage runs when a page starts and when the choice changes
  const auto = baseLanguage(browserLanguage());
  const language = choice === 'auto' ? (isUiLanguage(auto) ? auto : null) : choice;
  if (language === null) override = null;
  else if (override?.language !== language) {
    try {
      override = { language, catalog: await load(language) };
    } catch {
      override = null;
    }
  }
  if ((override?.language ?? null) !== before) for (const listener of listeners) listener();
}

/** Called after every change of the active language (for re-rendering). Returns an unsubscribe. */
export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The language chosen with `setLanguage`, or null when following the browser. */
export function languageOverride(): UiLanguage | null {
  return chosen === 'auto' ? null : chosen;
}

/**
 * The browser's UI language changes only with a browser restart, and asking costs a trip into the browser, which
 * every number formatted in the overlay makes (~80 ms over a long scroll): asked once, again on `setLanguage`.
 */
let browserTag: string | undefined;

function browserLanguage(): string {
  if (browserTag !== undefined) return browserTag;
  try {
    return (browserTag = browser.i18n.getUILanguage());
  } catch {
    return 'en';
  }
}

/**
 * The BCP 47 locale for Intl formatting: the browser's, or with a chosen language that language — keeping
 * the browser's region when it is the same language (en-GB stays en-GB under an "English" choice).
 */
export function uiLocale(): string {
  const tag = browserLanguage();
  if (chosen === 'auto') return tag;
  return baseLanguage(tag) === chosen ? tag : chosen;
}

/** The language the UI strings are actually in (for `<html lang>`). */
export function uiLanguage(): string {
  if (override) return override.language;
  const base = baseLanguage(browserLanguage());
  return isUiLanguage(base) ? base : 'en';
}
