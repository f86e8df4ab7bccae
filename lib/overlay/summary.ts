import { ltvFigures } from '@/lib/kpi/ltv';
import type { KpiId } from '@/lib/kpi/definitions';
import { TARGET_KPIS, type Target, type TargetKpi, type TargetStatus } from '@/lib/kpi/targets';
import { isAssumed, type AccountCurrencies } from '@/lib/kpi/currency-policy';
import {
  currencyNow,
  entitiesOfReading,
  readCurrencyOf,
  UNKNOWN_ACCOUNT,
  withAccountCurrencies,
  forEachEntityRow,
} from '@/lib/kpi/projection';
import type { Platform, Snapshot, TableReading } from '@/lib/model';
import { ROWS_NOTE_PREFIX } from '@/lib/read/row-accumulator';
import {
  formatIsoRange,
  formatMoney,
  formatMultiple,
  formatNumber,
  formatPercent,
  formatWhen,
  UNKNOWN_MARK,
} from '@/lib/format';
import { blendedKpi, totalSpend, type BlendProblem } from '@/lib/ui/blend';
import type { CurrentSet } from '@/lib/ui/current';
import {
  DIRECTION_SYMBOL,
  formatKpiValue,
  kpiShortLabel,
  LEVEL_KEYS,
  REASON_KEYS,
  STATUS_KEYS,
  STATUS_SYMBOLS,
  type DisplayKpi,
} from '@/lib/ui/display';
import { goalsForView, targetCoversView, type GoalSettings, type GoalView } from '@/lib/ui/goals';
import type { ViewScope } from '@/lib/ui/scope';
import type { EntityRisk } from '@/lib/kpi/entity-risks';
import { panelRisksOf, type PanelRisk } from './risks';
import type { TableComparison } from '@/lib/ui/comparisons';
import { tableComparisonText, type TableComparisonText } from '@/lib/ui/comparison-text';
import { NO_TARGET_SYMBOL, statusCounts, type ChipStatus, type RowChips } from './chips';
import { distanceWords, type Translate } from './explain';
import { isLeadRow, type ChipKpi } from './prefs';

/**
 * The summary panel's content as text: what was read, the table's totals against the user's targets,
 * budget pacing, and what happened to the reading (saved, not saved, not recognised). Pure.
 */

export interface SaveState {
  /** Epoch ms of the last acknowledged save of this view; null = none yet. */
  lastSavedAt: number | null;
  /** Why the background stored nothing (e.g. no account id), from its answer. */
  notStoredReason: string | null;
  /** The last error: saving failed or the worker could not be reached. */
  error: string | null;
}

export const NO_SAVE: SaveState = { lastSavedAt: null, notStoredReason: null, error: null };

export interface Fact {
  label: string;
  value: string;
}

export interface TotalLine {
  /** `ltv`: the LTV ROAS line of an account whose customer lifetime value the user entered. */
  kpi: DisplayKpi | 'spend' | 'ltv';
  label: string;
  value: string;
  status: ChipStatus;
  symbol: string;
  statusText: string;
  /** "target ≤ $20.00 · 20.3% over", or why it cannot be judged. */
  detail: string;
  /**
   * A KPI a target can be set for from the panel: the table's value (null when unknown) in its currency,
   * what the target editor starts from. null for spend (budgets are set in the options page).
   */
  edit: { kpi: EditableKpi; value: number | null; currency: string | null } | null;
}

/** The KPIs of a target set from the panel: every target KPI but the budget. */
export type EditableKpi = Exclude<TargetKpi, 'budget'>;

const editable = (kpi: KpiId): kpi is EditableKpi => (TARGET_KPIS as readonly string[]).includes(kpi);

export interface BudgetBlock {
  title: string;
  status: TargetStatus;
  symbol: string;
  statusText: string;
  facts: Fact[];
  /** Why it cannot be judged (e.g. the table is not this month). */
  reason: string | null;
}

export interface SummaryModel {
  title: string;
  /** One line for the collapsed panel: "2 off track · 1 at risk", "Page not recognised". */
  headline: string;
  /** The reason the page was not recognised (nothing read, nothing saved). */
  notRecognised: string | null;
  /** What the reading lacks ("rows: read 12 of 60"). */
  partial: string[];
  facts: Fact[];
  totals: TotalLine[];
  budgets: BudgetBlock[];
  /** Saving failed: the message to show (stays until a later save succeeds). */
  saveError: string | null;
  /** Nothing was read yet on this view. */
  waiting: boolean;
  /** The rows with risk flags today (the first few), and how many more there are. */
  risks: { shown: PanelRisk[]; more: number };
  /** The comparisons in words (lib/ui/comparison-text.ts, as the popup words them), or null. */
  comparison: TableComparisonText | null;
}

