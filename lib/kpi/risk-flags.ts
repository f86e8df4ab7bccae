import type { Metrics } from '@/lib/model';
import type { KpiId } from './definitions';
import { computeKpi } from './formulas';
import type { Pacing } from './pacing';

/**
 * Risk flags ("plan B"): patterns in an entity's stored daily history that a buyer acts on before the
 * month is lost — money spent with nothing to show, a cost that jumped, a rate that collapsed, spend that
 * stopped or spiked, a budget heading outside its band. Pure: the history, the day, the targets and the
 * thresholds all come in as arguments; the caller finds them (lib/background/risk.ts).
 *
 * Day rules compare *today* with a baseline of earlier days: the same weekday of the previous weeks (ad
 * delivery has a weekly rhythm, so Monday is compared with Mondays), or, while fewer than
 * `minBaselineDays` such days are stored, the days just before today. Every flag carries the numbers it
 * was decided on, so the explanation can show them and a test can check them by hand.
 */

export const RISK_RULES = [
  'no-results',
  'cpa-surge',
  'cpl-surge',
  'cpc-surge',
  'ctr-collapse',
  'cvr-collapse',
  'spend-stopped',
  'spend-spike',
  'pacing',
] as const;
export type RiskRule = (typeof RISK_RULES)[number];

export interface RiskThresholds {
  /** Spend without results: spend ≥ this × the CPA / CPL target with 0 conversions / leads. */
  noResultsMultiple: number;
  /** Surge / collapse: the move against the baseline mean, as a fraction (0.5 = 50 %)… */
  changeThreshold: number;
  /** …and in baseline standard deviations (both must hold, see `kpiMove`). */
  zThreshold: number;
  /** Day rules need at least this spend today and on an average baseline day (account currency). */
  minSpend: number;
  /** Spend spike: today's spend ≥ this × the baseline's mean daily spend. */
  spikeMultiple: number;
  /** Spend stopped: the entity spent on each of this many days before today. */
  stoppedDays: number;
}

export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = {
  noResultsMultiple: 2,
  changeThreshold: 0.5,
  zThreshold: 2.5,
  minSpend: 10,
  spikeMultiple: 2,
  stoppedDays: 7,
};

/** Fewer same-weekday days than this and the baseline is the days just before today. */
export const MIN_BASELINE_DAYS = 3;
/** How many weeks back the same-weekday baseline looks. */
export const BASELINE_WEEKS = 8;
/** The days-before-today baseline's length. */
export const RECENT_BASELINE_DAYS = 14;
/**
 * "Spend stopped" waits until this share of today is over: ad managers report a day's spend with a delay,
 * and most entities spend little in the night, so a 0 at 1 a.m. says nothing.
 */
export const STOPPED_MIN_ELAPSED = 0.5;

/** One day of one entity, as the page reported it for that day alone (date_start = date_end = day). */
export interface DayPoint {
  day: string;
  metrics: Metrics;
}

export type BaselineKind = 'weekday' | 'recent';

/** The numbers behind a flag; absent = not part of this rule. */
export interface RiskNumbers {
  /** The value today (KPI, spend) or on the row (no-results: spend). */
  value?: number;
  /** Baseline mean (KPI or daily spend). */
  baseline?: number;
  /** (value − baseline) ÷ baseline. */
  change?: number;
  /** (value − baseline) ÷ baseline standard deviation; null when the baseline never varied. */
  z?: number | null;
  /** Days in the baseline. */
  days?: number;
  baselineKind?: BaselineKind;
  /** no-results: which target (CPA: no conversions, CPL: no leads), its value and the multiple. */
  kpi?: 'cpa' | 'cpl';
  target?: number;
  multiple?: number;
  /** pacing: the budget, the month-end (or day-end) forecast and the band's edges. */
  budget?: number;
  forecast?: number;
  low?: number;
  high?: number;
}

export interface RiskFlag {
  rule: RiskRule;
  /** The day the flag is about (`YYYY-MM-DD`); notifications fire once per entity, rule and day. */
  day: string;
  numbers: RiskNumbers;
}

export interface RiskInput {
  /** Today in the account's time zone. */
  today: string;
  /** Share of today already over (0–1); 1 for a day that is over. */
  todayElapsed: number;
  /** Single-day points of the entity, any order, at most one per day. */
  days: readonly DayPoint[];
  /** The entity as the page shows it now (any range): spend without results is judged on it. */
  current: Metrics | null;
  /** The CPA / CPL targets applying to the entity, in its currency (null: none). */
  cpaTarget: number | null;
  cplTarget: number | null;
  /** The entity's budget judged (lib/kpi/judge.ts), with the target's tolerance as the band. */
  pacing: { pacing: Pacing; tolerance: number } | null;
}

const DAY_MS = 86_400_000;

