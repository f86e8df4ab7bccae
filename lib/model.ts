import * as z from './zod';

/**
 * The shared vocabulary of KPI Lens: what a reading of an ad-manager table is, and what is stored.
 * Every boundary (messages, rows read back from IndexedDB, backup imports) parses with these schemas.
 */

export const PLATFORMS = ['meta', 'google', 'tiktok', 'microsoft', 'linkedin', 'generic'] as const;
export const platformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof platformSchema>;

/** CONTRACTS.md §1: `adset` = Meta ad set / Google, TikTok ad group; `campaign` = campaign. */
export const LEVELS = ['account', 'campaign', 'adset', 'ad', 'keyword'] as const;
export const levelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof levelSchema>;

/** Base metrics as read from the page. An absent key means "not shown / not known" — never 0. */
export const BASE_METRICS = [
  'spend',
  'impressions',
  'reach',
  'clicks',
  'conversions',
  'conversionValue',
  'leads',
] as const;
export type BaseMetric = (typeof BASE_METRICS)[number];

// z.number() rejects NaN and ±Infinity: every amount is finite.
const amount = z.optional(z.number());
export const metricsSchema = z.strictObject({
  spend: amount,
  impressions: amount,
  reach: amount,
  clicks: amount,
  conversions: amount,
  conversionValue: amount,
  leads: amount,
  /** ROAS exactly as the page shows it (Meta "Purchase ROAS", Google "Conv. value / cost"). */
  roasShown: amount,
  /** Meta "Results" count, whatever the result type (kept even when it is not a conversion). */
  results: amount,
  budget: amount,
});
export type Metrics = z.infer<typeof metricsSchema>;

export const clickKindSchema = z.enum(['all', 'link', 'destination']);
export type ClickKind = z.infer<typeof clickKindSchema>;

export const isoDateSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'));
export const currencySchema = z.string().check(z.regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code'));

/**
 * Where the currency came from: the page named it (`page`: an ISO code or an unambiguous symbol), the user
 * set or confirmed it for the account (`account`), or a bare symbol was read the usual way (`assumed`:
 * shown and totalled, marked as assumed until the user confirms; see lib/kpi/currency-policy.ts).
 */
export const CURRENCY_SOURCES = ['page', 'account', 'assumed'] as const;
export const currencySourceSchema = z.enum(CURRENCY_SOURCES);
export type CurrencySource = z.infer<typeof currencySourceSchema>;

export const pageContextSchema = z.object({
  platform: platformSchema,
  accountId: z.nullable(z.nonEmptyString(64)),
  accountName: z.nullable(z.boundedString(500)),
  level: levelSchema,
  dateStart: z.nullable(isoDateSchema),
  dateEnd: z.nullable(isoDateSchema),
  currency: z.nullable(currencySchema),
  currencySource: z.nullable(currencySourceSchema),
  /** The UI language the page declares (html lang), for number parsing and messages. */
  uiLocale: z.nullable(z.boundedString(35)),
});
export type PageContext = z.infer<typeof pageContextSchema>;

/**
 * One day of an entity as a table segmented (broken down) by day shows it: Google Ads "Segment → Time → Day",
 * Meta "Breakdown → By time → Day". The adapter gives only days it is sure of (a label it parses as one date of
 * the reporting range, in the page's locale); the projection stores each as its own snapshot of that day.
 */
export const daySegmentSchema = z.object({
  date: isoDateSchema,
  metrics: metricsSchema,
});
export type DaySegment = z.infer<typeof daySegmentSchema>;

/** At most a year and a bit of days per row (Google's and Meta's longest day breakdowns are shorter). */
export const MAX_DAYS_PER_ROW = 400;

export const entityRowSchema = z.object({
  /** The platform's id; null when the page does not carry one (e.g. Google keywords). */
  entityId: z.nullable(z.nonEmptyString(64)),
  entityName: z.nullable(z.boundedString(1000)),
  metrics: metricsSchema,
  clickKind: z.nullable(clickKindSchema),
  /** Meta "Results" result type label as shown (e.g. "Website purchases"). */
  resultType: z.nullable(z.boundedString(200)),
  /** The row's days when the table is segmented by day (absent otherwise: older readings have none). */
  days: z.optional(z.array(daySegmentSchema).check(z.maxLength(MAX_DAYS_PER_ROW))),
});
export type EntityRow = z.infer<typeof entityRowSchema>;

export const healthSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('recognised') }),
  z.object({ status: z.literal('partial'), missing: z.array(z.boundedString(200)).check(z.maxLength(50)) }),
  z.object({ status: z.literal('not-recognised'), reason: z.boundedString(500) }),
]);
export type Health = z.infer<typeof healthSchema>;

export const coverageSchema = z.object({
  read: z.count(),
  /** The table's own count of entities when it shows one (Meta footer "Results from N"). */
  total: z.nullable(z.count()),
});

export const tableReadingSchema = z.object({
  context: pageContextSchema,
  rows: z.array(entityRowSchema).check(z.maxLength(20000)),
  health: healthSchema,
  coverage: coverageSchema,
});
export type TableReading = z.infer<typeof tableReadingSchema>;

/** One stored row: one entity at one capture. */
export const snapshotSchema = z.object({
  id: z.optional(z.int().check(z.positive())),
  capturedAt: z.count(),
  platform: platformSchema,
  accountId: z.nonEmptyString(64),
  accountName: z.nullable(z.boundedString(500)),
  level: levelSchema,
  /** Stable key within an account+level: the entity id, else `name:<entity name>`. */
  entityKey: z.nonEmptyString(1100),
  entityId: z.nullable(z.boundedString(64)),
  entityName: z.nullable(z.boundedString(1000)),
  dateStart: z.nullable(isoDateSchema),
  dateEnd: z.nullable(isoDateSchema),
  currency: z.nullable(currencySchema),
  /** Where `currency` came from when it was read; null with an unknown currency. */
  currencySource: z.nullable(currencySourceSchema),
  metrics: metricsSchema,
  clickKind: z.nullable(clickKindSchema),
  resultType: z.nullable(z.boundedString(200)),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export function entityKeyOf(row: Pick<EntityRow, 'entityId' | 'entityName'>): string | null {
  if (row.entityId) return row.entityId;
  if (row.entityName) return `name:${row.entityName}`;
  return null;
}
