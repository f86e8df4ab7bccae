import { evaluateRow, type EvaluationSettings, type KpiResult } from '@/lib/kpi/evaluate-rows';
import { KPI_DEFINITIONS, type KpiId } from '@/lib/kpi/definitions';
import type { Target, TargetStatus } from '@/lib/kpi/targets';
import { entityKeyOf, type EntityRow, type Metrics, type TableReading } from '@/lib/model';
import { formatKpiValue, STATUS_KEYS, STATUS_SYMBOLS } from '@/lib/ui/display';
import { explainChip, type ExplainContext } from './explain';
import { chipKpisForRow, type ChipKpi } from './prefs';

/**
 * What the chips of one row say: pure data (text only), built from the evaluated row. The DOM layer
 * (components/overlay/chip-dom.ts) only copies these strings into elements.
 */

/** A target status, or 'none' when no target applies (the chip still shows the value). */
export type ChipStatus = TargetStatus | 'none';

export interface ChipModel {
  kpi: KpiId;
  /** "CPA" */
  label: string;
  /** "$24.06", "4.06×", "—" */
  value: string;
  status: ChipStatus;
  /** "✕" — carries the status without colour (the word follows it). */
  symbol: string;
  /** "Off track", "No target" */
  statusText: string;
  /** The tooltip: formula with the values used, the target, the distance. */
  explanation: string;
}

export interface RowChips {
  entityKey: string;
  chips: ChipModel[];
  /** Equal signatures render identically: a row is re-rendered only when it changes. */
  signature: string;
}

export const NO_TARGET_SYMBOL = '·';

export function chipOf(result: KpiResult & { kpi: KpiId }, metrics: Metrics, ctx: ExplainContext): ChipModel {
  const status: ChipStatus = result.status ?? 'none';
  return {
    kpi: result.kpi,
    label: KPI_DEFINITIONS[result.kpi].label,
    value: formatKpiValue(result.kpi, result.value, ctx.currency, ctx.locale),
    status,
    symbol: status === 'none' ? NO_TARGET_SYMBOL : STATUS_SYMBOLS[status],
    statusText: ctx.t(status === 'none' ? 'overlay_status_no_target' : STATUS_KEYS[status]),
    explanation: explainChip(result, metrics, ctx),
  };
}

export function rowChipsOf(entityKey: string, chips: ChipModel[]): RowChips {
  return { entityKey, chips, signature: JSON.stringify(chips) };
}

export interface ChipInput {
  reading: TableReading;
  targets: readonly Target[];
  chipKpis: readonly ChipKpi[];
  evaluation: EvaluationSettings;
  /** Translations and locale; `currency` is taken from the reading. */
  text: Omit<ExplainContext, 'currency' | 'margin'>;
}

/**
 * Chips for every row of a reading, keyed by entity. The reading's currency is used as the page shows it
 * (an assumed one too: the panel says it is assumed). Rows without a key cannot be placed and are skipped.
 */
export function chipsForReading(input: ChipInput): Map<string, RowChips> {
  const { reading, evaluation, text } = input;
  const ctx: ExplainContext = { ...text, currency: reading.context.currency, margin: evaluation.margin };
  const out = new Map<string, RowChips>();
  if (reading.health.status === 'not-recognised') return out;
  for (const row of reading.rows) {
    const key = entityKeyOf(row);
    if (!key || out.has(key)) continue;
    out.set(key, rowChipsOf(key, chipsForRow(row, key, input, ctx)));
  }
  return out;
}

function chipsForRow(row: EntityRow, entityKey: string, input: ChipInput, ctx: ExplainContext): ChipModel[] {
  const { context } = input.reading;
  const kpis = chipKpisForRow(input.chipKpis, row.metrics);
  const evaluated = evaluateRow(
    {
      platform: context.platform,
      // Targets of an account never match a page whose account is unknown; broader ones still do.
      accountId: context.accountId ?? '',
      entityKey,
      currency: context.currency,
      metrics: row.metrics,
      dateStart: context.dateStart,
      dateEnd: context.dateEnd,
    },
    input.targets,
    kpis,
    input.evaluation,
  );
  return evaluated.results.map((result) => chipOf(result as KpiResult & { kpi: KpiId }, row.metrics, ctx));
}

/** How many rows have at least one chip in each status (the panel's one-line summary). */
export function statusCounts(rows: Iterable<RowChips>): Record<'off-track' | 'at-risk' | 'on-track', number> {
  const counts = { 'off-track': 0, 'at-risk': 0, 'on-track': 0 };
  for (const row of rows) {
    const statuses = new Set(row.chips.map((c) => c.status));
    // A row counts once, under its worst status.
    if (statuses.has('off-track')) counts['off-track']++;
    else if (statuses.has('at-risk')) counts['at-risk']++;
    else if (statuses.has('on-track')) counts['on-track']++;
  }
  return counts;
}
