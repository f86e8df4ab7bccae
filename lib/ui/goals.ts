import type { AccountCurrencies } from '@/lib/kpi/currency-policy';
import type { KpiId } from '@/lib/kpi/definitions';
import { kpiOfMetrics } from '@/lib/kpi/formulas';
import type { FxTable } from '@/lib/kpi/fx';
import { judgeEntity, judgeTotal, type JudgeSettings, type KpiResult } from '@/lib/kpi/judge';
import { addDays, dayPosition, isValidTimeZone, toIsoDate, type Pacing } from '@/lib/kpi/pacing';
import {
  scopeRank,
  type EvaluationUnknownReason,
  type Target,
  type TargetKpi,
  type TargetScope,
  type TargetStatus,
} from '@/lib/kpi/targets';
import type { Snapshot } from '@/lib/model';
import { LEVELS } from '@/lib/model';
import { blendedKpi, inOneCurrency, type BlendProblem } from './blend';
import { accountKey, byAccount, type CurrentSet } from './current';
import { inScope, type ViewScope } from './scope';

/**
 * Goal progress for the popup: each of the user's targets that concerns the chosen scope, judged on the
 * scope's current numbers, and the entities furthest off their targets.
 */

export interface GoalSettings {
  margin: number | null;
  fx: FxTable | null;
  /** `<platform>:<accountId>` → IANA zone. */
  timeZones: Record<string, string>;
  /** For accounts without a zone of their own (the browser's). */
  defaultTimeZone: string;
  /**
   * `<platform>:<accountId>` → the account's currency (lib/kpi/projection.ts applies it to rows read from
   * a page; stored rows come with it applied already).
   */
  accountCurrencies?: AccountCurrencies;
  /** The KPIs the user chose to see on every row (lib/kpi/judge.ts `shownKpisOf`); absent: none. */
  shownKpis?: readonly KpiId[];
}

export type GoalReason = EvaluationUnknownReason | BlendProblem | KpiResult['reason'] | 'no-rows';

export interface GoalView {
  target: Target;
  /** The KPI's value over the scope (budgets: spend to date), in `currency` for money KPIs. */
  value: number | null;
  currency: string | null;
  /** The target in `currency` (budgets: the spend expected by now). */
  comparedWith: number | null;
  status: TargetStatus;
  /** Signed, 0.2 = 20 % worse than the target (ROMI: points); null when unknown. */
  distance: number | null;
  reason: GoalReason | null;
  rowsUsed: number;
  rowsTotal: number;
  complete: boolean;
  pacing: Pacing | null;
  /** Rows behind the value (for the trend and the change against the previous range). */
  rows: Snapshot[];
}

/** True when the target's scope covers every row the view can show. */
export function targetCoversView(scope: TargetScope, view: ViewScope): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'platform':
      return view.kind !== 'all' && view.platform === scope.platform;
    case 'account':
      return (
        view.kind === 'account' && view.platform === scope.platform && view.accountId === scope.accountId
      );
    case 'campaign':
      return false;
  }
}

/** True when the target's scope and the view share at least one possible row. */
export function targetTouchesView(scope: TargetScope, view: ViewScope): boolean {
  if (scope.kind === 'all' || view.kind === 'all') return true;
  if (scope.platform !== view.platform) return false;
  if (scope.kind === 'platform' || view.kind === 'platform') return true;
  return scope.accountId === view.accountId;
}

const SCOPE_RANK = { all: 0, platform: 1, account: 2, campaign: 3 } as const;

/**
 * The targets to show for a view, in the user's order: for each KPI, of the targets that cover the whole
 * view only the most specific (it overrides the broader ones there); targets narrower than the view are
 * each shown on their own rows.
 */
export function targetsForView(targets: readonly Target[], view: ViewScope): Target[] {
  const winner = new Map<TargetKpi, Target>();
  for (const t of targets) {
    if (!targetCoversView(t.scope, view)) continue;
    const best = winner.get(t.kpi);
    if (!best || SCOPE_RANK[t.scope.kind] > SCOPE_RANK[best.scope.kind]) winner.set(t.kpi, t);
  }
  return targets.filter((t) =>
    targetCoversView(t.scope, view) ? winner.get(t.kpi) === t : targetTouchesView(t.scope, view),
  );
}

function rowInTargetScope(row: Snapshot, scope: TargetScope): boolean {
  return scopeRank(scope, row) >= 0;
}

/**
 * The current rows of the view that the target concerns. A campaign target uses that campaign's newest row
 * at the campaign level (an ad or ad set that happens to share its key is not the campaign).
 */
