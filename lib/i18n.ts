import { browser } from 'wxt/browser';

/** A key of public/_locales/en/messages.json (typed by WXT, so a missing key fails the typecheck). */
export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

/** Every UI string goes through `browser.i18n`. A key missing at run time shows the key, loudly. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || `⟨${key}⟩`;
}

export function uiLocale(): string {
  return browser.i18n.getUILanguage();
}