export interface SummaryInput {
  platform: Platform;
  platformLabel: string;
  reading: TableReading | null;
  chips: ReadonlyMap<string, RowChips>;
  targets: readonly Target[];
  chipKpis: readonly ChipKpi[];
  goalSettings: GoalSettings;
  save: SaveState;
  now: number;
  locale: string;
  t: Translate;
  /** The worker's risk flags of this table's rows (from the last save). */
  risks?: readonly EntityRisk[];
  /** The table against its previous period and its same period last year (from the worker), or null. */
  comparison?: TableComparison | null;
  /** The account's average customer lifetime value the user entered (settings `accountLtv`), or null. */
  ltv?: number | null;
}

const NO_RISKS = { shown: [], more: 0 };

/** The worker's comparison, if it is of the table on screen (an answer for the previous view is not shown). */
function comparisonOf(input: SummaryInput): TableComparisonText | null {
  const c = input.comparison;
  const ctx = input.reading?.context;
  if (!c || !ctx) return null;
  const same =
    c.platform === ctx.platform &&
    c.accountId === ctx.accountId &&
    c.level === ctx.level &&
    c.range.start === ctx.dateStart &&
    c.range.end === ctx.dateEnd;
  return same ? tableComparisonText(c, input.locale, input.t) : null;
}

/** The flagged rows with the names the reading shows. */
function risksOf(input: SummaryInput): SummaryModel['risks'] {
  if (!input.reading || !input.risks || input.risks.length === 0) return NO_RISKS;
  const names = new Map<string, string | null>();
  forEachEntityRow(input.reading, (row, key) => names.set(key, row.entityName));
  return panelRisksOf(input.risks, names, input.locale, input.t);
}

/**
 * The reading as current rows (the entities of lib/kpi/projection.ts, the account's currency setting
 * applied), so the popup's goal logic judges the table's totals the same way.
 */
export function readingAsCurrentSet(
  reading: TableReading,
  now: number,
  accountCurrencies: AccountCurrencies = {},
): CurrentSet {
  const { context } = reading;
  const accountId = context.accountId ?? UNKNOWN_ACCOUNT;
  const read = entitiesOfReading(reading).map((e): Snapshot => ({ capturedAt: now, ...e, accountId }));
  return {
    platform: context.platform,
    accountId,
    accountName: context.accountName,
    level: context.level,
    dateStart: context.dateStart,
    dateEnd: context.dateEnd,
    capturedAt: now,
    rows: withAccountCurrencies(read, accountCurrencies),
  };
}

/** The reading's currency as it counts now (the account's setting applied: lib/kpi/projection.ts). */
function currencyOfReading(reading: TableReading, accountCurrencies: AccountCurrencies | undefined) {
  const { context } = reading;
  return currencyNow(
    { ...readCurrencyOf(context), platform: context.platform, accountId: context.accountId },
    accountCurrencies,
  );
}

function statusParts(status: ChipStatus, t: Translate) {
  return {
    status,
    symbol: status === 'none' ? NO_TARGET_SYMBOL : STATUS_SYMBOLS[status],
    statusText: t(status === 'none' ? 'overlay_status_no_target' : STATUS_KEYS[status]),
  };
}

function problemText(problem: BlendProblem | GoalView['reason'], t: Translate): string {
  return problem ? t(REASON_KEYS[problem]) : '';
}

function goalDetail(goal: GoalView, currency: string | null, locale: string, t: Translate): string {
  const { target } = goal;
  const kpi = target.kpi as KpiId;
  const compared = goal.comparedWith ?? target.value;
  const shownIn = goal.comparedWith !== null ? (goal.currency ?? currency) : (target.currency ?? currency);
  const parts = [
    t(
      target.example ? 'overlay_explain_target_example' : 'overlay_explain_target',
      `${DIRECTION_SYMBOL[target.direction]} ${formatKpiValue(kpi, compared, shownIn, locale)}`,
    ),
  ];
  if (goal.status === 'unknown') {
    if (goal.reason) parts.push(problemText(goal.reason, t));
  } else {
    const words = distanceWords({ kpi, distance: goal.distance, target }, { locale, t });
    if (words) parts.push(words);
  }
  if (!goal.complete && goal.rowsTotal > 0 && goal.status !== 'unknown')
    parts.push(t('overlay_rows_used', [String(goal.rowsUsed), String(goal.rowsTotal)]));
  return parts.join(' · ');
}

