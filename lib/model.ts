import { z } from 'zod';

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

const amount = z.number().finite();
export const metricsSchema = z
  .object({
    spend: amount.optional(),
    impressions: amount.optional(),
    reach: amount.optional(),
    clicks: amount.optional(),
    conversions: amount.optional(),
    conversionValue: amount.optional(),
    leads: amount.optional(),
    /** ROAS exactly as the page shows it (Meta "Purchase ROAS", Google "Conv. value / cost"). */
    roasShown: amount.optional(),
    /** Meta "Results" count, whatever the result type (kept even when it is not a conversion). */
    results: amount.optional(),
    budget: amount.optional(),
  })
  .strict();
export type Metrics = z.infer<typeof metricsSchema>;

export const clickKindSchema = z.enum(['all', 'link', 'destination']);
export type ClickKind = z.infer<typeof clickKindSchema>;

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code');

/** Where the currency came from: the page itself, the user's per-account setting, or an assumption. */
export const currencySourceSchema = z.enum(['page', 'account-setting', 'assumed']);

export const pageContextSchema = z.object({
  platform: platformSchema,
  accountId: z.string().min(1).max(64).nullable(),
  accountName: z.string().max(500).nullable(),
  level: levelSchema,
  dateStart: isoDateSchema.nullable(),
  dateEnd: isoDateSchema.nullable(),
  currency: currencySchema.nullable(),
  currencySource: currencySourceSchema.nullable(),
  /** The UI language the page declares (html lang), for number parsing and messages. */
  uiLocale: z.string().max(35).nullable(),
});
export type PageContext = z.infer<typeof pageContextSchema>;

export const entityRowSchema = z.object({
  /** The platform's id; null when the page does not carry one (e.g. Google keywords). */
  entityId: z.string().min(1).max(64).nullable(),
  entityName: z.string().max(1000).nullable(),
  metrics: metricsSchema,
  clickKind: clickKindSchema.nullable(),
  /** Meta "Results" result type label as shown (e.g. "Website purchases"). */
  resultType: z.string().max(200).nullable(),
});
export type EntityRow = z.infer<typeof entityRowSchema>;

export const healthSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('recognised') }),
  z.object({ status: z.literal('partial'), missing: z.array(z.string().max(200)).max(50) }),
  z.object({ status: z.literal('not-recognised'), reason: z.string().max(500) }),
]);
export type Health = z.infer<typeof healthSchema>;

export const coverageSchema = z.object({
  read: z.number().int().nonnegative(),
  /** The table's own count of entities when it shows one (Meta footer "Results from N"). */
  total: z.number().int().nonnegative().nullable(),
});

export const tableReadingSchema = z.object({
  context: pageContextSchema,
  rows: z.array(entityRowSchema).max(20000),
  health: healthSchema,
  coverage: coverageSchema,
});
export type TableReading = z.infer<typeof tableReadingSchema>;

/** One stored row: one entity at one capture. */
export const snapshotSchema = z.object({
  id: z.number().int().positive().optional(),
  capturedAt: z.number().int().nonnegative(),
  platform: platformSchema,
  accountId: z.string().min(1).max(64),
  accountName: z.string().max(500).nullable(),
  level: levelSchema,
  /** Stable key within an account+level: the entity id, else `name:<entity name>`. */
  entityKey: z.string().min(1).max(1100),
  entityId: z.string().max(64).nullable(),
  entityName: z.string().max(1000).nullable(),
  dateStart: isoDateSchema.nullable(),
  dateEnd: isoDateSchema.nullable(),
  currency: currencySchema.nullable(),
  metrics: metricsSchema,
  clickKind: clickKindSchema.nullable(),
  resultType: z.string().max(200).nullable(),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export function entityKeyOf(row: Pick<EntityRow, 'entityId' | 'entityName'>): string | null {
  if (row.entityId) return row.entityId;
  if (row.entityName) return `name:${row.entityName}`;
  return null;
}
