import { accountLtvOf, ltvFigures, type LtvFigures } from '@/lib/kpi/ltv';
import type { KpiId } from '@/lib/kpi/definitions';
import { judgeSettingsOf, shownKpisOf } from '@/lib/kpi/judge';
import type { Target } from '@/lib/kpi/targets';
import type { Snapshot } from '@/lib/model';
import type { Settings } from '@/lib/store/settings';
import { currentProblem, type Status } from '@/lib/store/status';
import {
  accountsWithUnknownCurrency,
  blendedKpi,
  spendByCurrency,
  totalSpend,
  type BlendProblem,
} from './blend';
import { currentSets, withAccountCurrencies, type CurrentSet } from './current';
import {
  entityStandings,
  goalsForView,
  type EntityStanding,
  type GoalSettings,
  type GoalView,
} from './goals';
import { inScope, type ViewScope } from './scope';
import { compareWithPreviousRange, trendOf, type RangeComparison, type Trend } from './trend';

/** Everything the popup shows, computed from stored data; the components only present it. */

export const DEFAULT_TREND_KPIS: readonly KpiId[] = ['cpa', 'roas', 'ctr', 'cpc'];
export const TREND_WINDOW_MS = 45 * 86_400_000;
export const MAX_ENTITIES = 5;

export interface PopupInput {
  /** Every `latest` row (all accounts). */
  latest: readonly Snapshot[];
  targets: readonly Target[];
  settings: Settings;
  status: Status;
  view: ViewScope;
  now: number;
  /** The browser's time zone, for accounts without one set. */
  defaultTimeZone: string;
  /** Recent snapshots of the view's accounts (see `trendQueries`); empty while loading. */
  trendSnapshots: readonly Snapshot[];
  /** The KPI the user picked for the trend; null = the first goal's, else CPA. */
  trendKpi: KpiId | null;
}

export interface Summary {
  spend: number | null;
  spendCurrency: string | null;
  conversions: number | null;
  cpa: number | null;
  roas: number | null;
  /** Money could not be added up (several currencies without rates). */
  problem: BlendProblem | null;
  missingRates: string[];
  /** Spend per currency, shown when it is not one total (several currencies and no rates for them). */
  spendByCurrency: { currency: string; value: number }[];
  /** Accounts whose currency really is not known (`platform:accountId`): the notice names only these. */
  unknownCurrencyAccounts: string[];
}

export interface PopupModel {
  /** Nothing stored at all: the first-run state. */
  empty: boolean;
  /** The view has no readings (but others exist). */
  viewEmpty: boolean;
  sets: CurrentSet[];
  lastReadingAt: number | null;
  lastSavedAt: number | null;
  problem: Status['lastError'];
  summary: Summary;
  goals: GoalView[];
  budgets: GoalView[];
  trend: (Trend & { targetValue: number | null; choices: KpiId[] }) | null;
  change: RangeComparison | null;
  entities: EntityStanding[];
  /** LTV ROAS and CAC payback of a one-account view whose LTV the user entered (lib/kpi/ltv.ts), or null. */
  ltv: (LtvFigures & { currency: string | null }) | null;
}

/** The judge's settings (lib/kpi/judge.ts `judgeSettingsOf`, the one place they are made) for goals. */
export function goalSettingsOf(settings: Settings, defaultTimeZone: string): GoalSettings {
  const judge = judgeSettingsOf(settings, 0, defaultTimeZone);
  return {
    margin: judge.margin,
    fx: judge.fx,
    timeZones: judge.timeZones,
    defaultTimeZone,
    accountCurrencies: judge.accountCurrencies,
    shownKpis: shownKpisOf(settings),
  };
}

/** KPIs offered for the trend: the goals' KPIs first, then the common ones. */
export function trendChoices(goals: readonly GoalView[]): KpiId[] {
  const fromGoals = goals.flatMap((g) => (g.target.kpi === 'budget' ? [] : [g.target.kpi]));
  return [...new Set<KpiId>([...fromGoals, ...DEFAULT_TREND_KPIS])];
}

