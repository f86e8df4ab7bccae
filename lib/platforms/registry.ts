import { googleAdapter } from './google';
import { matchesAny } from './hosts';
import { metaAdapter } from './meta';
import { tiktokAdapter } from './tiktok';
import type { PlatformAdapter } from './types';

/** Every supported platform, in the order they are tried. */
export const ADAPTERS: readonly PlatformAdapter[] = [metaAdapter, googleAdapter, tiktokAdapter];

/** Manifest match patterns of every adapter: the content script runs on these and only these. */
export const CONTENT_MATCHES: string[] = ADAPTERS.flatMap((a) => a.matches);

export function adapterForUrl(url: URL): PlatformAdapter | null {
  return ADAPTERS.find((a) => matchesAny(a.matches, url)) ?? null;
}
