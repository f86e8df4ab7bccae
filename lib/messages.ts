import { z } from 'zod';
import { tableReadingSchema } from './model';
import { targetSchema } from './kpi/targets';

/**
 * The one message protocol between the content script, the extension pages and the background worker.
 * Both directions are parsed with zod: a message that does not parse is answered with an error, never acted on.
 */

export const requestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('snapshot:submit'),
    /** Chosen by the content script; the same id is resent until acknowledged (idempotent). */
    readingId: z.string().min(1).max(100),
    reading: tableReadingSchema,
  }),
  z.object({ type: z.literal('ping') }),
  /** The user's targets, for the in-page overlay (a content script cannot open the extension's database). */
  z.object({ type: z.literal('targets:list') }),
  /** Opens the options page (a content script cannot). */
  z.object({ type: z.literal('options:open') }),
]);
export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];

export const submitResultSchema = z.object({
  ok: z.literal(true),
  type: z.literal('snapshot:submit'),
  /** Rows added to the history (unchanged re-reads add none). */
  stored: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  /** Why nothing was stored, when that is the case (e.g. not recognised, no account id). */
  notStoredReason: z.string().nullable(),
});

export const errorResponseSchema = z.object({ ok: z.literal(false), error: z.string() });

export const responseSchema = z.union([
  submitResultSchema,
  z.object({ ok: z.literal(true), type: z.literal('ping') }),
  z.object({ ok: z.literal(true), type: z.literal('targets:list'), targets: z.array(targetSchema) }),
  z.object({ ok: z.literal(true), type: z.literal('options:open') }),
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
