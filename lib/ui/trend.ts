import type { KpiId } from '@/lib/kpi/definitions';
import type { FxTable } from '@/lib/kpi/fx';
import { previousEqualRange } from '@/lib/kpi/trends';
import { KPI_DEFINITIONS } from '@/lib/kpi/definitions';
import { scopeRank, type TargetScope } from '@/lib/kpi/targets';
import type { Snapshot } from '@/lib/model';
import { blendedKpi } from './blend';
import { accountKey, rowsForRange, type CurrentSet } from './current';

/**
 * The trend of a KPI over recent captures of the view's current tables, and its change against the
 * previous range of equal length.
 *
 * A capture stores only the rows whose numbers changed, so the state of a table at a capture is, for
 * each entity, its newest row at or before that moment. Only captures of the same reporting range and
 * level as the current table are used: mixing "today" with "this month" would draw jumps that are not
 * changes in performance.
 */

export interface TrendPoint {
  capturedAt: number;
  value: number | null;
}

export interface Trend {
  kpi: KpiId;
  points: TrendPoint[];
  /** Currency of money values; null for ratios or when no point has a value. */
  currency: string | null;
}

function sameTable(s: Snapshot, set: CurrentSet): boolean {
  return (
    s.platform === set.platform &&
    s.accountId === set.accountId &&
    s.level === set.level &&
    s.dateStart === set.dateStart &&
    s.dateEnd === set.dateEnd
  );
}

export function trendOf(
  kpi: KpiId,
  sets: readonly CurrentSet[],
  snapshots: readonly Snapshot[],
  options: { fx?: FxTable | null; margin?: number | null; scope?: TargetScope } = {},
): Trend {
  const scope = options.scope;
  const relevant = snapshots
    .filter((s) => sets.some((set) => sameTable(s, set)) && (!scope || scopeRank(scope, s) >= 0))
    .sort((a, b) => a.capturedAt - b.capturedAt);
  const accounts = new Set(
    sets.filter((set) => relevant.some((s) => accountKey(s) === accountKey(set))).map(accountKey),
  );
  const state = new Map<string, Map<string, Snapshot>>();
  const points: TrendPoint[] = [];
  let currency: string | null = null;
  for (let i = 0; i < relevant.length;) {
    const at = relevant[i]!.capturedAt;
    for (; i < relevant.length && relevant[i]!.capturedAt === at; i++) {
      const s = relevant[i]!;
      const key = accountKey(s);
      let entities = state.get(key);
      if (!entities) state.set(key, (entities = new Map()));
      entities.set(s.entityKey, s);
    }
    // A total over several accounts starts once every one of them has been read.
    if (state.size < accounts.size) continue;
    const rows = [...state.values()].flatMap((m) => [...m.values()]);
    const result = blendedKpi(kpi, rows, options);
    if (result.value !== null && result.currency) currency = result.currency;
    points.push({ capturedAt: at, value: result.value });
  }
  return { kpi, points, currency: KPI_DEFINITIONS[kpi].unit === 'money' ? currency : null };
}

export interface RangeComparison {
  current: number | null;
  previous: number | null;
  /** (current − previous) ÷ |previous|; null when unknown or previous is 0. */
  change: number | null;
  /** The move is for the better given the KPI's direction; null when unchanged or unknown. */
  improved: boolean | null;
  currency: string | null;
  /** The previous range (of the first account that has one), for the label. */
  previousRange: { start: string; end: string } | null;
  /** Accounts compared (those whose previous range was read too). */
  accounts: number;
}

/**
 * The KPI over the current tables against the same tables for the previous range of equal length, as far
 * as the user has looked at that range. Only accounts read for both ranges are compared, like for like.
 */
export function compareWithPreviousRange(
  kpi: KpiId,
  sets: readonly CurrentSet[],
  latest: readonly Snapshot[],
  options: { fx?: FxTable | null; margin?: number | null; scope?: TargetScope } = {},
): RangeComparison {
  const inScope = (r: Snapshot) => !options.scope || scopeRank(options.scope, r) >= 0;
  const current: Snapshot[] = [];
  const previous: Snapshot[] = [];
  let previousRange: RangeComparison['previousRange'] = null;
  let accounts = 0;
  for (const set of sets) {
    if (!set.dateStart || !set.dateEnd) continue;
    const range = previousEqualRange(set.dateStart, set.dateEnd);
    if (!range) continue;
    const before = rowsForRange(latest, set, range).filter(inScope);
    const now = set.rows.filter(inScope);
    if (before.length === 0 || now.length === 0) continue;
    previousRange ??= range;
    accounts += 1;
    current.push(...now);
    previous.push(...before);
  }
  const cur = accounts > 0 ? blendedKpi(kpi, current, options) : null;
  const prev = accounts > 0 ? blendedKpi(kpi, previous, options) : null;
  const a = cur?.value ?? null;
  const b = prev?.value ?? null;
  const comparable = a !== null && b !== null && cur?.currency === prev?.currency;
  const delta = comparable ? a - b : null;
  return {
    current: a,
    previous: b,
    change: delta === null || b === 0 ? null : delta / Math.abs(b!),
    improved:
      delta === null || delta === 0 ? null : KPI_DEFINITIONS[kpi].better === 'higher' ? delta > 0 : delta < 0,
    currency: cur?.currency ?? null,
    previousRange,
    accounts,
  };
}

/** First and last known values of a trend, for its text summary. */
export function trendEnds(points: readonly TrendPoint[]): {
  first: number | null;
  last: number | null;
  known: number;
} {
  const known = points.filter((p) => p.value !== null);
  return {
    first: known[0]?.value ?? null,
    last: known[known.length - 1]?.value ?? null,
    known: known.length,
  };
}