export function rowsForTarget(
  target: Target,
  view: ViewScope,
  sets: readonly CurrentSet[],
  latest: readonly Snapshot[],
): Snapshot[] {
  if (target.scope.kind === 'campaign') {
    const { platform, accountId, entityKey } = target.scope;
    const own = latest.filter(
      (r) =>
        r.platform === platform &&
        r.accountId === accountId &&
        // "One campaign" scopes name any entity (an ad set or an ad too, set from its chip), as the chips judge them.
        r.level !== 'account' &&
        r.entityKey === entityKey &&
        inScope(r, view),
    );
    const set = sets.find((s) => s.platform === platform && s.accountId === accountId);
    // Prefer the entity's row in the account's current range; else its newest row of any range.
    const inCurrent = own.filter((r) => set && r.dateStart === set.dateStart && r.dateEnd === set.dateEnd);
    // Only a campaign's newest row of another range is kept at hand (lib/store/current.ts): an ad set's or
    // ad's counts come from the current range alone, so that every page sees the same rows.
    const pool = inCurrent.length > 0 ? inCurrent : own.filter((r) => r.level === 'campaign');
    const newest = pool.reduce<Snapshot | null>((a, b) => (!a || b.capturedAt > a.capturedAt ? b : a), null);
    return newest ? [newest] : [];
  }
  return sets
    .filter((s) => inScope(s, view))
    .flatMap((s) => s.rows)
    .filter((r) => rowInTargetScope(r, target.scope));
}

/** The judge's settings for the user's own targets (goals are never judged against break-even). */
function judgeSettings(settings: GoalSettings, now: number): JudgeSettings {
  return { ...settings, breakEvenFallback: false, now };
}

function kpiGoal(
  target: Target & { kpi: Exclude<TargetKpi, 'budget'> },
  rows: Snapshot[],
  settings: GoalSettings,
) {
  const blended = blendedKpi(target.kpi, rows, { fx: settings.fx, margin: settings.margin });
  const base = {
    target,
    value: blended.value,
    currency: blended.currency,
    rowsUsed: blended.rowsUsed,
    rowsTotal: blended.rowsTotal,
    complete: blended.complete,
    pacing: null,
    rows,
  };
  if (rows.length === 0)
    return {
      ...base,
      comparedWith: null,
      status: 'unknown' as const,
      distance: null,
      reason: 'no-rows' as const,
    };
  if (blended.problem)
    return {
      ...base,
      comparedWith: null,
      status: 'unknown' as const,
      distance: null,
      reason: blended.problem,
    };
  const judged = judgeTotal(blended.value, blended.currency, rows, target, settings);
  return {
    ...base,
    comparedWith: judged.targetValue,
    status: judged.status,
    distance: judged.distance,
    reason: judged.reason,
  };
}

/**
 * The rows that tell a budget's spend to date: per account, the highest-level rows whose reporting range
 * is the budget's current period up to today (or, for a month, up to yesterday).
 */
export function budgetRows(
  target: Target,
  view: ViewScope,
  latest: readonly Snapshot[],
  settings: GoalSettings,
  now: number,
): Snapshot[] {
  const candidates = latest.filter((r) => inScope(r, view) && rowInTargetScope(r, target.scope));
  const out: Snapshot[] = [];
  for (const rows of byAccount(candidates).values()) {
    const first = rows[0]!;
    const zone = settings.timeZones[accountKey(first)] ?? settings.defaultTimeZone;
    if (!isValidTimeZone(zone)) continue;
    const today = dayPosition(now, zone).date;
    const start = target.period === 'day' ? toIsoDate(today) : toIsoDate({ ...today, day: 1 });
    const ends = [toIsoDate(today)];
    if (target.period === 'month') ends.push(toIsoDate(addDays(today, -1)));
    for (const end of ends) {
      const inRange = rows.filter((r) => r.dateStart === start && r.dateEnd === end);
      const level = LEVELS.find((l) => inRange.some((r) => r.level === l));
      if (level) {
        out.push(...inRange.filter((r) => r.level === level));
        break;
      }
    }
  }
  return out;
}

