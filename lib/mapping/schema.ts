import * as z from '../zod';
import { BASE_METRICS, isoDateSchema, levelSchema, type Metrics } from '../model';

/**
 * A table the user mapped on a site KPI Lens has no adapter for: one zod-typed record per URL pattern
 * (origin + path pattern), versioned like the settings: each record carries its own `version`, MIGRATIONS[n]
 * turns a version-n record into n+1, and every version has a stored example in the tests
 * (test/mapping/examples/mapping-v*.json). Mappings are data: they are stored, backed up, exported and
 * imported as these records and nothing else.
 */
export const MAPPING_VERSION = 1;

/**
 * What a mapped column may give: every stored base metric (lib/model.ts, so a metric added there is mappable
 * without listing it again) and the three values shown as read: ROAS, results, budget.
 */
export const MAPPED_METRICS = [
  ...BASE_METRICS,
  'roasShown',
  'results',
  'budget',
] as const satisfies readonly (keyof Metrics)[];
export type MappedMetric = (typeof MAPPED_METRICS)[number];

/** Money columns: their cells are the currency evidence of the table. */
export const MONEY_METRICS: readonly MappedMetric[] = ['spend', 'conversionValue', 'budget'];

export const COLUMN_USES = ['name', 'id', ...MAPPED_METRICS] as const;
export const columnUseSchema = z.enum(COLUMN_USES);
export type ColumnUse = z.infer<typeof columnUseSchema>;

export const mappedColumnSchema = z.object({
  /** The header exactly as the page showed it when mapped; compared by `normaliseHeader` when read. */
  header: z.nonEmptyString(200),
  use: columnUseSchema,
});
export type MappedColumn = z.infer<typeof mappedColumnSchema>;

/** A text on the page the user clicked: how to find it again, and what it said then (shown in the options). */
const pageTextShape = {
  from: z.literal('page'),
  selector: z.nonEmptyString(1000),
  sample: z.boundedString(200),
};

/** Where the account (or the currency) comes from. */
export const textSourceSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('none') }),
  z.object({ from: z.literal('fixed'), value: z.nonEmptyString(64) }),
  z.object({ from: z.literal('url-param'), param: z.nonEmptyString(100) }),
  /** The n-th segment of the URL's path (0 = the first after the leading slash). */
  z.object({ from: z.literal('url-path'), segment: z.int().check(z.gte(0), z.lte(50)) }),
  z.object(pageTextShape),
]);
export type TextSource = z.infer<typeof textSourceSchema>;

/** Where the currency comes from: the money cells themselves (`cells`, the default) or one of the text sources. */
export const currencySourceSpecSchema = z.union([z.object({ from: z.literal('cells') }), textSourceSchema]);
export type CurrencySourceSpec = z.infer<typeof currencySourceSpecSchema>;

/** Where the reporting range comes from: the URL's query (ISO dates), a date text on the page, or fixed. */
export const dateSourceSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('none') }),
  z.object({ from: z.literal('fixed'), start: isoDateSchema, end: isoDateSchema }),
  z.object({ from: z.literal('url-params'), start: z.nonEmptyString(100), end: z.nonEmptyString(100) }),
  z.object(pageTextShape),
]);
export type DateSource = z.infer<typeof dateSourceSchema>;

/** `https://host[:port]`, no path: the origin whose optional host permission the user granted. */
export const originSchema = z
  .string()
  .check(
    z.regex(/^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/, 'expected an https origin such as https://example.com'),
  );

/** A path with `*` wildcards (any characters, `/` included), e.g. `/reports/*`. */
export const pathPatternSchema = z
  .string()
  .check(z.regex(/^\/[^\s?#]{0,500}$/, 'expected a path such as /reports/*'));

function columnsAreConsistent(columns: readonly MappedColumn[]): boolean {
  const uses = columns.map((c) => c.use);
  const headers = columns.map((c) => c.header);
  return (
    uses.filter((u) => u === 'name').length === 1 &&
    uses.some((u) => u !== 'name' && u !== 'id') &&
    new Set(uses).size === uses.length &&
    new Set(headers).size === headers.length
  );
}

export const mappingSchema = z.object({
  version: z.literal(MAPPING_VERSION),
  id: z.nonEmptyString(100),
  /** Shown to the user as the source (the site's host unless renamed). */
  label: z.nonEmptyString(100),
  origin: originSchema,
  pathPattern: pathPatternSchema,
  level: levelSchema,
  columns: z
    .array(mappedColumnSchema)
    .check(
      z.maxLength(40),
      z.refine(
        columnsAreConsistent,
        'expected one name column, at least one metric, each use and header once',
      ),
    ),
  account: textSourceSchema,
  currency: currencySourceSpecSchema,
  dateRange: dateSourceSchema,
  createdAt: z.count(),
  updatedAt: z.count(),
});
export type Mapping = z.infer<typeof mappingSchema>;

type Raw = Record<string, unknown>;

/** MIGRATIONS[n] turns a version-n record into version n+1 (the loop sets `version`). None yet: v1 is the first. */
const MIGRATIONS: Record<number, (old: Raw) => Raw> = {};

/** Runs the numbered migrations up to the current version (no validation; a version without a step stays). */
export function upgradeMapping(stored: Raw): Raw {
  let value = stored;
  let version = typeof value.version === 'number' ? value.version : 0;
  while (version < MAPPING_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) return value;
    value = { ...step(value), version: ++version };
  }
  return value;
}

/** A stored or imported record of any version → the current one, or null when it cannot be read (never a guess). */
export function migrateMapping(stored: unknown): Mapping | null {
  if (!stored || typeof stored !== 'object') return null;
  const parsed = mappingSchema.safeParse(upgradeMapping(stored as Raw));
  return parsed.success ? parsed.data : null;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** The mapping applies to this page: same origin, and the path matches its pattern (query and hash ignored). */
export function mappingMatches(mapping: Pick<Mapping, 'origin' | 'pathPattern'>, url: URL): boolean {
  return url.origin === mapping.origin && globToRegExp(mapping.pathPattern).test(url.pathname);
}

/** The mapping for a page: the most specific pattern (longest, fewest wildcards) among those that match. */
export function mappingForUrl(mappings: readonly Mapping[], url: URL): Mapping | null {
  const specificity = (m: Mapping) => m.pathPattern.replace(/\*/g, '').length;
  const matching = mappings.filter((m) => mappingMatches(m, url));
  return matching.sort((a, b) => specificity(b) - specificity(a))[0] ?? null;
}

/** The manifest match pattern of an origin's permission (`https://host/*`; ports are not part of patterns). */
export function originPermissionPattern(origin: string): string {
  return `${origin.replace(/:\d+$/, '')}/*`;
}

/** A record of any known version, upgraded and then checked (backups and mapping files parse with it). */
export const anyVersionMappingSchema = z.pipe(
  z.pipe(
    z.looseObject({ version: z.int().check(z.gte(1), z.lte(MAPPING_VERSION)) }),
    z.transform((raw) => upgradeMapping(raw)),
  ),
  mappingSchema,
);

/** Imported mappings win over stored ones of the same id (and a later one over an earlier); the others are kept. */
export function mergeMappings(current: readonly Mapping[], imported: readonly Mapping[]): Mapping[] {
  const byId = new Map<string, Mapping>();
  for (const mapping of [...current, ...imported]) {
    byId.delete(mapping.id);
    byId.set(mapping.id, mapping);
  }
  return [...byId.values()];
}
