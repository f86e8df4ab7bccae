import type { Metrics } from '@/lib/model';
import type { Settings } from '@/lib/store/settings';
import { chipKpisOf, type ChipKpi } from '@/lib/ui/overlay-form';
import { isAssumed, type AccountCurrencies, type CurrencyOf } from './currency-policy';
import type { KpiId } from './definitions';
import {
  evaluateRow,
  type EvaluatedKpi,
  type EvaluationSettings,
  type KpiResult,
  type RowEvaluation,
} from './evaluate-rows';
import { kpiOfMetrics } from './formulas';
import { converterFor, fxTableOf } from './fx';
import type { JudgedEntity } from './projection';
import {
  evaluate,
  isMoneyTarget,
  scopeRank,
  TARGET_KPIS,
  type Target,
  type TargetEvaluation,
  type TargetStatus,
} from './targets';

/**
 * The one judge of KPI Lens: entities (lib/kpi/projection.ts) + the user's targets + settings → verdicts.
 * The badge, notifications, chips, the in-page panel's counts and the popup's entity list all judge rows
 * through `judgeEntity`, so they cannot disagree about a row. Pure: the clock and the browser's time zone
 * come in through the settings.
 *
 * Which KPIs a row is judged on (`kpisToJudge`):
 * - the KPIs the user chose to see on every row (the chips; CPA and ROAS by default),
 * - and every other KPI that one of the user's targets sets for this row, when the row has the numbers to
 *   compute it (a target of a KPI the row cannot have would only add an "unknown");
 * - a lead row (leads counted, no conversion value) is judged on CPL instead of CPA, and not on ROAS or
 *   ROMI (it has no sales to return on);
 * - a budget is judged on one row only when it is that campaign's own budget: an account's or platform's
 *   budget caps the spend of its whole scope, which the panel and the popup judge on the scope's totals.
 * With a margin set, ROAS, ROMI and CPA without a target of the user's are judged against break-even.
 */

export type { EvaluationSettings, KpiResult, RowEvaluation } from './evaluate-rows';

export interface JudgeSettings extends EvaluationSettings {
  /** `<platform>:<accountId>` → the currency the user set for the account (the projection applies it). */
  accountCurrencies?: AccountCurrencies;
}

type JudgeSource = Pick<
  Settings,
  'margin' | 'reportingCurrency' | 'fxRates' | 'accountTimeZones' | 'accountCurrencies'
>;

/** The one place the user's settings become the judge's (null: not loaded yet, nothing set). */
export function judgeSettingsOf(
  settings: JudgeSource | null,
  now: number,
  defaultTimeZone: string | null,
): Required<Omit<JudgeSettings, 'breakEvenFallback'>> {
  return {
    margin: settings?.margin ?? null,
    fx: settings ? fxTableOf(settings) : null,
    now,
    timeZones: settings?.accountTimeZones ?? {},
    defaultTimeZone,
    accountCurrencies: settings?.accountCurrencies ?? {},
  };
}

/** The KPIs the user chose to see on every row, in their order, once each. */
export function shownKpisOf(settings: Pick<Settings, 'overlay'> | null): ChipKpi[] {
  // The options page edits this list (lib/ui/overlay-form.ts): one reading of it for every surface.
  return [...new Set(settings ? chipKpisOf(settings) : chipKpisOf({ overlay: { enabled: true } }))];
}

/**
 * A lead campaign's cost is its CPL and it has no sales to return on: a row that counts leads and shows
 * no conversion value (nor a ROAS column) is judged on CPL instead of CPA, and ROAS is left out.
 */
export function isLeadRow(metrics: Metrics): boolean {
  return (
    metrics.leads !== undefined && metrics.conversionValue === undefined && metrics.roasShown === undefined
  );
}

/** `kpis` as one row is judged on them: the lead-row rule applied, each once, in order. */
export function kpisForRow(kpis: readonly KpiId[], metrics: Metrics): KpiId[] {
  if (!isLeadRow(metrics)) return [...new Set(kpis)];
  const out: KpiId[] = [];
  for (const kpi of kpis) {
    if (kpi === 'roas' || kpi === 'romi') continue;
    out.push(kpi === 'cpa' ? 'cpl' : kpi);
  }
  return [...new Set(out)];
}

