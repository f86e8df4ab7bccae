import { originPermissionPattern } from '../mapping/schema';
import type { Platform } from '../model';

/** The built runtime content script (entrypoints/table-picker.content): never in the manifest's scripts. */
export const TABLE_PICKER_SCRIPT = '/content-scripts/table-picker.js';

export interface TablePickerDeps {
  /** The tab's URL as the worker sees it (only with a host permission for it), or undefined. */
  tabUrl(tabId: number): Promise<string | undefined>;
  hasOriginPermission(pattern: string): Promise<boolean>;
  platformForUrl(url: URL): Platform | null;
  inject(tabId: number, file: string): Promise<void>;
}

/**
 * Puts the table picker into a tab, or says why not: only an https page the user granted (its origin's
 * optional host permission), and not a supported ad manager (those have their own reader). Returns null when
 * injected, else the reason (for the error reply).
 */
export async function startTablePicker(
  tabId: number,
  deps: TablePickerDeps,
  /** A supported page whose own reader could not read it, where the user asked to map the table instead. */
  { builtInFailed = false } = {},
): Promise<string | null> {
  const raw = await deps.tabUrl(tabId);
  let url: URL;
  try {
    url = new URL(raw ?? '');
  } catch {
    return 'the tab’s page is not readable (no permission for its site).';
  }
  if (url.protocol !== 'https:') return 'tables are read on https pages only.';
  if (deps.platformForUrl(url) && !builtInFailed) return 'this page has a built-in reader.';
  if (!(await deps.hasOriginPermission(originPermissionPattern(url.origin))))
    return 'the user has not allowed this site.';
  await deps.inject(tabId, TABLE_PICKER_SCRIPT);
  return null;
}
