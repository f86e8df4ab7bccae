import { originPermissionPattern } from '../mapping/schema';

/** A site whose tables the user may ask KPI Lens to read: its origin and the permission pattern to ask for. */
export interface ReadableSite {
  origin: string;
  pattern: string;
}

/**
 * The tab's site when "Read a table on this site" applies to it: an https page that no built-in adapter reads.
 * Null for anything else (no URL, another scheme, a supported ad manager, an address that does not parse).
 */
export function readableSiteOf(
  url: string | undefined,
  isSupported: (url: URL) => boolean,
): ReadableSite | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || isSupported(parsed)) return null;
  return { origin: parsed.origin, pattern: originPermissionPattern(parsed.origin) };
}

/**
 * What the user typed as a site to allow (an address, with or without `https://` or a path), as a site; null
 * when it is not an https site (http, another scheme, no host).
 */
export function siteOfInput(input: string, isSupported: (url: URL) => boolean): ReadableSite | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const site = readableSiteOf(withScheme, isSupported);
  return site && /^https:\/\/[a-z0-9.-]+\.[a-z0-9-]+(:\d{1,5})?$/.test(site.origin) ? site : null;
}
