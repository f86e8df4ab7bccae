import { mappingForUrl, originPermissionPattern, type Mapping } from '../mapping/schema';
import type { DeclaredContentScript } from './reinject';

/**
 * The reader of mapped tables (#15.4): the built runtime content script (entrypoints/mapped-reader.content) runs
 * on the sites the user both mapped a table on and allowed. It is registered at run time for exactly those
 * sites, never in the manifest: nothing runs on a site before the user's grant, and a revoked grant or a
 * deleted mapping takes it away again (the worker re-syncs on each of those events and on every start).
 */
export const MAPPED_READER_SCRIPT = '/content-scripts/mapped-reader.js';
export const MAPPED_READER_ID = 'kpi-lens-mapped-reader';

/** The match patterns the reader runs on: each mapped site the user allowed, once, sorted. */
export function readerMatches(mappings: readonly Mapping[], granted: readonly string[]): string[] {
  const allowed = new Set(granted);
  const patterns = mappings.map((m) => originPermissionPattern(m.origin)).filter((p) => allowed.has(p));
  return [...new Set(patterns)].sort();
}

/**
 * The reader as a content script to put back into open tabs after an install or update (Chrome leaves them
 * without one, lib/background/reinject.ts): the mapped sites' tabs would otherwise stop reading until reloaded.
 */
export function mappedReaderScript(
  mappings: readonly Mapping[],
  granted: readonly string[],
): DeclaredContentScript {
  return { matches: readerMatches(mappings, granted), js: [MAPPED_READER_SCRIPT] };
}

/** The mapping that applies to a page, only while its site is allowed (otherwise the page is not KPI Lens's to read). */
export function grantedMappingFor(
  mappings: readonly Mapping[],
  granted: readonly string[],
  url: URL,
): Mapping | null {
  if (url.protocol !== 'https:') return null;
  const mapping = mappingForUrl(mappings, url);
  return mapping && granted.includes(originPermissionPattern(mapping.origin)) ? mapping : null;
}

export interface MappedReaderDeps {
  loadMappings(): Promise<Mapping[]>;
  /** The origins' permissions the user has granted (`permissions.getAll().origins`). */
  grantedOrigins(): Promise<string[]>;
  /** The registration's current patterns, or null when it is not registered. */
  registeredMatches(): Promise<string[] | null>;
  register(matches: string[]): Promise<void>;
  update(matches: string[]): Promise<void>;
  unregister(): Promise<void>;
}

/**
 * Makes the registration match the stored mappings and grants: registered on exactly `readerMatches`, or not
 * at all when there is none. Returns the patterns it runs on now. A registration that already matches is left
 * alone, so that a sync on every start costs two reads.
 */
export async function syncMappedReader(deps: MappedReaderDeps): Promise<string[]> {
  const [mappings, granted, current] = await Promise.all([
    deps.loadMappings(),
    deps.grantedOrigins(),
    deps.registeredMatches(),
  ]);
  const wanted = readerMatches(mappings, granted);
  const now = current ? [...current].sort() : null;
  const same = now !== null && now.length === wanted.length && now.every((p, i) => p === wanted[i]);
  if (same || (now === null && wanted.length === 0)) return wanted;
  if (wanted.length === 0) await deps.unregister();
  else if (current === null) await deps.register(wanted);
  else await deps.update(wanted);
  return wanted;
}
