import type { Catalog, MessageEntry } from '../i18n';

/**
 * The messages the content script carries. It cannot read the extension's files without exposing them to
 * every page, so the catalogues of the languages a user can choose travel inside the script — but only
 * its own part of them: the overlay's texts, the shared ones (statuses, levels, reasons, distances) and the
 * target form's that its editor shows.
 * A build step (wxt.config.ts) makes that subset from public/_locales and fails the build when the
 * script uses a key outside it. Pure: also runs in the build's Node.
 */

export const CONTENT_KEY_PREFIXES: readonly string[] = ['overlay_', 'common_'];

/** The chip's target editor is the options page's target form in small: its labels and errors, shared. */
export const SHARED_FORM_KEYS: ReadonlySet<string> = new Set([
  'options_target_kpi',
  'options_target_direction',
  'options_target_at_most',
  'options_target_at_least',
  'options_target_value',
  'options_target_currency',
  'options_target_scope',
  'options_target_tolerance',
  'options_error_number',
  'options_error_value_positive',
  'options_error_romi_min',
  'options_error_tolerance',
  'options_error_currency',
  'options_error_currency_wide',
  'options_error_period',
  'options_error_platform',
  'options_error_account',
  'options_error_entity',
]);

export function isContentKey(key: string, prefixes: readonly string[] = CONTENT_KEY_PREFIXES): boolean {
  return prefixes.some((p) => key.startsWith(p)) || SHARED_FORM_KEYS.has(key);
}

/** The content script's messages, without the translators' descriptions and examples. */
export function catalogSubset(catalog: Catalog, prefixes: readonly string[] = CONTENT_KEY_PREFIXES): Catalog {
  const out: Catalog = {};
  for (const [key, entry] of Object.entries(catalog)) {
    if (!isContentKey(key, prefixes)) continue;
    const kept: MessageEntry = { message: entry.message };
    if (entry.placeholders)
      kept.placeholders = Object.fromEntries(
        Object.entries(entry.placeholders).map(([name, p]) => [name, { content: p.content }]),
      );
    out[key] = kept;
  }
  return out;
}

/**
 * Message keys that appear as string literals in `code` (a built script) but are not bundled with it.
 * Every key is written out as a literal (they are typed `MessageKey`), so this finds each one in use.
 */
export function keysOutsideSubset(
  code: string,
  allKeys: Iterable<string>,
  prefixes: readonly string[] = CONTENT_KEY_PREFIXES,
): string[] {
  const known = new Set(allKeys);
  const found = new Set<string>();
  for (const m of code.matchAll(/["'`]([A-Za-z][A-Za-z0-9_]*)["'`]/g)) {
    const key = m[1]!;
    if (known.has(key) && !isContentKey(key, prefixes)) found.add(key);
  }
  return [...found].sort();
}