function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function shiftDay(day: string, by: number): string {
  return new Date(dayMs(day) + by * DAY_MS).toISOString().slice(0, 10);
}

export interface Baseline {
  kind: BaselineKind;
  points: DayPoint[];
}

/** The same weekday of the last BASELINE_WEEKS weeks, or the RECENT_BASELINE_DAYS days before today. */
export function baselineOf(days: readonly DayPoint[], today: string): Baseline {
  const before = days.filter((d) => d.day < today);
  const weekday = before.filter((d) => {
    const weeks = (dayMs(today) - dayMs(d.day)) / (7 * DAY_MS);
    return Number.isInteger(weeks) && weeks <= BASELINE_WEEKS;
  });
  if (weekday.length >= MIN_BASELINE_DAYS) return { kind: 'weekday', points: weekday };
  const since = shiftDay(today, -RECENT_BASELINE_DAYS);
  return { kind: 'recent', points: before.filter((d) => d.day >= since) };
}

export interface Stats {
  mean: number;
  /** Sample standard deviation (n − 1). */
  sd: number;
  n: number;
}

export function statsOf(values: readonly number[]): Stats | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? 0 : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { mean, sd, n };
}

/** The KPI surges (cost up) and collapses (rate down) that are flagged, and the bad direction of each. */
const MOVES: readonly { rule: RiskRule; kpi: KpiId; bad: 1 | -1 }[] = [
  { rule: 'cpa-surge', kpi: 'cpa', bad: 1 },
  { rule: 'cpl-surge', kpi: 'cpl', bad: 1 },
  { rule: 'cpc-surge', kpi: 'cpc', bad: 1 },
  { rule: 'ctr-collapse', kpi: 'ctr', bad: -1 },
  { rule: 'cvr-collapse', kpi: 'cvr', bad: -1 },
];

const spendOf = (m: Metrics) => m.spend;

/**
 * A KPI today against its baseline days. Flagged only when the move is both large (≥ changeThreshold of
 * the mean) and unusual (≥ zThreshold standard deviations): a 50 % swing is normal for a noisy campaign and
 * a 3σ move of 4 % is not worth a plan B. Needs MIN_BASELINE_DAYS known values.
 */
export function kpiMove(
  kpi: KpiId,
  bad: 1 | -1,
  today: Metrics,
  baseline: Baseline,
  thresholds: RiskThresholds,
): RiskNumbers | null {
  const value = computeKpi(kpi, today);
  if (value === null) return null;
  const values = baseline.points.flatMap((p) => {
    const v = computeKpi(kpi, p.metrics);
    return v === null ? [] : [v];
  });
  const stats = statsOf(values);
  if (!stats || stats.n < MIN_BASELINE_DAYS || stats.mean <= 0) return null;
  const change = (value - stats.mean) / stats.mean;
  const z = stats.sd > 0 ? (value - stats.mean) / stats.sd : null;
  const large = bad * change >= thresholds.changeThreshold;
  // A baseline that never varied makes any large move unusual.
  const unusual = z === null ? value !== stats.mean : bad * z >= thresholds.zThreshold;
  if (!large || !unusual) return null;
  return { value, baseline: stats.mean, change, z, days: stats.n, baselineKind: baseline.kind };
}

function enoughSpend(today: Metrics, baseline: Baseline, minSpend: number): boolean {
  const spend = spendOf(today);
  const mean = statsOf(
    baseline.points.flatMap((p) => (spendOf(p.metrics) === undefined ? [] : [p.metrics.spend!])),
  );
  return spend !== undefined && spend >= minSpend && mean !== null && mean.mean >= minSpend;
}

/** Surges and collapses of today's KPIs; none when today or the baseline spent too little to mean much. */
export function kpiMoveFlags(input: RiskInput, thresholds: RiskThresholds): RiskFlag[] {
  const today = input.days.find((d) => d.day === input.today);
  if (!today) return [];
  const baseline = baselineOf(input.days, input.today);
  if (!enoughSpend(today.metrics, baseline, thresholds.minSpend)) return [];
  return MOVES.flatMap(({ rule, kpi, bad }) => {
    const numbers = kpiMove(kpi, bad, today.metrics, baseline, thresholds);
    return numbers ? [{ rule, day: input.today, numbers }] : [];
  });
}

/** Spend ≥ k × the CPA (or CPL) target on the row with 0 conversions (or 0 leads) — known zeros only. */
export function noResultsFlag(input: RiskInput, thresholds: RiskThresholds): RiskFlag | null {
  const m = input.current;
  if (!m || m.spend === undefined) return null;
  const k = thresholds.noResultsMultiple;
  const check = (kpi: 'cpa' | 'cpl', target: number | null, results: number | undefined): RiskFlag | null =>
    target !== null && target > 0 && results === 0 && m.spend! >= k * target
      ? { rule: 'no-results', day: input.today, numbers: { value: m.spend, kpi, target, multiple: k } }
      : null;
  return check('cpa', input.cpaTarget, m.conversions) ?? check('cpl', input.cplTarget, m.leads);
}

