/**
 * Chrome match-pattern semantics for the `https://host/path*` patterns the adapters declare. Kept free of
 * imports so the adapters, the registry, the background and the build config can all use it.
 */
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

/** Which platform's pages a URL is, by each platform's declared match patterns (the first that matches). */
export interface PlatformPages<P extends string = string> {
  id: P;
  matches: readonly string[];
  /** Its reader is a preview (checked against public evidence only): a page it cannot read may be mapped. */
  preview?: boolean;
}

export function platformOfPage<P extends string>(pages: readonly PlatformPages<P>[], url: URL): P | null {
  return pages.find((p) => matchesAny(p.matches, url))?.id ?? null;
}
