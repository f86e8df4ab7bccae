import { googleAdapter } from './google';
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
