import type { Platform } from '../model';
import { googleAdapter } from './google';
import { matchesAny, platformOfPage, type PlatformPages } from './hosts';
import { linkedinAdapter } from './linkedin';
import { metaAdapter } from './meta';
import { microsoftAdapter } from './microsoft';
import { tiktokAdapter } from './tiktok';
import type { PlatformAdapter } from './types';

/**
 * Every supported platform, in the order they are tried: adding a platform is its adapter module, its fixtures
 * (test/fixtures/<id>/) and one line here. Everything else is derived from the adapters' declarations
 * (test/platforms/convention.test.ts checks each one; README "Adding a platform").
 */
export const ADAPTERS: readonly PlatformAdapter[] = [
  metaAdapter,
  googleAdapter,
  tiktokAdapter,
  microsoftAdapter,
  linkedinAdapter,
];

/** Manifest match patterns of every adapter: the content script runs on these and only these. */
export const CONTENT_MATCHES: string[] = ADAPTERS.flatMap((a) => a.matches);

export function adapterForUrl(url: URL): PlatformAdapter | null {
  return ADAPTERS.find((a) => matchesAny(a.matches, url)) ?? null;
}

/**
 * Each platform's match patterns and nothing else: the background checks senders against these, given them
 * at build time (`virtual:kpi-lens-platform-pages`, wxt.config.ts) so it does not carry the page readers.
 */
export const PLATFORM_PAGES: readonly PlatformPages<Platform>[] = ADAPTERS.map(
  ({ id, matches, checkedAgainst }) => ({ id, matches, preview: checkedAgainst === 'public evidence' }),
);

/** The platform whose supported pages include `url` (where the content script runs), or null. */
export function platformForUrl(url: URL): Platform | null {
  return platformOfPage(PLATFORM_PAGES, url);
}
