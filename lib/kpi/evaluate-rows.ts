import type { CurrencySource, Metrics, Platform } from '@/lib/model';
import { isAssumed } from './currency-policy';
import type { KpiId } from './definitions';
import { kpiOfMetrics, usableMargin, type KpiSource } from './formulas';
import { converterFor, type FxTable } from './fx';
import { addDays, dayPosition, isValidTimeZone, pacingOf, toIsoDate, type Pacing } from './pacing';
import {
  BREAK_EVEN_KPIS,
  breakEvenTarget,
  evaluate,
  resolveTarget,
  targetValueIn,
  type BreakEvenKpi,
  type EntityRef,
  type EvaluationUnknownReason,
  type Target,
  type TargetKpi,
  type TargetStatus,
} from './targets';

/**
 * Rows in, judged KPIs out: what the background returns to the overlay and what the popup shows.
 * Pure: the clock, time zones, margin and FX rates all come in as arguments.
 */

export interface EvaluableRow extends EntityRef {
  platform: Platform;
  currency: string | null;
  /** Where `currency` came from (absent: taken as confirmed); see lib/kpi/currency-policy.ts. */
  currencySource?: CurrencySource | null;
  metrics: Metrics;
  /** Reporting range (inclusive, `YYYY-MM-DD`); only budget pacing needs it. */
  dateStart?: string | null;
  dateEnd?: string | null;
}

export type EvaluatedKpi = KpiId | 'budget';

export interface EvaluationSettings {
  margin?: number | null;
  fx?: FxTable | null;
  /** With a margin and no target of the user's, judge ROAS / ROMI / CPA against break-even. Default true. */
  breakEvenFallback?: boolean;
  /** Epoch ms; budgets are not judged without it. */
  now?: number;
  /** `<platform>:<accountId>` → IANA time zone of the account. */
  timeZones?: Readonly<Record<string, string>>;
  /** Used for accounts missing from `timeZones`; none = budgets of those accounts are not judged. */
  defaultTimeZone?: string | null;
}

export interface AppliedTarget extends Target {
  /** Derived from the margin, not set by the user. */
  breakEven: boolean;
  /** What the value was compared with, in the row's currency (budgets: the expected spend to date). */
  comparedWith: number | null;
}

export type ResultReason =
  | EvaluationUnknownReason
  | 'no-time-zone'
  | 'no-clock'
  | 'range-not-current-period'
  | 'period-just-started'
  | 'no-budget';

export interface KpiResult {
  kpi: EvaluatedKpi;
  /** The KPI value (budgets: spend to date), in the row's currency for money KPIs. */
  value: number | null;
  source: KpiSource | null;
  target: AppliedTarget | null;
  /** null when there is no target for this KPI. */
  status: TargetStatus | null;
  distance: number | null;
  /** Why the status is 'unknown'. */
  reason: ResultReason | null;
  /** Budgets only. */
  pacing?: Pacing | null;
}

export interface RowEvaluation extends EntityRef {
  currency: string | null;
  results: KpiResult[];
}

function isBreakEvenKpi(kpi: TargetKpi): kpi is BreakEvenKpi {
  return (BREAK_EVEN_KPIS as readonly string[]).includes(kpi);
}

function targetFor(
  row: EvaluableRow,
  targets: readonly Target[],
  kpi: TargetKpi,
  settings: EvaluationSettings,
): { target: Target; breakEven: boolean } | null {
  const chosen = resolveTarget(targets, row, kpi);
  if (chosen) return { target: chosen, breakEven: false };
  if (settings.breakEvenFallback === false || !isBreakEvenKpi(kpi) || usableMargin(settings.margin) === null)
    return null;
  const derived = breakEvenTarget(kpi, {
    margin: settings.margin,
    components: row.metrics,
    currency: row.currency,
  });
  return derived ? { target: derived, breakEven: true } : null;
}

function evaluateKpi(
  row: EvaluableRow,
  kpi: KpiId,
  targets: readonly Target[],
  settings: EvaluationSettings,
): KpiResult {
  const { value, source } = kpiOfMetrics(kpi, row.metrics, { margin: settings.margin });
  const found = kpi === 'aov' ? null : targetFor(row, targets, kpi, settings);
  if (!found) return { kpi, value, source, target: null, status: null, distance: null, reason: null };
  const judged = evaluate(value, found.target, moneyOptions(row, settings));
  return {
    kpi,
    value,
    source,
    target: { ...found.target, breakEven: found.breakEven, comparedWith: judged.targetValue },
    status: judged.status,
    distance: judged.distance,
    reason: judged.reason,
  };
}