function budgetBlock(
  goal: GoalView,
  tableCurrency: string | null,
  locale: string,
  t: Translate,
): BudgetBlock {
  const currency = goal.currency ?? goal.target.currency ?? tableCurrency;
  const money = (v: number | null | undefined) => formatMoney(v, currency, locale);
  const pacing = goal.pacing;
  const period = goal.target.period === 'day' ? t('overlay_budget_day') : t('overlay_budget_month');
  const facts: Fact[] = [
    { label: t('overlay_budget_spent'), value: money(goal.value) },
    { label: t('overlay_budget_expected'), value: money(goal.comparedWith) },
    { label: t('overlay_budget_pacing'), value: formatPercent(pacing?.pacing, locale, 0) },
  ];
  if (goal.target.period === 'month') {
    facts.push({ label: t('overlay_budget_forecast'), value: money(pacing?.forecast) });
  }
  facts.push({ label: t('overlay_budget_required'), value: money(pacing?.requiredDailySpend) });
  const status = goal.status;
  const title = t('overlay_budget_title', [
    period,
    formatMoney(goal.target.value, goal.target.currency ?? currency, locale),
  ]);
  return {
    title: goal.target.example ? `${title} · ${t('common_example')}` : title,
    status,
    symbol: STATUS_SYMBOLS[status],
    statusText: t(STATUS_KEYS[status]),
    facts,
    reason: status === 'unknown' && goal.reason ? problemText(goal.reason, t) : null,
  };
}

function headlineOf(input: SummaryInput, notRecognised: boolean): string {
  const { t } = input;
  if (!input.reading) return t('overlay_headline_reading');
  if (notRecognised) return t('overlay_headline_not_recognised');
  const counts = statusCounts(input.chips.values());
  const parts: string[] = [];
  if (counts['off-track']) parts.push(t('overlay_count_off_track', String(counts['off-track'])));
  if (counts['at-risk']) parts.push(t('overlay_count_at_risk', String(counts['at-risk'])));
  if (counts['on-track']) parts.push(t('overlay_count_on_track', String(counts['on-track'])));
  if (parts.length === 0) return t('overlay_headline_no_status', String(input.chips.size));
  return parts.join(' · ');
}

function factsOf(input: SummaryInput): Fact[] {
  const { reading, locale, t, save } = input;
  if (!reading) return [];
  const { context, coverage } = reading;
  const rows =
    coverage.total !== null
      ? t('overlay_rows_of', [formatNumber(coverage.read, locale), formatNumber(coverage.total, locale)])
      : formatNumber(coverage.read, locale);
  const account = context.accountName
    ? context.accountId
      ? `${context.accountName} (${context.accountId})`
      : context.accountName
    : (context.accountId ?? UNKNOWN_MARK);
  const money = currencyOfReading(reading, input.goalSettings.accountCurrencies);
  const currency = money.currency
    ? isAssumed(money)
      ? t('overlay_currency_assumed', money.currency)
      : money.currency
    : UNKNOWN_MARK;
  let saved: string;
  if (save.lastSavedAt !== null) saved = formatWhen(save.lastSavedAt, locale, input.now);
  else if (save.notStoredReason) saved = t('overlay_not_saved', save.notStoredReason);
  else saved = t('overlay_not_saved_yet');
  return [
    { label: t('overlay_fact_account'), value: account },
    { label: t('overlay_fact_level'), value: t(LEVEL_KEYS[context.level]) },
    { label: t('overlay_fact_range'), value: formatIsoRange(context.dateStart, context.dateEnd, locale) },
    { label: t('overlay_fact_currency'), value: currency },
    { label: t('overlay_fact_rows'), value: rows },
    { label: t('overlay_fact_saved'), value: saved },
  ];
}

/**
 * The model after only the save state changed (a reading was just saved, or saving failed): the totals,
 * budgets and headline stay as they were judged, only what was saved is told again.
 */
export function withSaveState(model: SummaryModel, input: SummaryInput): SummaryModel {
  const facts = input.reading && model.notRecognised === null ? factsOf(input) : model.facts;
  const risks = input.reading && model.notRecognised === null ? risksOf(input) : model.risks;
  const comparison = model.notRecognised === null ? comparisonOf(input) : null;
  return { ...model, facts, saveError: input.save.error, risks, comparison };
}

