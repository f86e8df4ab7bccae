import { browser } from 'wxt/browser';
import * as z from './zod';
import { currencySchema, levelSchema, platformSchema, tableReadingSchema } from './model';
import { targetSchema } from './kpi/targets';
import { entityRiskSchema } from './kpi/entity-risks';
import { statusSchema } from './store/status';
import { tableComparisonSchema } from './ui/comparisons';
import { mappingSchema } from './mapping/schema';

/**
 * The one message protocol between the content script, the extension pages and the background worker.
 * Each request type is tied to its reply in PROTOCOL: the worker parses every request with its schema, a
 * sender's reply type is inferred from what it sends, and `sendRequest` parses the reply on arrival. A
 * message that does not parse is answered with a typed error (`ErrorReply`), logged once, and never acted on.
 */

/** A request's schema and its reply's, both with the type's literal (so they cannot drift apart). */
function message<const T extends string, Q extends z.core.$ZodLooseShape, R extends z.core.$ZodLooseShape>(
  type: T,
  request: Q,
  reply: R,
) {
  return {
    request: z.object({ type: z.literal(type), ...request }),
    reply: z.object({ ok: z.literal(true), type: z.literal(type), ...reply }),
  };
}

const isoDay = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const accountShape = { platform: platformSchema, accountId: z.nonEmptyString(64) };

export const PROTOCOL = {
  'snapshot:submit': message(
    'snapshot:submit',
    {
      /** Chosen by the content script; the same id is resent until acknowledged (idempotent). */
      readingId: z.nonEmptyString(100),
      reading: tableReadingSchema,
    },
    {
      /** Rows added to the history (unchanged re-reads add none). */
      stored: z.count(),
      unchanged: z.count(),
      /** Why nothing was stored, when that is the case (e.g. not recognised, no account id). */
      notStoredReason: z.nullable(z.string()),
      /** Entities of this reading that are off track (the number on the toolbar badge). */
      offTrack: z.optional(z.count()),
      /** Today's risk flags of the reading's entities (lib/kpi/entity-risks.ts): on the chips and the panel. */
      risks: z.optional(z.array(entityRiskSchema).check(z.maxLength(100_000))),
      /**
       * Why the reading could not be judged (the reading itself was saved). The overlay judges its rows
       * itself, with the same lib/kpi functions, so that chips show before the save completes: the reply
       * carries only what the worker alone knows.
       */
      evaluationError: z.optional(z.nullable(z.string())),
    },
  ),
  ping: message('ping', {}, {}),
  /** The user's targets, for the in-page overlay (a content script cannot open the extension's database). */
  'targets:list': message('targets:list', {}, { targets: z.array(targetSchema) }),
  /** Opens the options page (a content script cannot). */
  'options:open': message('options:open', {}, {}),
  /** When the last reading was saved and the last storage error, for the popup and the overlay. */
  'status:get': message('status:get', {}, { status: statusSchema }),
  /** Runs the daily roll-up and retention now (e.g. after the user lowered retention); extension pages only. */
  'maintenance:run': message('maintenance:run', {}, { rolledUp: z.count(), pruned: z.count() }),
  /**
   * The panel's currency question answered: this account's amounts are in `currency` (confirmed or chosen).
   * Becomes the account's currency setting; from a supported page of the account's platform only.
   */
  'account-currency:set': message(
    'account-currency:set',
    { ...accountShape, currency: currencySchema },
    { currency: currencySchema },
  ),
  /** "Don't ask again" for this account's currency question (the currency stays assumed). */
  'account-currency:dismiss': message('account-currency:dismiss', accountShape, {}),
  /**
   * A target set from the page (a chip's editor): added, or replacing the target of the same id. From a
   * supported page only, and for its own platform when the target is scoped to one.
   */
  'target:save': message('target:save', { target: targetSchema }, { target: targetSchema }),
  /**
   * The panel's comparisons: the stored table of this account, level and range against its previous period
   * and its same period last year (lib/ui/comparisons.ts). Null when that table is not stored. From a
   * supported page of the account's platform, or the extension's pages.
   */
  'compare:get': message(
    'compare:get',
    { ...accountShape, level: levelSchema, dateStart: isoDay, dateEnd: isoDay },
    { comparison: z.nullable(tableComparisonSchema) },
  ),
  /**
   * "Read a table on this site" (#15): after the user granted the tab's origin, the popup asks the worker to
   * put the table picker into that tab. From the extension's own pages only; the worker checks the tab.
   */
  'table-picker:start': message('table-picker:start', { tabId: z.count() }, {}),
  /**
   * The mapping panel's Save (#15.2): stored as the user's mapping of that site. Only from a tab whose origin
   * the user granted and equals the mapping's origin (a page cannot map another site).
   */
  'mapping:save': message('mapping:save', { mapping: mappingSchema }, { id: z.nonEmptyString(100) }),
  /**
   * The mapped-table reader asks which mapping applies to its page (#15.4): the one of the sender tab's own
   * address, while the user allows that site; null otherwise (the reader then does nothing).
   */
  'mapping:for-page': message('mapping:for-page', {}, { mapping: z.nullable(mappingSchema) }),
  /**
   * "Map this table" in the panel of a preview adapter's page it could not read (#15.5): the worker puts the
   * table picker into the sender's own tab. From a supported page only.
   */
  'table-picker:here': message('table-picker:here', {}, {}),
};