/** An entity that spent on each of the `stoppedDays` days before today has spent 0 today (past midday). */
export function spendStoppedFlag(input: RiskInput, thresholds: RiskThresholds): RiskFlag | null {
  if (input.todayElapsed < STOPPED_MIN_ELAPSED) return null;
  const today = input.days.find((d) => d.day === input.today);
  if (!today || today.metrics.spend !== 0) return null;
  const byDay = new Map(input.days.map((d) => [d.day, d.metrics.spend]));
  const spends: number[] = [];
  for (let i = 1; i <= thresholds.stoppedDays; i++) {
    const spend = byDay.get(shiftDay(input.today, -i));
    if (spend === undefined || spend <= 0) return null;
    spends.push(spend);
  }
  const stats = statsOf(spends)!;
  if (stats.mean < thresholds.minSpend) return null;
  return {
    rule: 'spend-stopped',
    day: input.today,
    numbers: { value: 0, baseline: stats.mean, days: stats.n, baselineKind: 'recent' },
  };
}

/** Today's spend (so far) ≥ spikeMultiple × the baseline's mean daily spend. */
export function spendSpikeFlag(input: RiskInput, thresholds: RiskThresholds): RiskFlag | null {
  const today = input.days.find((d) => d.day === input.today);
  const spend = today?.metrics.spend;
  if (spend === undefined || spend < thresholds.minSpend) return null;
  const baseline = baselineOf(input.days, input.today);
  const stats = statsOf(
    baseline.points.flatMap((p) => (p.metrics.spend === undefined ? [] : [p.metrics.spend])),
  );
  if (!stats || stats.n < MIN_BASELINE_DAYS || stats.mean <= 0) return null;
  if (spend < thresholds.spikeMultiple * stats.mean) return null;
  return {
    rule: 'spend-spike',
    day: input.today,
    numbers: {
      value: spend,
      baseline: stats.mean,
      change: (spend - stats.mean) / stats.mean,
      multiple: thresholds.spikeMultiple,
      days: stats.n,
      baselineKind: baseline.kind,
    },
  };
}

/**
 * The budget's period-end forecast outside budget × (1 ± tolerance). Month budgets use the month-end
 * forecast when the page's range ends yesterday (lib/kpi/pacing.ts), else the pace so far projected to the
 * period's end (pacing × budget), which is what the chip's pacing figure says.
 */
export function pacingFlag(input: RiskInput): RiskFlag | null {
  if (!input.pacing) return null;
  const { pacing, tolerance } = input.pacing;
  const forecast = pacing.forecast ?? (pacing.pacing === null ? null : pacing.pacing * pacing.budget);
  if (forecast === null) return null;
  const low = pacing.budget * (1 - tolerance);
  const high = pacing.budget * (1 + tolerance);
  if (forecast >= low && forecast <= high) return null;
  return {
    rule: 'pacing',
    day: input.today,
    numbers: {
      budget: pacing.budget,
      forecast,
      low,
      high,
      change: (forecast - pacing.budget) / pacing.budget,
    },
  };
}

/** Every flag of one entity, in RISK_RULES order. */
export function riskFlags(
  input: RiskInput,
  thresholds: RiskThresholds = DEFAULT_RISK_THRESHOLDS,
): RiskFlag[] {
  const flags = [
    noResultsFlag(input, thresholds),
    ...kpiMoveFlags(input, thresholds),
    spendStoppedFlag(input, thresholds),
    spendSpikeFlag(input, thresholds),
    pacingFlag(input),
  ].filter((f): f is RiskFlag => f !== null);
  return flags.sort((a, b) => RISK_RULES.indexOf(a.rule) - RISK_RULES.indexOf(b.rule));
}

/**
 * An entity's single-day points from stored rows of any ranges: only rows whose range is exactly one day
 * count (a day segment or the "today" range), the newest capture of each day winning.
 */
export function dayPointsOf(
  rows: readonly { dateStart: string | null; dateEnd: string | null; capturedAt: number; metrics: Metrics }[],
): DayPoint[] {
  const newest = new Map<string, { at: number; metrics: Metrics }>();
  for (const r of rows) {
    if (!r.dateStart || r.dateStart !== r.dateEnd) continue;
    const seen = newest.get(r.dateStart);
    if (!seen || r.capturedAt >= seen.at) newest.set(r.dateStart, { at: r.capturedAt, metrics: r.metrics });
  }
  return [...newest.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, v]) => ({ day, metrics: v.metrics }));
}
