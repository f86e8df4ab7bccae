import { KPI_IDS } from '../kpi/definitions';
import {
  evaluateRows,
  type EvaluableRow,
  type EvaluatedKpi,
  type EvaluationSettings,
  type RowEvaluation,
} from '../kpi/evaluate-rows';
import type { Target } from '../kpi/targets';
import { entityKeyOf, type Snapshot, type TableReading } from '../model';
import type { Settings } from '../store/settings';

/** Every KPI the overlay can show, and budget pacing. */
export const OVERLAY_KPIS: readonly EvaluatedKpi[] = [...KPI_IDS, 'budget'];

/** The user's settings as the KPI engine takes them (pure). */
export function evaluationSettingsOf(
  settings: Settings,
  now: number,
  defaultTimeZone: string | null,
): EvaluationSettings {
  return {
    margin: settings.margin,
    fx: settings.reportingCurrency
      ? { reportingCurrency: settings.reportingCurrency, rates: settings.fxRates }
      : null,
    now,
    timeZones: settings.accountTimeZones,
    defaultTimeZone,
  };
}

/**
 * The rows of a reading as the KPI engine takes them — also when the reading could not be stored (e.g. no
 * account id on the page): the chips can still show KPIs, only account-scoped targets cannot apply.
 */
export function evaluableRowsOf(reading: TableReading): EvaluableRow[] {
  const { context } = reading;
  if (reading.health.status === 'not-recognised') return [];
  const out: EvaluableRow[] = [];
  const seen = new Set<string>();
  for (const row of reading.rows) {
    const entityKey = entityKeyOf(row);
    if (!entityKey || seen.has(entityKey)) continue;
    seen.add(entityKey);
    out.push({
      platform: context.platform,
      accountId: context.accountId ?? '',
      entityKey,
      // As stored: an assumed currency counts, and is judged by currency-policy.ts rule 4.
      currency: context.currency,
      currencySource: context.currency === null ? null : context.currencySource,
      metrics: row.metrics,
      dateStart: context.dateStart,
      dateEnd: context.dateEnd,
    });
  }
  return out;
}

export function evaluableOfSnapshot(s: Snapshot): EvaluableRow {
  return {
    platform: s.platform,
    accountId: s.accountId,
    entityKey: s.entityKey,
    currency: s.currency,
    currencySource: s.currencySource,
    metrics: s.metrics,
    dateStart: s.dateStart,
    dateEnd: s.dateEnd,
  };
}

export function evaluate(
  rows: readonly EvaluableRow[],
  targets: readonly Target[],
  settings: EvaluationSettings,
): RowEvaluation[] {
  return evaluateRows(rows, targets, OVERLAY_KPIS, settings);
}

/** Off track against a target whose alerts are on (a muted target's chip still shows its status). */
export function isAlertingOffTrack(result: RowEvaluation['results'][number]): boolean {
  return result.status === 'off-track' && result.target !== null && !result.target.muted;
}
