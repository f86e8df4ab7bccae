import { browser } from 'wxt/browser';
import {
  errorReply,
  logOnce,
  parseRequest,
  type ErrorReply,
  type RequestOf,
  type RequestType,
  type Response,
  type SenderInfo,
  type SubmitResult,
} from '../messages';
import type { Platform, TableReading } from '../model';
import { localDay } from '../store/daily';
import type { KpiLensDb } from '../store/db';
import { classifyStoreError, describeStoreError } from '../store/errors';
import { saveReading, type SavedReading } from '../store/snapshots';
import {
  loadSettings as loadStoredSettings,
  updateSettings as updateStoredSettings,
  withAccountCurrency,
  withCurrencyPromptDismissed,
  type Settings,
} from '../store/settings';
import { loadStatus, recordError, recordMaintenance, recordSaved } from '../store/status';
import { listTargets, saveTarget } from '../store/targets';
import { storedRangeRows } from '../store/compare';
import { comparisonsOfTables, rangesOfTable } from '../ui/comparisons';
import {
  alertKeyOf,
  alertRowsFor,
  badgeText,
  browserAlertUi,
  browserMessageLookup,
  countOffTrack,
  logNewAlerts,
  newlyOffTrack,
  notificationFor,
  type AlertUi,
  type MessageLookup,
} from './alerts';
import { backgroundJudge } from './evaluate';
import { riskAlertRows, riskNotificationFor, riskOfReading } from './risk';
import type { EntityRisk } from '../kpi/entity-risks';
import type { RowEvaluation } from '../kpi/judge';
import { forEachEntityRow, type JudgedEntity } from '../kpi/projection';
import { saveTableRisks, type TableRisks } from '../store/risks';
import { startTablePicker, type TablePickerDeps } from './table-picker';
import { runMaintenance } from './maintenance';
import { originPermissionPattern, type Mapping } from '../mapping/schema';
import { saveMapping as storeMapping } from '../mapping/store';

export { describeStoreError } from '../store/errors';

export interface HandlerDeps {
  db: KpiLensDb;
  /** This extension's id and base URL (`chrome-extension://<id>/`). */
  extensionId: string;
  extensionBaseUrl: string;
  now(): number;
  /**
   * The platform whose supported pages include a tab's URL, or null: the registry's `platformForUrl`, handed in
   * by the entrypoint from build-time data so the worker does not bundle the page readers.
   */
  platformForUrl(url: URL): Platform | null;
  /** Whether a platform's reader is a preview, whose unread pages the user may map (default: none is). */
  isPreview?(platform: Platform): boolean;
  /** The tab and permission access the table picker needs (#15); absent: the picker cannot be started. */
  tablePicker?: TablePickerDeps;
  /** Stores a mapping (default: storage.local, lib/mapping/store.ts). */
  saveMapping?(mapping: Mapping): Promise<void>;
  /**
   * The user's mapped tables (#15): the mapping of a page while its site is allowed (which makes that page a
   * `generic` source, as an ad manager's page is its platform's), and what to do once a mapping was saved from
   * a tab (register the reader, start it there). Absent: no mapped page is recognised.
   */
  mapped?: {
    mappingFor(url: URL): Promise<Mapping | null>;
    saved(tabId: number): Promise<void>;
  };
  /** Opens the options page (for the overlay's button); absent where there is none (tests). */
  openOptions?(): Promise<void>;
  /** Notifications and the toolbar badge (default: the browser's). */
  ui?: AlertUi;
  /** Default: the stored settings. */
  loadSettings?(): Promise<Settings>;
  /** Read, change, validate and write the settings (default: the stored ones, lib/store/settings.ts). */
  updateSettings?(change: (current: Settings) => Settings): Promise<Settings>;
  /** IANA zone for alert days and budgets of accounts without a zone set (default: the browser's). */
  timeZone?: string;
  /** Locale numbers in notifications are formatted in (default: the browser UI language). */
  locale?: string;
  lookup?: MessageLookup;
  /** Keeps a table's newest risk flags for the popup (default: storage.local, lib/store/risks.ts). */
  saveRisks?(table: TableRisks, now: number): Promise<void>;
  /** Where an unknown or malformed message is logged, once (default: console.warn). */
  warn?(message: string): void;
}

