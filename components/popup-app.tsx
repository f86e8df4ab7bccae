import { useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { uiLocale } from '@/lib/i18n';
import type { KpiId } from '@/lib/kpi/definitions';
import type { Snapshot } from '@/lib/model';
import type { Target } from '@/lib/kpi/targets';
import { getDb, type AccountRow, type KpiLensDb } from '@/lib/store/db';
import { knownAccounts } from '@/lib/store/accounts';
import { currentLatestRows, currentRangeFloor, targetEntities } from '@/lib/store/current';
import { accountRange } from '@/lib/store/snapshots';
import { storedRangeRows } from '@/lib/store/compare';
import { comparisonsOfTables, rangesOfTable, type TableComparison } from '@/lib/ui/comparisons';
import { listTargets } from '@/lib/store/targets';
import { ADAPTERS, platformForUrl } from '@/lib/platforms/registry';
import { readableSiteOf } from '@/lib/ui/read-site';
import type { Settings } from '@/lib/store/settings';
import { EMPTY_STATUS } from '@/lib/store/status';
import { currentSets, type CurrentSet } from '@/lib/ui/current';
import { scopeNamesOf } from '@/lib/ui/display';
import { buildPopupModel, trendQueries } from '@/lib/ui/popup-model';
import {
  ALL,
  csvFilterOfView,
  initialScope,
  inScope,
  parseScopeKey,
  scopeFromTabUrl,
  scopeKey,
  scopeOptions,
  type ViewScope,
} from '@/lib/ui/scope';
import { browserTimeZone, useLanguage, useNow, useRisks, useSettings, useStatus } from './shared/hooks';
import { listedRisks, type ListedRisk } from '@/lib/store/risks';
import { storedWindowRows } from '@/lib/store/day-history';
import { seasonalRanges, seasonalSeries, type SeasonalSeries } from '@/lib/ui/seasonality';
import { PopupView } from './popup/popup-view';
import type { ReadSiteOutcome } from './popup/read-site';

const SUPPORTED_PLATFORMS = ADAPTERS.map((a) => a.label);

/** The active tab's scope. Without the `tabs` permission the URL is usually hidden: then null. */
function activeTabScope(): Promise<ViewScope | null> {
  return browser.tabs
    .query({ active: true, currentWindow: true })
    .then((tabs) => scopeFromTabUrl(tabs[0]?.url))
    .catch(() => null);
}

interface ActiveTab {
  id: number | undefined;
  /** Hidden by the browser unless KPI Lens may read the tab's site. */
  url: string | undefined;
}

function useActiveTab(): ActiveTab | undefined {
  const [tab, setTab] = useState<ActiveTab>();
  useEffect(() => {
    browser.tabs.query({ active: true, currentWindow: true }).then(
      (tabs) => setTab({ id: tabs[0]?.id, url: tabs[0]?.url }),
      () => setTab({ id: undefined, url: undefined }),
    );
  }, []);
  return tab;
}

/**
 * "Read a table on this site": asks for the site's permission on the click itself (the user gesture the
 * browser requires; nothing is awaited before it), then has the worker show the page's tables.
 */
function readSiteStart(tabId: number, pattern: string): () => Promise<ReadSiteOutcome> {
  return async () => {
    const granted = await browser.permissions.request({ origins: [pattern] });
    if (!granted) return 'denied';
    // The message protocol is loaded on this click, not with the popup.
    const { sendRequest } = await import('@/lib/messages');
    const reply = await sendRequest({ type: 'table-picker:start', tabId });
    if (!reply.ok) throw new Error(reply.error);
    window.close();
    return 'started';
  };
}

function useReadSite(tabScope: ViewScope | null | undefined) {
  const tab = useActiveTab();
  return useMemo(() => {
    // A supported ad manager's page is read by itself; nothing to offer until the tab is known.
    if (!tab || tabScope !== null) return undefined;
    const site = readableSiteOf(tab.url, (url) => platformForUrl(url) !== null);
    const openMappings = () =>
      void browser.tabs.create({ url: browser.runtime.getURL('/options.html#mappings') });
    const start =
      site && tab.id !== undefined
        ? readSiteStart(tab.id, site.pattern)
        : async (): Promise<ReadSiteOutcome> => 'denied';
    return { site: tab.id === undefined ? null : site, start, openMappings };
  }, [tab, tabScope]);
}

function useTabScope(initial: ViewScope | null | undefined): ViewScope | null | undefined {
  const [scope, setScope] = useState<ViewScope | null | undefined>(initial);
  useEffect(() => {
    if (initial === undefined) void activeTabScope().then(setScope);
  }, [initial]);
  return scope;
}

/** What the popup's first render needs, read before React starts so that it draws the goals at once. */
export interface PopupPreload {
  settings?: Settings;
  tabScope?: ViewScope | null;
  targets?: Target[];
  accounts?: AccountRow[];
  latest?: Snapshot[];
}

/**
 * Starts every read of the first render at once (settings, tab, database), while React is still loading;
 * the live queries take over from these values. A read that fails is left to the live query to retry.
 */
export async function preloadPopup(db: KpiLensDb, settings: Promise<Settings>): Promise<PopupPreload> {
  const floor = currentRangeFloor(Date.now());
  const targets = listTargets(db);
  const [s, tabScope, t, accounts, latest] = await Promise.allSettled([
    settings,
    activeTabScope(),
    targets,
    knownAccounts(db),
    targets.then((list) => currentLatestRows(db, { floor, entities: targetEntities(list) })),
  ]);
  const value = <T,>(r: PromiseSettledResult<T>) => (r.status === 'fulfilled' ? r.value : undefined);
  return {
    settings: value(s),
    tabScope: value(tabScope),
    targets: value(t),
    accounts: value(accounts),
    latest: value(latest),
  };
}

/** Data and state of the popup; everything shown is computed in lib/ui and rendered by PopupView. */
export function PopupApp({ initial = {} }: { initial?: PopupPreload }) {
  const db = getDb();
  const settings = useSettings(initial.settings);
  const status = useStatus();
  const language = useLanguage(settings?.language);
  const now = useNow();
  const tabScope = useTabScope(initial.tabScope);
  const readSite = useReadSite(tabScope);
  const [chosen, setChosen] = useState<string | null>(null);
  const [trendKpi, setTrendKpi] = useState<KpiId | null>(null);

  const floor = currentRangeFloor(now);
  const targets = useLiveQuery(() => listTargets(db), [db], initial.targets);
  const accounts = useLiveQuery(() => knownAccounts(db), [db], initial.accounts);
  // Only the rows the view can show, not the whole history (lib/store/current.ts).
  const latest = useLiveQuery(
    async () => currentLatestRows(db, { floor, entities: targetEntities(await listTargets(db)) }),
    [db, floor],
    initial.latest,
  );

  const viewKey = chosen ?? scopeKey(initialScope(tabScope ?? null));
  const view = useMemo(() => parseScopeKey(viewKey) ?? ALL, [viewKey]);
  const sets = useMemo(
    () => (latest ? currentSets(latest).filter((s) => inScope(s, view)) : []),
    [latest, view],
  );
  const trendSnapshots = useTrendSnapshots(db, sets, now);

  const comparisons = useComparisons(db, sets, settings);

  const locale = uiLocale();
  const model = useMemo(() => {
    if (!latest || !targets || !settings || tabScope === undefined) return undefined;
    return buildPopupModel({
      latest,
      targets,
      settings,
      status: status ?? EMPTY_STATUS,
      view,
      now,
      defaultTimeZone: browserTimeZone(),
      trendSnapshots: trendSnapshots ?? ([] as Snapshot[]),
      trendKpi,
    });
    // `language` is listed so that a language switch recomputes (and re-renders) everything.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [latest, targets, settings, status, view, tabScope, now, trendSnapshots, trendKpi, language]);

  const risks = useListedRisks(view, now);
  const seasonal = useSeasonal(db, sets[0], model?.trend?.kpi ?? null, settings);
  const names = useMemo(() => scopeNamesOf(latest ?? []), [latest]);
  const options = useMemo(() => scopeOptions(accounts ?? [], tabScope ?? null), [accounts, tabScope]);

  return (
    <PopupView
      key={language}
      model={model}
      locale={locale}
      now={now}
      scopeOptions={options}
      scopeKey={viewKey}
      onScopeChange={setChosen}
      trendKpi={trendKpi}
      onTrendKpiChange={setTrendKpi}
      names={names}
      comparisons={comparisons}
      risks={risks}
      seasonal={seasonal}
      supportedPlatforms={SUPPORTED_PLATFORMS}
      readSite={readSite}
      exportCsv={async (onProgress) => {
        // The CSV writer is loaded on the first export, not with the popup.
        const { downloadSnapshotsCsv } = await import('@/lib/export/download');
        return downloadSnapshotsCsv(db, csvFilterOfView(view), { onProgress });
      }}
      openOptions={() => void browser.runtime.openOptionsPage()}
    />
  );
}

/** Today's risk flags of the view's tables, as the worker kept them (lib/store/risks.ts), live. */
function useListedRisks(view: ViewScope, now: number): ListedRisk[] | undefined {
  const stored = useRisks();
  return useMemo(
    () => (stored ? listedRisks(stored, (table) => inScope(table, view), now) : undefined),
    [stored, view, now],
  );
}

/** The view's recent captures for the trend: one index range per current table (lib/ui/popup-model.ts). */
function useTrendSnapshots(db: KpiLensDb, sets: readonly CurrentSet[], now: number): Snapshot[] | undefined {
  const queries = trendQueries(sets, now);
  const queryKey = JSON.stringify(
    queries.map((q) => [q.platform, q.accountId, q.level, Math.floor(q.from / 3_600_000)]),
  );
  return useLiveQuery(
    async () => {
      const parts = await Promise.all(
        queries.map((q) =>
          accountRange(db, q.platform, q.accountId, q.from, q.to, { level: q.level, limit: 20_000 }),
        ),
      );
      return parts.flat();
    },
    // The queries change with `sets`, captured by this key.
    [db, queryKey],
  );
}

/**
 * The view's first table by day beside its previous period and its same period last year, for the trend's
 * KPI: three index ranges of stored sets (lib/store/day-history.ts), read after the goals have drawn.
 */
function useSeasonal(
  db: KpiLensDb,
  table: CurrentSet | undefined,
  kpi: KpiId | null,
  settings: Settings | undefined,
): SeasonalSeries | null | undefined {
  const range = table?.dateStart && table.dateEnd ? { start: table.dateStart, end: table.dateEnd } : null;
  const ranges = range ? seasonalRanges(range) : null;
  const key = JSON.stringify(table && ranges ? [table.platform, table.accountId, table.level, ranges] : null);
  const stored = useLiveQuery(async () => {
    if (!table || !ranges) return { key, rows: null };
    const [current, previous, lastYear] = await Promise.all(
      [ranges.current, ranges.previous, ranges.lastYear].map((r) => storedWindowRows(db, table, r)),
    );
    return { key, rows: { current: current!, previous: previous!, lastYear: lastYear! } };
  }, [db, key]);
  return useMemo(() => {
    if (!stored || stored.key !== key || !kpi || !settings || !table || !range) return undefined;
    if (!stored.rows) return null;
    return seasonalSeries(kpi, table.level, range, stored.rows, {
      margin: settings.margin,
      accountCurrencies: settings.accountCurrencies,
    });
    // `range` and `table` are captured by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stored, key, kpi, settings]);
}

/** At most this many tables are compared (one per account of the view, newest first). */
const MAX_COMPARED_TABLES = 4;

/**
 * Each current table of the view against its previous period and its same period last year: two stored
 * sets read by key per table (lib/store/compare.ts), after the goals have drawn.
 */
function useComparisons(
  db: KpiLensDb,
  sets: readonly CurrentSet[],
  settings: Settings | undefined,
): TableComparison[] | undefined {
  const tables = sets.slice(0, MAX_COMPARED_TABLES);
  const key = JSON.stringify(tables.map((s) => [s.platform, s.accountId, s.level, s.dateStart, s.dateEnd]));
  const stored = useLiveQuery(
    async () => ({
      key,
      parts: await Promise.all(
        tables.map(async (table) => {
          const ranges = rangesOfTable(table);
          if (!ranges) return null;
          const [previous, lastYear] = await Promise.all([
            storedRangeRows(db, table, ranges.previous),
            storedRangeRows(db, table, ranges.lastYear),
          ]);
          return { previous, lastYear };
        }),
      ),
    }),
    // The tables change with `sets`, captured by this key.
    [db, key],
  );
  // The current rows come from `sets` (a new reading of the same range changes them, not the key).
  return useMemo(() => {
    const current = sets.slice(0, MAX_COMPARED_TABLES);
    // A result read for other tables (the view just changed) is not paired with these.
    return stored && settings && stored.key === key
      ? comparisonsOfTables(current, stored.parts, settings.accountCurrencies)
      : undefined;
  }, [stored, settings, sets, key]);
}