/** How a money target meets this row's currency (currency-policy rule 4). */
function moneyOptions(row: EvaluableRow, settings: EvaluationSettings) {
  return {
    valueCurrency: row.currency,
    valueCurrencyAssumed: isAssumed({ currency: row.currency, currencySource: row.currencySource ?? null }),
    convert: converterFor(settings.fx),
  };
}

function timeZoneOf(row: EvaluableRow, settings: EvaluationSettings): string | null {
  const zone = settings.timeZones?.[`${row.platform}:${row.accountId}`] ?? settings.defaultTimeZone ?? null;
  return zone && isValidTimeZone(zone) ? zone : null;
}

/**
 * A budget is judged from a row whose range is the current period up to today (spend to date) or up
 * to yesterday (then judged as of the start of today, which also gives the month-end forecast).
 */
function evaluateBudget(
  row: EvaluableRow,
  targets: readonly Target[],
  settings: EvaluationSettings,
): KpiResult {
  const spend = row.metrics.spend ?? null;
  const base = { kpi: 'budget' as const, value: spend, source: spend === null ? null : ('derived' as const) };
  const target = resolveTarget(targets, row, 'budget');
  if (!target) return { ...base, target: null, status: null, distance: null, reason: null };
  const unknown = (reason: ResultReason, comparedWith: number | null = null): KpiResult => ({
    ...base,
    target: { ...target, breakEven: false, comparedWith },
    status: 'unknown',
    distance: null,
    reason,
    pacing: null,
  });

  const budget = targetValueIn(target, moneyOptions(row, settings));
  if (typeof budget === 'string') return unknown(budget);
  if (target.period === null) return unknown('no-budget');
  if (settings.now === undefined) return unknown('no-clock');
  const timeZone = timeZoneOf(row, settings);
  if (!timeZone) return unknown('no-time-zone');

  const position = dayPosition(settings.now, timeZone);
  const today = toIsoDate(position.date);
  const yesterday = toIsoDate(addDays(position.date, -1));
  const periodStart = target.period === 'day' ? today : toIsoDate({ ...position.date, day: 1 });
  let asOf: number;
  let throughYesterday: number | null = null;
  if (row.dateStart !== periodStart) return unknown('range-not-current-period');
  if (row.dateEnd === today) {
    asOf = settings.now;
  } else if (target.period === 'month' && row.dateEnd === yesterday && periodStart <= yesterday) {
    asOf = position.dayStart;
    throughYesterday = spend;
  } else {
    return unknown('range-not-current-period');
  }

  const pacing = pacingOf({
    budget,
    period: target.period,
    spendToDate: spend,
    spendThroughYesterday: throughYesterday,
    now: asOf,
    timeZone,
  });
  if (!pacing) return unknown('no-budget');
  if (pacing.pacing === null) {
    return {
      ...unknown(spend === null ? 'no-value' : 'period-just-started', pacing.expectedSpendToDate),
      pacing,
    };
  }
  // Spend ÷ expected spend: 1.2 = 20 % ahead of pace, which is "worse" for a cap (atMost).
  const distance = target.direction === 'atMost' ? pacing.pacing - 1 : 1 - pacing.pacing;
  const status: TargetStatus =
    distance <= 1e-9 ? 'on-track' : distance <= target.tolerance + 1e-9 ? 'at-risk' : 'off-track';
  return {
    ...base,
    target: { ...target, breakEven: false, comparedWith: pacing.expectedSpendToDate },
    status,
    distance,
    reason: null,
    pacing,
  };
}

export function evaluateRow(
  row: EvaluableRow,
  targets: readonly Target[],
  kpis: readonly EvaluatedKpi[],
  settings: EvaluationSettings = {},
): RowEvaluation {
  return {
    platform: row.platform,
    accountId: row.accountId,
    entityKey: row.entityKey,
    currency: row.currency,
    results: kpis.map((kpi) =>
      kpi === 'budget' ? evaluateBudget(row, targets, settings) : evaluateKpi(row, kpi, targets, settings),
    ),
  };
}

export function evaluateRows(
  rows: readonly EvaluableRow[],
  targets: readonly Target[],
  kpis: readonly EvaluatedKpi[],
  settings: EvaluationSettings = {},
): RowEvaluation[] {
  return rows.map((row) => evaluateRow(row, targets, kpis, settings));
}