const reject = (error: string): ErrorReply => errorReply('rejected', `Rejected message: ${error}`);
const failed = (error: string): ErrorReply => errorReply('failed', error);
const defaultWarn = (message: string) => console.warn(message);

/** What every handler is given: the checked sender and the worker's dependencies. */
interface Context {
  /** The supported ad-manager platform of the sending tab, or null. */
  page: Platform | null;
  /** The popup or another page of this extension. */
  extensionPage: boolean;
  tabId: number | undefined;
  hasTab: boolean;
  /** The sending tab's address (a content script's page), or null. */
  tabUrl: URL | null;
  deps: HandlerDeps;
}

/** One handler per request type, each answering with its own type's reply (or the error reply). */
type Handlers = { [T in RequestType]: (message: RequestOf<T>, ctx: Context) => Promise<Response<T>> };

const HANDLERS: Handlers = {
  async 'snapshot:submit'(message, { page, tabId, deps }) {
    if (!page || tabId === undefined)
      return reject('readings are accepted only from supported ad-manager pages.');
    if (page !== message.reading.context.platform)
      return reject(`a ${message.reading.context.platform} reading from a ${page} page.`);
    return submit(message.reading, tabId, deps);
  },
  async ping(_message, { extensionPage, hasTab }) {
    if (!extensionPage && !hasTab) return reject('unexpected sender.');
    return { ok: true, type: 'ping' };
  },
  async 'targets:list'(_message, ctx) {
    if (!ctx.page && !ctx.extensionPage) return reject('unexpected sender.');
    return readData(async () => ({
      ok: true,
      type: 'targets:list',
      targets: await listTargets(ctx.deps.db),
    }));
  },
  async 'status:get'(_message, ctx) {
    if (!ctx.page && !ctx.extensionPage) return reject('unexpected sender.');
    return readData(async () => ({ ok: true, type: 'status:get', status: await loadStatus() }));
  },
  async 'options:open'(_message, { page, extensionPage, deps }) {
    if (!page && !extensionPage) return reject('unexpected sender.');
    const { openOptions } = deps;
    if (!openOptions) return failed('The options page cannot be opened here.');
    return readData(async () => {
      await openOptions();
      return { ok: true, type: 'options:open' };
    });
  },
  async 'maintenance:run'(_message, { extensionPage, deps }) {
    if (!extensionPage) return reject('only the extension’s own pages may run maintenance.');
    const now = deps.now();
    try {
      const settings = await (deps.loadSettings ?? loadStoredSettings)();
      const report = await runMaintenance(deps.db, settings, now, { dayOf: dayOfIn(deps.timeZone) });
      await recordMaintenance(now).catch(() => undefined);
      return {
        ok: true,
        type: 'maintenance:run',
        rolledUp: report.rolledUp,
        pruned: report.pruned?.snapshots ?? 0,
      };
    } catch (error) {
      return failed(`Maintenance failed: ${describeStoreError(error)}`);
    }
  },
  // The overlay of a supported page answers for an account of its own platform only.
  async 'account-currency:set'(message, { page, deps }) {
    if (!page || page !== message.platform) return reject(CURRENCY_SENDER);
    const { platform, accountId, currency } = message;
    return saveSetting(deps, (s) => withAccountCurrency(s, platform, accountId, currency), {
      ok: true,
      type: 'account-currency:set',
      currency,
    });
  },
  async 'account-currency:dismiss'(message, { page, deps }) {
    if (!page || page !== message.platform) return reject(CURRENCY_SENDER);
    const at = deps.now();
    return saveSetting(deps, (s) => withCurrencyPromptDismissed(s, message.platform, message.accountId, at), {
      ok: true,
      type: 'account-currency:dismiss',
    });
  },
  async 'target:save'(message, { page, deps }) {
    const { scope } = message.target;
    if (!page || (scope.kind !== 'all' && scope.platform !== page))
      return reject('targets are set only from a supported page, for its own platform.');
    try {
      return { ok: true, type: 'target:save', target: await saveTarget(deps.db, message.target) };
    } catch (error) {
      return failed(`The target could not be saved: ${describeStoreError(error)}`);
    }
  },
  async 'compare:get'(message, { page, extensionPage, deps }) {
    if (!extensionPage && page !== message.platform)
      return reject('comparisons are asked only from a supported page of that platform.');
    return readData(async () => ({
      ok: true,
      type: 'compare:get',
      comparison: await comparisonOf(deps, message),
    }));
  },
  async 'table-picker:start'(message, { extensionPage, deps }) {
    if (!extensionPage) return reject('only the extension’s own pages may start the table picker.');
    return pickerStarted('table-picker:start', deps, message.tabId, false);
  },
  async 'table-picker:here'(_message, { page, tabId, deps }) {
    if (!page || page === 'generic' || !deps.isPreview?.(page) || tabId === undefined)
      return reject('only a preview ad-manager page asks to map its own table.');
    return pickerStarted('table-picker:here', deps, tabId, true);
  },
  async 'mapping:for-page'(_message, { extensionPage, tabUrl, deps }) {
    if (extensionPage || !tabUrl) return reject('only a page asks for its own mapping.');
    return readData(async () => ({
      ok: true,
      type: 'mapping:for-page',
      mapping: (await deps.mapped?.mappingFor(tabUrl)) ?? null,
    }));
  },
  async 'mapping:save'(message, { extensionPage, tabUrl, tabId, deps }) {
    const { mapping } = message;
    if (extensionPage || !tabUrl || tabUrl.origin !== mapping.origin)
      return reject('a mapping is saved only from a page of its own site.');
    const granted = await deps.tablePicker
      ?.hasOriginPermission(originPermissionPattern(mapping.origin))
      .catch(() => false);
    if (!granted) return reject('the user has not allowed this site.');
    try {
      await (deps.saveMapping ?? storeMapping)(mapping);
    } catch (error) {
      return failed(`The mapping could not be saved: ${describeStoreError(error)}`);
    }
    // Saved is saved: the reader starting late (or not in this tab) is reported, never undoes the save.
    if (tabId !== undefined)
      await deps.mapped?.saved(tabId).catch((error: unknown) => {
        (deps.warn ?? defaultWarn)(`KPI Lens: the mapped table reader did not start: ${String(error)}`);
      });
    return { ok: true, type: 'mapping:save', id: mapping.id };
  },
};