/** The KPIs one entity is judged on (see the rules above), in the order its chips show them. */
export function kpisToJudge(
  entity: JudgedEntity,
  targets: readonly Target[],
  shown: readonly KpiId[],
): EvaluatedKpi[] {
  const applies = (t: Target) => scopeRank(t.scope, entity) >= 0;
  const targeted: KpiId[] = [];
  for (const kpi of TARGET_KPIS) {
    if (kpi === 'budget' || shown.includes(kpi)) continue;
    if (!targets.some((t) => t.kpi === kpi && applies(t))) continue;
    if (kpiOfMetrics(kpi, entity.metrics).value !== null) targeted.push(kpi);
  }
  const kpis: EvaluatedKpi[] = kpisForRow([...shown, ...targeted], entity.metrics);
  if (targets.some((t) => t.kpi === 'budget' && t.scope.kind === 'campaign' && applies(t)))
    kpis.push('budget');
  return kpis;
}

/** One entity judged: every KPI of `kpisToJudge` (or of `kpis`, for a view that asks for its own). */
export function judgeEntity(
  entity: JudgedEntity,
  targets: readonly Target[],
  shown: readonly KpiId[],
  settings: JudgeSettings,
  kpis: readonly EvaluatedKpi[] = kpisToJudge(entity, targets, shown),
): RowEvaluation {
  return evaluateRow(entity, targets, kpis, settings);
}

export function judgeEntities(
  entities: readonly JudgedEntity[],
  targets: readonly Target[],
  shown: readonly KpiId[],
  settings: JudgeSettings,
): RowEvaluation[] {
  return entities.map((e) => judgeEntity(e, targets, shown, settings));
}

/** One KPI of one row against one target: what every surface compares. */
export interface Verdict {
  kpi: EvaluatedKpi;
  /** The target's id (break-even targets: `break-even:<kpi>`). */
  targetId: string;
  breakEven: boolean;
  muted: boolean;
  status: TargetStatus;
}

/** A row's verdicts: its KPIs that have a target, in order. */
export function verdictsOf(results: readonly KpiResult[]): Verdict[] {
  const out: Verdict[] = [];
  for (const r of results) {
    if (!r.target || r.status === null) continue;
    out.push({
      kpi: r.kpi,
      targetId: r.target.id,
      breakEven: r.target.breakEven,
      muted: r.target.muted,
      status: r.status,
    });
  }
  return out;
}

/** Off track against a target whose alerts are on (a muted target's chip still shows its status). */
export function isAlertingOffTrack(result: KpiResult): boolean {
  return result.status === 'off-track' && result.target !== null && !result.target.muted;
}

/** A row behind a total: its currency as it counts now, and whether it has money amounts. */
export interface TotalRow extends CurrencyOf {
  metrics: Metrics;
}

function hasMoney(m: Metrics): boolean {
  return m.spend !== undefined || m.conversionValue !== undefined || m.budget !== undefined;
}

/**
 * A total over several rows (the panel's table totals, the popup's goals) judged against a target, with
 * currency-policy rule 4 applied to the total as to a row: a total with an assumed currency among its money
 * rows is an assumption, which only meets a target in that same currency and is never converted (rows in
 * several currencies converted with the user's rates: a guess converted would judge a wrong number).
 */
export function judgeTotal(
  value: number | null,
  valueCurrency: string | null,
  rows: readonly TotalRow[],
  target: Target,
  settings: Pick<EvaluationSettings, 'fx'>,
): TargetEvaluation {
  const money = rows.filter((r) => hasMoney(r.metrics));
  const assumed = money.some((r) => isAssumed(r));
  const converted = new Set(money.map((r) => r.currency)).size > 1;
  if (assumed && converted && isMoneyTarget(target.kpi) && target.currency !== null)
    return { status: 'unknown', distance: null, targetValue: null, reason: 'currency-unknown' };
  return evaluate(value, target, {
    valueCurrency,
    valueCurrencyAssumed: assumed,
    convert: converterFor(settings.fx),
  });
}
