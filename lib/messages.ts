import * as z from './zod';
import { currencySchema, isoDateSchema, tableReadingSchema } from './model';
import { KPI_IDS } from './kpi/definitions';
import { DIRECTIONS, targetKpiSchema, targetSchema, targetScopeSchema } from './kpi/targets';
import { statusSchema } from './store/status';

/**
 * The one message protocol between the content script, the extension pages and the background worker.
 * Both directions are parsed with zod: a message that does not parse is answered with an error, never acted on.
 */

export const requestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('snapshot:submit'),
    /** Chosen by the content script; the same id is resent until acknowledged (idempotent). */
    readingId: z.nonEmptyString(100),
    reading: tableReadingSchema,
  }),
  z.object({ type: z.literal('ping') }),
  /** The user's targets, for the in-page overlay (a content script cannot open the extension's database). */
  z.object({ type: z.literal('targets:list') }),
  /** Opens the options page (a content script cannot). */
  z.object({ type: z.literal('options:open') }),
  /** When the last reading was saved and the last storage error, for the popup and the overlay. */
  z.object({ type: z.literal('status:get') }),
  /** Runs the daily roll-up and retention now (e.g. after the user lowered retention); extension pages only. */
  z.object({ type: z.literal('maintenance:run') }),
]);
export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];

// z.number() rejects NaN and ±Infinity: every number here is finite.
const maybeNumber = z.nullable(z.number());

export const targetStatusSchema = z.enum(['on-track', 'at-risk', 'off-track', 'unknown']);

/** The target a KPI was judged against (the user's, or break-even derived from the margin). */
export const appliedTargetSchema = z.object({
  id: z.nonEmptyString(100),
  scope: targetScopeSchema,
  kpi: targetKpiSchema,
  direction: z.enum(DIRECTIONS),
  value: z.number(),
  currency: z.nullable(currencySchema),
  period: z.nullable(z.enum(['day', 'month'])),
  tolerance: z.number(),
  muted: z.boolean(),
  breakEven: z.boolean(),
  /** What the value was compared with, in the row's currency (budgets: expected spend to date). */
  comparedWith: maybeNumber,
});

export const pacingSchema = z.object({
  period: z.enum(['day', 'month']),
  budget: z.number(),
  today: isoDateSchema,
  periodStart: z.number(),
  periodEnd: z.number(),
  daysInPeriod: z.number(),
  daysElapsed: z.number(),
  daysRemaining: z.number(),
  elapsedShare: z.number(),
  spendToDate: maybeNumber,
  expectedSpendToDate: z.number(),
  pacing: maybeNumber,
  forecast: maybeNumber,
  requiredDailySpend: maybeNumber,
  overspent: z.nullable(z.boolean()),
});

export const kpiResultSchema = z.object({
  kpi: z.enum([...KPI_IDS, 'budget']),
  /** null = unknown (missing input or zero denominator), never 0. */
  value: maybeNumber,
  source: z.nullable(z.enum(['derived', 'shown'])),
  target: z.nullable(appliedTargetSchema),
  /** null when there is no target for this KPI. */
  status: z.nullable(targetStatusSchema),
  distance: maybeNumber,
  reason: z.nullable(z.boundedString(100)),
  pacing: z.optional(z.nullable(pacingSchema)),
});
export type KpiResultMessage = z.infer<typeof kpiResultSchema>;

/** One row of a reading, judged against the user's targets: what the overlay's chips show. */
export const evaluatedRowSchema = z.object({
  entityKey: z.nonEmptyString(1100),
  currency: z.nullable(currencySchema),
  /** Some KPI of this row is off track against a target whose alerts are not muted. */
  offTrack: z.boolean(),
  results: z.array(kpiResultSchema),
});
export type EvaluatedRow = z.infer<typeof evaluatedRowSchema>;

export const submitResultSchema = z.object({
  ok: z.literal(true),
  type: z.literal('snapshot:submit'),
  /** Rows added to the history (unchanged re-reads add none). */
  stored: z.count(),
  unchanged: z.count(),
  /** Why nothing was stored, when that is the case (e.g. not recognised, no account id). */
  notStoredReason: z.nullable(z.string()),
  /** The reading's rows judged against the targets (absent from older workers). */
  evaluated: z.optional(z.array(evaluatedRowSchema)),
  /** Entities of this reading that are off track (the number on the toolbar badge). */
  offTrack: z.optional(z.count()),
  /** Why `evaluated` is empty although rows were read (the reading itself was saved). */
  evaluationError: z.optional(z.nullable(z.string())),
});

export const errorResponseSchema = z.object({ ok: z.literal(false), error: z.string() });

export const responseSchema = z.union([
  submitResultSchema,
  z.object({ ok: z.literal(true), type: z.literal('ping') }),
  z.object({ ok: z.literal(true), type: z.literal('targets:list'), targets: z.array(targetSchema) }),
  z.object({ ok: z.literal(true), type: z.literal('options:open') }),
  z.object({ ok: z.literal(true), type: z.literal('status:get'), status: statusSchema }),
  z.object({
    ok: z.literal(true),
    type: z.literal('maintenance:run'),
    rolledUp: z.count(),
    pruned: z.count(),
  }),
  errorResponseSchema,
]);
export type Response = z.infer<typeof responseSchema>;
export type SubmitResult = z.infer<typeof submitResultSchema>;

/** Who sent a message, reduced to what the background checks (a subset of `runtime.MessageSender`). */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
}

export class MessageError extends Error {}