/** The table picker put into a tab (`builtInFailed`: a preview page asking to map its table), or why not. */
async function pickerStarted<T extends 'table-picker:start' | 'table-picker:here'>(
  type: T,
  deps: HandlerDeps,
  tabId: number,
  builtInFailed: boolean,
): Promise<Response<T>> {
  if (!deps.tablePicker) return failed('The table picker cannot be started here.');
  try {
    const refused = await startTablePicker(tabId, deps.tablePicker, { builtInFailed });
    return refused ? reject(refused) : ({ ok: true, type } as Response<T>);
  } catch (error) {
    return failed(
      `The table picker could not be started: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The stored table of the request against its comparison ranges (lib/ui/comparisons.ts), or null. */
async function comparisonOf(deps: HandlerDeps, q: RequestOf<'compare:get'>) {
  const table = { platform: q.platform, accountId: q.accountId, level: q.level };
  const ranges = rangesOfTable({ ...table, accountName: null, dateStart: q.dateStart, dateEnd: q.dateEnd });
  if (!ranges) return null;
  const [rows, previous, lastYear, settings] = await Promise.all([
    storedRangeRows(deps.db, table, { start: q.dateStart, end: q.dateEnd }),
    storedRangeRows(deps.db, table, ranges.previous),
    storedRangeRows(deps.db, table, ranges.lastYear),
    (deps.loadSettings ?? loadStoredSettings)(),
  ]);
  if (!rows) return null;
  const current = {
    ...table,
    accountName: rows.find((r) => r.accountName)?.accountName ?? null,
    dateStart: q.dateStart,
    dateEnd: q.dateEnd,
    rows,
  };
  return comparisonsOfTables([current], [{ previous, lastYear }], settings.accountCurrencies)[0] ?? null;
}

const CURRENCY_SENDER = 'account currencies are answered only from a supported page of that platform.';

/**
 * Accepts a message only when it parses and comes from where that message type may come from:
 * readings from a content script on a supported page of the same platform, everything else from the
 * extension's own pages (and, for what the overlay needs, supported pages). An unknown or malformed
 * message is answered with a typed error, logged once (lib/messages.ts `logOnce`) and changes nothing.
 * Returns the request type's reply or an error reply; never throws.
 */
export async function handleMessage(raw: unknown, sender: SenderInfo, deps: HandlerDeps): Promise<Response> {
  const parsed = parseRequest(raw);
  if (!parsed.ok) {
    logOnce(deps.warn ?? defaultWarn, parsed.error);
    return parsed;
  }
  if (sender.id !== deps.extensionId) return reject('sender is not this extension.');
  const extensionPage = isExtensionPage(sender, deps.extensionBaseUrl);
  const tabUrl = sender.tab ? safeUrl(sender.tab.url ?? sender.url) : null;
  const ctx: Context = {
    // A page the user mapped is a `generic` source, also on an ad manager whose preview reader could not read it.
    page: (extensionPage ? null : await mappedPageOf(tabUrl, deps)) ?? supportedPageOf(sender, deps),
    extensionPage,
    tabId: sender.tab?.id,
    hasTab: sender.tab !== undefined,
    tabUrl,
    deps,
  };
  return dispatch(parsed.request, ctx);
}

/** Calls the handler of the request's own type (the map above ties each type to its reply). */
function dispatch<T extends RequestType>(
  request: RequestOf<T> & { type: T },
  ctx: Context,
): Promise<Response<T>> {
  const handler = HANDLERS[request.type] as (message: RequestOf<T>, ctx: Context) => Promise<Response<T>>;
  return handler(request, ctx);
}

async function readData<T>(read: () => Promise<T>): Promise<T | ErrorReply> {
  try {
    return await read();
  } catch (error) {
    return failed(`KPI Lens could not read its data: ${describeStoreError(error)}`);
  }
}

/**
 * The panel's currency question answered: the account's currency setting (which the popup, CSV and the
 * overlays of every open tab apply to the account's rows, stored ones too), or "don't ask again".
 * Settings change through storage, so every tab's overlay sees the change and drops the question.
 */
async function saveSetting<R>(
  deps: HandlerDeps,
  change: (current: Settings) => Settings,
  reply: R,
): Promise<R | ErrorReply> {
  try {
    await (deps.updateSettings ?? updateStoredSettings)(change);
    return reply;
  } catch (error) {
    return failed(`The setting could not be saved: ${describeStoreError(error)}`);
  }
}

/** Stores the reading (one transaction), then judges it, alerts and sets the badge. */
async function submit(
  reading: TableReading,
  tabId: number,
  deps: HandlerDeps,
): Promise<Response<'snapshot:submit'>> {
  const now = deps.now();
  let saved: SavedReading;
  try {
    saved = await saveReading(deps.db, reading, now);
  } catch (error) {
    const message = `Could not save this reading: ${describeStoreError(error)}`;
    // The popup shows this; storage.local is separate from the (full or closed) database.
    await recordError(now, classifyStoreError(error), message).catch(() => undefined);
    return failed(message);
  }
  if (saved.outcome.notStoredReason === null)
    await recordSaved(now, saved.outcome.stored).catch(() => undefined);
  const judged = await judge(reading, saved, tabId, now, deps);
  return { ok: true, type: 'snapshot:submit', ...saved.outcome, ...judged };
}

type Judged = Pick<SubmitResult, 'offTrack' | 'risks' | 'evaluationError'>;

/** Evaluation and alerts never undo or fail a save: their errors are reported beside the saved result. */
async function judge(
  reading: TableReading,
  saved: SavedReading,
  tabId: number,
  now: number,
  deps: HandlerDeps,
): Promise<Judged> {
  const ui = deps.ui ?? browserAlertUi();
  try {
    const [targets, settings] = await Promise.all([
      listTargets(deps.db),
      (deps.loadSettings ?? loadStoredSettings)(),
    ]);
    const timeZone = deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const judgeOf = backgroundJudge(settings, targets, now, timeZone);
    const { entities, evaluations: current } = judgeOf.readingEntities(reading);
    const offTrack = countOffTrack(current);
    await ui.setBadge(tabId, settings.alerts.badge ? badgeText(offTrack) : '').catch(() => undefined);

    const { context } = reading;
    if (saved.rows.length > 0 && context.accountId) {
      const previous = judgeOf.stored(saved.previous.flatMap((p) => (p ? [p] : [])));
      const names = new Map(saved.rows.map((r) => [r.entityKey, r.entityName]));
      const events = newlyOffTrack(previous, current, names);
      const ctx = {
        platform: context.platform,
        accountId: context.accountId,
        level: context.level,
        day: localDay(now, timeZone),
        at: now,
      };
      const fresh = new Set((await logNewAlerts(deps.db, alertRowsFor(events, ctx))).map((a) => a.key));
      const toNotify = events.filter((e) => fresh.has(alertKeyOf(ctx, e.entityKey, e.targetId)));
      const content = notificationFor(
        toNotify,
        deps.locale ?? uiLanguage(),
        deps.lookup ?? browserMessageLookup(),
      );
      if (content && settings.alerts.notify)
        await ui.notify(`kpi-lens-offtrack:${ctx.day}:${now}`, content).catch(() => undefined);
    }
    // The flags are extra: a failure there (e.g. reading the history) leaves the badge's count as it is.
    const risks = await flagRisks(reading, entities, current, settings, { now, timeZone, deps, ui }).catch(
      (error: unknown) => {
        (deps.warn ?? defaultWarn)(`KPI Lens could not judge the risk flags: ${String(error)}`);
        return [];
      },
    );
    return { offTrack, risks, evaluationError: null };
  } catch (error) {
    return {
      offTrack: 0,
      risks: [],
      evaluationError: `Saved, but the KPIs could not be judged: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/**
 * Today's risk flags of the reading's entities: returned to the overlay (chips, panel), kept for the popup
 * (lib/store/risks.ts), and notified once per entity, rule and day (the alert log), as the alert settings
 * allow. A reading without an account id has no stored history and no flags.
 */
async function flagRisks(
  reading: TableReading,
  entities: readonly JudgedEntity[],
  evaluations: readonly RowEvaluation[],
  settings: Settings,
  env: { now: number; timeZone: string; deps: HandlerDeps; ui: AlertUi },
): Promise<EntityRisk[]> {
  const { now, timeZone, deps, ui } = env;
  const { platform, accountId, level } = reading.context;
  if (!accountId) return [];
  const risks = await riskOfReading(deps.db, reading, entities, evaluations, settings, now, timeZone);
  const names = new Map<string, string | null>();
  forEachEntityRow(reading, (row, key) => names.set(key, row.entityName));
  await (deps.saveRisks ?? saveTableRisks)(
    {
      platform,
      accountId,
      level,
      at: now,
      entities: risks.map((r) => ({ ...r, entityName: names.get(r.entityKey) ?? null })),
    },
    now,
  ).catch(() => undefined);
  if (risks.length === 0) return risks;
  const ctx = { platform, accountId, level, day: localDay(now, timeZone), at: now };
  const fresh = await logNewAlerts(deps.db, riskAlertRows(risks, ctx, names));
  const content = riskNotificationFor(
    fresh,
    risks,
    deps.locale ?? uiLanguage(),
    deps.lookup ?? browserMessageLookup(),
  );
  if (content && settings.alerts.notify)
    await ui.notify(`kpi-lens-risk:${ctx.day}:${now}`, content).catch(() => undefined);
  return risks;
}

/** The platform of the supported ad-manager page a content script runs on, or null. */
function supportedPageOf(sender: SenderInfo, deps: HandlerDeps): Platform | null {
  if (!sender.tab) return null;
  const url = safeUrl(sender.tab.url ?? sender.url);
  return url ? deps.platformForUrl(url) : null;
}

/** `generic` for a page of a table the user mapped, on a site they allow; else null (never throws). */
async function mappedPageOf(url: URL | null, deps: HandlerDeps): Promise<Platform | null> {
  if (!url || !deps.mapped) return null;
  const mapping = await deps.mapped.mappingFor(url).catch(() => null);
  return mapping ? 'generic' : null;
}

/** The popup (no tab) or an extension page open in a tab (options). Chrome sets `url` to the frame's. */
function isExtensionPage(sender: SenderInfo, base: string): boolean {
  if (!sender.url?.startsWith(base)) return false;
  return !sender.tab || (sender.tab.url?.startsWith(base) ?? true);
}

function dayOfIn(timeZone: string | undefined): (ms: number) => string {
  return (ms) => localDay(ms, timeZone);
}

function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return Intl.DateTimeFormat().resolvedOptions().locale;
  }
}

function safeUrl(text: string | undefined): URL | null {
  if (!text) return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
