import type { Platform } from '../model';
import { googleAdapter } from './google';
import { matchesAny } from './hosts';
import { metaAdapter } from './meta';
import { tiktokAdapter } from './tiktok';
import type { PlatformAdapter } from './types';

/**
 * Every supported platform, in the order they are tried: adding a platform is its adapter module, its fixtures
 * (test/fixtures/<id>/) and one line here. Everything else is derived from the adapters' declarations
 * (test/platforms/convention.test.ts checks each one; README "Adding a platform").
 */
export const ADAPTERS: readonly PlatformAdapter[] = [metaAdapter, googleAdapter, tiktokAdapter];

/** Manifest match patterns of every adapter: the content script runs on these and only these. */
export const CONTENT_MATCHES: string[] = ADAPTERS.flatMap((a) => a.matches);

export function adapterForUrl(url: URL): PlatformAdapter | null {
  return ADAPTERS.find((a) => matchesAny(a.matches, url)) ?? null;
}

/** The platform whose supported pages include `url` (where the content script runs), or null. */
export function platformForUrl(url: URL): Platform | null {
  return adapterForUrl(url)?.id ?? null;
}