export function summaryOf(rows: readonly Snapshot[], settings: GoalSettings): Summary {
  const spend = totalSpend(rows, settings.fx);
  const cpa = blendedKpi('cpa', rows, settings);
  const roas = blendedKpi('roas', rows, settings);
  const conversions = rows.flatMap((r) =>
    r.metrics.conversions === undefined ? [] : [r.metrics.conversions],
  );
  const missing = [...new Set([...cpa.missingRates, ...roas.missingRates])];
  return {
    spend: spend.value,
    spendCurrency: spend.currency,
    conversions: conversions.length === 0 ? null : conversions.reduce((a, b) => a + b, 0),
    cpa: cpa.value,
    roas: roas.value,
    problem: spend.problem ?? cpa.problem ?? roas.problem,
    missingRates: missing,
    spendByCurrency: spend.value === null ? spendByCurrency(rows) : [],
    unknownCurrencyAccounts: accountsWithUnknownCurrency(rows),
  };
}

export function buildPopupModel(raw: PopupInput): PopupModel {
  const input = {
    ...raw,
    latest: withAccountCurrencies(raw.latest, raw.settings.accountCurrencies),
    trendSnapshots: withAccountCurrencies(raw.trendSnapshots, raw.settings.accountCurrencies),
  };
  const settings = goalSettingsOf(input.settings, input.defaultTimeZone);
  const allSets = currentSets(input.latest);
  const sets = allSets.filter((s) => inScope(s, input.view));
  const viewLatest = input.latest.filter((r) => inScope(r, input.view));
  const goals = goalsForView({
    targets: input.targets,
    view: input.view,
    sets: allSets,
    latest: input.latest,
    settings,
    now: input.now,
  });
  const kpiGoals = goals.filter((g) => g.target.kpi !== 'budget');
  const summary = summaryOf(
    sets.flatMap((s) => s.rows),
    settings,
  );
  const choices = trendChoices(goals);
  const trendKpi = input.trendKpi && choices.includes(input.trendKpi) ? input.trendKpi : choices[0]!;
  const trendGoal = kpiGoals.find((g) => g.target.kpi === trendKpi) ?? null;
  const options = { fx: settings.fx, margin: settings.margin, scope: trendGoal?.target.scope };
  const trend =
    sets.length === 0
      ? null
      : {
          ...trendOf(trendKpi, sets, input.trendSnapshots, options),
          targetValue: trendGoal?.comparedWith ?? null,
          choices,
        };
  return {
    empty: input.latest.length === 0,
    viewEmpty: viewLatest.length === 0,
    sets,
    lastReadingAt: viewLatest.reduce<number | null>(
      (a, r) => (a === null || r.capturedAt > a ? r.capturedAt : a),
      null,
    ),
    lastSavedAt: input.status.lastSavedAt,
    problem: currentProblem(input.status),
    summary,
    ltv: ltvOfView(input.view, input.settings.accountLtv, summary),
    goals: kpiGoals,
    budgets: goals.filter((g) => g.target.kpi === 'budget'),
    trend,
    change: sets.length === 0 ? null : compareWithPreviousRange(trendKpi, sets, input.latest, options),
    entities: entityStandings(input.view, allSets, input.targets, settings, input.now).slice(0, MAX_ENTITIES),
  };
}

/** A one-account view's LTV figures, from the view's CPA and the LTV the user entered for the account. */
function ltvOfView(
  view: ViewScope,
  accountLtv: Readonly<Record<string, number>>,
  summary: Summary,
): PopupModel['ltv'] {
  if (view.kind !== 'account') return null;
  const ltv = accountLtvOf(accountLtv, view.platform, view.accountId);
  return ltv === null ? null : { ...ltvFigures(ltv, summary.cpa), currency: summary.spendCurrency };
}

/** The snapshot queries the trend needs: each current table of the view, over the recent window. */
export function trendQueries(sets: readonly CurrentSet[], now: number) {
  return sets.map((s) => ({
    platform: s.platform,
    accountId: s.accountId,
    level: s.level,
    from: now - TREND_WINDOW_MS,
    to: now,
  }));
}
