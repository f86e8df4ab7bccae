import type { Platform } from '../model';

/**
 * The supported ad-manager pages per platform (CONTRACTS.md §3), as manifest match patterns. Kept apart from the
 * adapters so the background can check a sender's page without bundling every page reader.
 */
export const PLATFORM_PAGES = {
  meta: [
    'https://adsmanager.facebook.com/adsmanager/manage/*',
    'https://business.facebook.com/adsmanager/manage/*',
    'https://www.facebook.com/adsmanager/manage/*',
  ],
  google: ['https://ads.google.com/aw/*'],
  tiktok: ['https://ads.tiktok.com/i18n/manage/*'],
} as const satisfies Partial<Record<Platform, readonly string[]>>;

export type SupportedPlatform = keyof typeof PLATFORM_PAGES;

/** The platform whose supported pages include `url`, or null. */
export function platformForUrl(url: URL): SupportedPlatform | null {
  for (const [platform, patterns] of Object.entries(PLATFORM_PAGES)) {
    if (matchesAny(patterns, url)) return platform as SupportedPlatform;
  }
  return null;
}

/** Chrome match-pattern semantics for the `https://host/path*` patterns we use. */
export function matchesAny(patterns: readonly string[], url: URL): boolean {
  return patterns.some((pattern) => {
    const m = /^(https):\/\/([^/]+)(\/.*)$/.exec(pattern);
    if (!m || url.protocol !== `${m[1]}:` || url.host !== m[2]) return false;
    const path = m[3]!;
    const re = new RegExp('^' + path.split('*').map(escapeRegExp).join('.*') + '$');
    return re.test(url.pathname + url.search);
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
