import { config, int, maxLength, minLength, nonnegative, string } from 'zod/mini';
import { en } from 'zod/locales';

/**
 * The zod every schema of KPI Lens is written with: `zod/mini`, whose functions tree-shake. The classic
 * `z` object's methods cannot be dropped, and it cost the content script and the background ~15 KB
 * gzipped more than mini does (esbuild, which shakes it worse: ~90 KB). Mini has no messages of its own
 * ("Invalid input" for everything), so the English locale (~1 KB) is loaded here, once, before any schema
 * parses: rejected messages and damaged backups keep naming what was expected, word for word as with the
 * classic API. Only `en` is imported: `locales.en` through the namespace would pull in every language.
 */
config(en());

export * from 'zod/mini';

// The few shapes every schema repeats, spelled once (mini's checks are verbose). Not zod API.

/** A string of at most `max` characters. */
export function boundedString(max: number) {
  return string().check(maxLength(max));
}

/** A non-empty string, of at most `max` characters when given. */
export function nonEmptyString(max?: number) {
  return max === undefined ? string().check(minLength(1)) : string().check(minLength(1), maxLength(max));
}

/** An integer ≥ 0: counts, and times in ms. */
export function count() {
  return int().check(nonnegative());
}