type Protocol = typeof PROTOCOL;
export type RequestType = keyof Protocol;
export type RequestOf<T extends RequestType> = z.infer<Protocol[T]['request']>;
export type ReplyOf<T extends RequestType> = z.infer<Protocol[T]['reply']>;
export type Request = { [T in RequestType]: RequestOf<T> }[RequestType];

/**
 * Why a message got no reply of its own: `unknown-message` (no such type), `invalid-message` (its payload
 * does not parse), `rejected` (not from where that type may come from), `failed` (the worker could not do
 * it: storage), `invalid-reply` (the sender got an answer that does not parse as the reply of its type).
 */
export const ERROR_CODES = [
  'unknown-message',
  'invalid-message',
  'rejected',
  'failed',
  'invalid-reply',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorReplySchema = z.object({
  ok: z.literal(false),
  code: z.enum(ERROR_CODES),
  error: z.string(),
});
export type ErrorReply = z.infer<typeof errorReplySchema>;

/** What a request of type `T` is answered with: its own reply, or the error reply. */
export type Response<T extends RequestType = RequestType> = ReplyOf<T> | ErrorReply;
export type SubmitResult = ReplyOf<'snapshot:submit'>;

export const submitResultSchema = PROTOCOL['snapshot:submit'].reply;

const TYPES = Object.keys(PROTOCOL) as RequestType[];

function isRequestType(type: unknown): type is RequestType {
  return typeof type === 'string' && Object.hasOwn(PROTOCOL, type);
}

/** Every request, one schema (for callers that parse a request without a worker, e.g. the bench). */
export const requestSchema = z.discriminatedUnion(
  'type',
  TYPES.map((t) => PROTOCOL[t].request) as unknown as [
    Protocol['ping']['request'],
    ...Protocol[RequestType]['request'][],
  ],
) as unknown as z.ZodMiniType<Request>;

/** Every reply of every type, and the error reply. */
export const responseSchema = z.union([
  ...TYPES.map((t) => PROTOCOL[t].reply),
  errorReplySchema,
]) as unknown as z.ZodMiniType<Response>;

/** The replies a request of type `type` may get: its own, or the error reply. */
export function replySchemaOf<T extends RequestType>(type: T): z.ZodMiniType<Response<T>> {
  return z.union([PROTOCOL[type].reply, errorReplySchema]) as unknown as z.ZodMiniType<Response<T>>;
}

export function errorReply(code: ErrorCode, error: string): ErrorReply {
  return { ok: false, code, error };
}

function issueText(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || '(root)'}: ${issue?.message}`;
}

/**
 * A raw message as a request, or the typed error it is answered with: an unknown type is told apart from
 * a known type whose payload does not parse (that error names the first field that is wrong).
 */
export function parseRequest(raw: unknown): { ok: true; request: Request } | ErrorReply {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  if (!isRequestType(type)) {
    return typeof type === 'string'
      ? errorReply('unknown-message', `Rejected message: unknown message type "${type.slice(0, 60)}".`)
      : errorReply('invalid-message', 'Rejected message: invalid payload at type: expected a message type.');
  }
  const parsed = PROTOCOL[type].request.safeParse(raw);
  if (!parsed.success)
    return errorReply('invalid-message', `Rejected message: invalid payload at ${issueText(parsed.error)}`);
  return { ok: true, request: parsed.data as Request };
}

/** Sends one message and returns whatever comes back (the browser's runtime messaging by default). */
export type Transport = (message: Request) => Promise<unknown>;

const runtimeTransport: Transport = (m) => browser.runtime.sendMessage(m);

/**
 * Sends a request and parses the reply on arrival: the result is typed by the request's type. A reply
 * that does not parse as that type's (or the error reply) becomes an `invalid-reply` error, logged once per
 * kind of fault. A failed send or no answer at all (no worker) throws, so the caller can retry.
 */
export async function sendRequest<R extends Request>(
  request: R,
  options: { transport?: Transport; warn?: (message: string) => void } = {},
): Promise<Response<R['type']>> {
  const raw = await (options.transport ?? runtimeTransport)(request);
  // No answer at all: nobody listened (the worker was stopped mid-message). Like a failed send, a retry helps.
  if (raw === undefined) throw new Error(`No answer to ${request.type}.`);
  const parsed = replySchemaOf(request.type).safeParse(raw);
  if (parsed.success) return parsed.data as Response<R['type']>;
  const text = `KPI Lens got an unexpected reply to ${request.type}: ${issueText(parsed.error)}`;
  logOnce(options.warn ?? defaultWarn, text);
  return errorReply('invalid-reply', text);
}

const defaultWarn = (message: string) => console.warn(message);
const logged = new WeakMap<(message: string) => void, Set<string>>();
const MAX_LOGGED = 200;

/**
 * Logs `message` through `warn` unless that same text was logged through it already: a sender that
 * resends the same bad message every few hundred milliseconds is logged once, not once per try.
 */
export function logOnce(warn: (message: string) => void, message: string): void {
  let seen = logged.get(warn);
  if (!seen) logged.set(warn, (seen = new Set()));
  if (seen.has(message)) return;
  if (seen.size >= MAX_LOGGED) seen.clear();
  seen.add(message);
  warn(message);
}

/** Who sent a message, reduced to what the background checks (a subset of `runtime.MessageSender`). */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
}