/** LTV ROAS (LTV ÷ the table's CPA) with its definition and the CAC payback beside it (lib/kpi/ltv.ts). */
function ltvLine(
  ltv: number,
  rows: readonly Snapshot[],
  input: SummaryInput,
  currency: string | null,
): TotalLine {
  const { locale, t } = input;
  const cpa = blendedKpi('cpa', rows, { fx: input.goalSettings.fx, margin: input.goalSettings.margin });
  const figures = ltvFigures(ltv, cpa.value);
  return {
    kpi: 'ltv',
    label: t('common_ltv_roas'),
    value: formatMultiple(figures.ltvRoas, locale),
    ...statusParts('none', t),
    detail: t('common_ltv_detail', [
      formatMoney(ltv, currency, locale),
      formatPercent(figures.cacPayback, locale, 1),
    ]),
    edit: null,
  };
}

// eslint-disable-next-line max-lines-per-function -- the panel's model in one pass (facts, totals, budgets); its rows come from the one projection (lib/kpi/projection.ts), its verdicts from the one judge
export function summaryModel(input: SummaryInput): SummaryModel {
  const { reading, locale, t } = input;
  const title = t('overlay_panel_title', input.platformLabel);
  const saveError = input.save.error;
  if (!reading) {
    return {
      title,
      headline: headlineOf(input, false),
      notRecognised: null,
      partial: [],
      facts: [],
      totals: [],
      budgets: [],
      saveError,
      waiting: true,
      risks: NO_RISKS,
      comparison: null,
    };
  }
  const notRecognised = reading.health.status === 'not-recognised' ? reading.health.reason : null;
  // "rows: read 12 of 60" is already a fact of its own below.
  const partial =
    reading.health.status === 'partial'
      ? reading.health.missing.filter((m) => !m.startsWith(ROWS_NOTE_PREFIX))
      : [];
  const base = {
    title,
    headline: headlineOf(input, notRecognised !== null),
    notRecognised,
    partial,
    facts: factsOf(input),
    saveError,
    waiting: false,
    risks: notRecognised === null ? risksOf(input) : NO_RISKS,
    comparison: notRecognised === null ? comparisonOf(input) : null,
  };
  if (notRecognised !== null) return { ...base, facts: [], totals: [], budgets: [] };

  const set = readingAsCurrentSet(reading, input.now, input.goalSettings.accountCurrencies);
  const view: ViewScope =
    reading.context.accountId !== null
      ? { kind: 'account', platform: set.platform, accountId: set.accountId }
      : { kind: 'platform', platform: set.platform };
  const covering = input.targets.filter((target) => targetCoversView(target.scope, view));
  const goals = goalsForView({
    targets: covering,
    view,
    sets: [set],
    latest: set.rows,
    settings: input.goalSettings,
    now: input.now,
  });
  const currency = currencyOfReading(reading, input.goalSettings.accountCurrencies).currency;

  const spend = totalSpend(set.rows, input.goalSettings.fx);
  const totals: TotalLine[] = [
    {
      kpi: 'spend',
      label: t('overlay_component_spend_title'),
      value: formatMoney(spend.value, spend.currency, locale),
      ...statusParts('none', t),
      detail: spend.problem ? problemText(spend.problem, t) : '',
      edit: null,
    },
  ];
  const kpis: KpiId[] = [...input.chipKpis];
  if (!kpis.includes('cpl') && set.rows.some((r) => isLeadRow(r.metrics))) kpis.push('cpl');
  for (const goal of goals) {
    if (goal.target.kpi !== 'budget' && !kpis.includes(goal.target.kpi)) kpis.push(goal.target.kpi);
  }
  for (const kpi of kpis) {
    const goal = goals.find((g) => g.target.kpi === kpi);
    const label = kpiShortLabel(kpi, t);
    if (goal) {
      totals.push({
        kpi,
        label,
        value: formatKpiValue(kpi, goal.value, goal.currency ?? currency, locale),
        ...statusParts(goal.status, t),
        detail: goalDetail(goal, currency, locale, t),
        edit: editable(kpi) ? { kpi, value: goal.value, currency: goal.currency ?? currency } : null,
      });
      continue;
    }
    const blended = blendedKpi(kpi, set.rows, {
      fx: input.goalSettings.fx,
      margin: input.goalSettings.margin,
    });
    totals.push({
      kpi,
      label,
      value: formatKpiValue(kpi, blended.value, blended.currency ?? currency, locale),
      ...statusParts('none', t),
      detail: blended.problem ? problemText(blended.problem, t) : t('overlay_explain_no_target'),
      edit: editable(kpi) ? { kpi, value: blended.value, currency: blended.currency ?? currency } : null,
    });
  }
  if (input.ltv) totals.push(ltvLine(input.ltv, set.rows, input, currency));
  const budgets = goals
    .filter((g) => g.target.kpi === 'budget')
    .map((g) => budgetBlock(g, currency, locale, t));
  return { ...base, totals, budgets };
}