export function budgetGoal(
  target: Target,
  view: ViewScope,
  latest: readonly Snapshot[],
  settings: GoalSettings,
  now: number,
): GoalView {
  const rows = budgetRows(target, view, latest, settings, now);
  const unknown = (reason: GoalReason): GoalView => ({
    target,
    value: null,
    currency: null,
    comparedWith: null,
    status: 'unknown',
    distance: null,
    reason,
    rowsUsed: 0,
    rowsTotal: rows.length,
    complete: false,
    pacing: null,
    rows,
  });
  if (rows.length === 0) return unknown('range-not-current-period');
  // Accounts can only be added up over the same days.
  const first = rows[0]!;
  const sameRange = rows.filter((r) => r.dateStart === first.dateStart && r.dateEnd === first.dateEnd);
  const one = inOneCurrency(sameRange, settings.fx);
  if ('problem' in one) return unknown(one.problem ?? 'unknown-currency');
  const spends = one.metrics.flatMap((m) => (m.spend === undefined ? [] : [m.spend]));
  // The scope's total spend judged as one entity against this budget alone.
  const assumed = sameRange.some((r) => r.currencySource === 'assumed' && r.currency !== null);
  const result = judgeEntity(
    {
      platform: first.platform,
      accountId: first.accountId,
      entityKey: target.scope.kind === 'campaign' ? target.scope.entityKey : first.entityKey,
      currency: one.currency,
      currencySource: assumed ? 'assumed' : null,
      metrics: spends.length > 0 ? { spend: spends.reduce((a, b) => a + b, 0) } : {},
      dateStart: first.dateStart,
      dateEnd: first.dateEnd,
    },
    [{ ...target, scope: { kind: 'all' } }],
    [],
    judgeSettings(settings, now),
    ['budget'],
  ).results[0]!;
  return {
    target,
    value: result.value,
    currency: one.currency,
    comparedWith: result.target?.comparedWith ?? null,
    status: result.status ?? 'unknown',
    distance: result.distance,
    reason: result.reason,
    rowsUsed: spends.length,
    rowsTotal: rows.length,
    complete: spends.length === rows.length && sameRange.length === rows.length,
    pacing: result.pacing ?? null,
    rows: sameRange,
  };
}

export interface GoalsInput {
  targets: readonly Target[];
  view: ViewScope;
  sets: readonly CurrentSet[];
  latest: readonly Snapshot[];
  settings: GoalSettings;
  now: number;
}

export function goalsForView(input: GoalsInput): GoalView[] {
  return targetsForView(input.targets, input.view).map((target) =>
    target.kpi === 'budget'
      ? budgetGoal(target, input.view, input.latest, input.settings, input.now)
      : kpiGoal(
          target as Target & { kpi: Exclude<TargetKpi, 'budget'> },
          rowsForTarget(target, input.view, input.sets, input.latest),
          input.settings,
        ),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Entities furthest off target

export interface EntityStanding {
  row: Snapshot;
  /** The entity's worst judged KPI; null when no target applies to it. */
  worst: KpiResult | null;
  results: KpiResult[];
  /** The row's own CPA and ROAS (for the list without targets). */
  cpa: number | null;
  roas: number | null;
}

const STATUS_ORDER: Record<TargetStatus, number> = {
  'off-track': 0,
  'at-risk': 1,
  'on-track': 2,
  unknown: 3,
};

export function compareResults(a: KpiResult | null, b: KpiResult | null): number {
  const sa = a?.status ? STATUS_ORDER[a.status] : 4;
  const sb = b?.status ? STATUS_ORDER[b.status] : 4;
  if (sa !== sb) return sa - sb;
  return (b?.distance ?? -Infinity) - (a?.distance ?? -Infinity);
}

/**
 * The view's current entities, worst first (off track by the largest distance, then at risk, on track,
 * unknown, untargeted — the last by spend, largest first).
 */
export function entityStandings(
  view: ViewScope,
  sets: readonly CurrentSet[],
  targets: readonly Target[],
  settings: GoalSettings,
  now: number,
): EntityStanding[] {
  const rows = sets.filter((s) => inScope(s, view)).flatMap((s) => s.rows);
  // Each entity judged as its chips and the badge judge it (lib/kpi/judge.ts): the shown KPIs and the
  // targeted ones, break-even with a margin, a budget only when it is that campaign's own.
  const judge: JudgeSettings = { ...settings, now };
  const shown = settings.shownKpis ?? [];
  const standings = rows.map((row) => {
    const results = judgeEntity(row, targets, shown, judge).results.filter((r) => r.status !== null);
    const worst = results.reduce<KpiResult | null>(
      (a, b) => (a === null || compareResults(b, a) < 0 ? b : a),
      null,
    );
    return {
      row,
      worst,
      results,
      cpa: kpiOfMetrics('cpa', row.metrics).value,
      roas: kpiOfMetrics('roas', row.metrics).value,
    };
  });
  return standings.sort(
    (a, b) => compareResults(a.worst, b.worst) || (b.row.metrics.spend ?? -1) - (a.row.metrics.spend ?? -1),
  );
}
