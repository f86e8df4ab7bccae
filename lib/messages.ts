import * as z from './zod';
import { currencySchema, platformSchema, tableReadingSchema } from './model';
import { targetSchema } from './kpi/targets';
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
  /**
   * The panel's currency question answered: this account's amounts are in `currency` (confirmed or chosen).
   * Becomes the account's currency setting; from a supported page of the account's platform only.
   */
  z.object({
    type: z.literal('account-currency:set'),
    platform: platformSchema,
    accountId: z.nonEmptyString(64),
    currency: currencySchema,
  }),
  /** "Don't ask again" for this account's currency question (the currency stays assumed). */
  z.object({
    type: z.literal('account-currency:dismiss'),
    platform: platformSchema,
    accountId: z.nonEmptyString(64),
  }),
]);
export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];

export const submitResultSchema = z.object({
  ok: z.literal(true),
  type: z.literal('snapshot:submit'),
  /** Rows added to the history (unchanged re-reads add none). */
  stored: z.count(),
  unchanged: z.count(),
  /** Why nothing was stored, when that is the case (e.g. not recognised, no account id). */
  notStoredReason: z.nullable(z.string()),
  /** Entities of this reading that are off track (the number on the toolbar badge). */
  offTrack: z.optional(z.count()),
  /**
   * Why the reading could not be judged (the reading itself was saved). The overlay judges its rows itself,
   * with the same lib/kpi functions, so that chips show before the save completes: the reply carries only
   * what the worker alone knows.
   */
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
  z.object({ ok: z.literal(true), type: z.literal('account-currency:set'), currency: currencySchema }),
  z.object({ ok: z.literal(true), type: z.literal('account-currency:dismiss') }),
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
