import { KPI_DEFINITIONS, type KpiId } from '@/lib/kpi/definitions';
import { judgeEntity, verdictsOf, type JudgeSettings, type KpiResult, type Verdict } from '@/lib/kpi/judge';
import { currencyNow, forEachEntityRow, judgedEntityOfRow, readCurrencyOf } from '@/lib/kpi/projection';
import type { Target, TargetStatus } from '@/lib/kpi/targets';
import type { EntityRow, Metrics, TableReading } from '@/lib/model';
import { formatKpiValue, STATUS_KEYS, STATUS_SYMBOLS } from '@/lib/ui/display';
import { explainChip, type ExplainContext } from './explain';
import type { ChipKpi } from './prefs';

/**
 * What the chips of one row say: pure data (text only), built from the evaluated row. The DOM layer
 * (lib/overlay/chip-dom.ts) only copies these strings into elements.
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
  /** Made on first use: only rows that are drawn pay for formatting. */
  readonly chips: ChipModel[];
  /**
   * The chips' statuses, known without making the chips (for the panel's counts). Judged on first use
   * too, so a new reading costs nothing per row until a row is drawn or counted.
   */
  readonly statuses: ChipStatus[];
  /**
   * The row's verdicts (lib/kpi/judge.ts): every KPI of the row judged against a target, a campaign's own
   * budget included (which has no chip). The same as the badge's for this row.
   */
  readonly verdicts: Verdict[];
  /** The row's risk flags (from the worker), or null when it has none. */
  readonly risk: RowRisk | null;
  /** Equal signatures render identically: a row is re-rendered only when it changes. */
  signature: string;
}

/** A row's risk flags as the chip shows them: text only. */
export interface RowRisk {
  /** "Risk: CPA surge, Spend spike" (the flag's accessible name). */
  label: string;
  /** Each flag with its numbers, one per line (the tooltip). */
  tip: string;
}

type JudgedRow = KpiResult[];

function chipResults(results: JudgedRow): (KpiResult & { kpi: KpiId })[] {
  return results.filter((r): r is KpiResult & { kpi: KpiId } => r.kpi !== 'budget');
}

export const NO_TARGET_SYMBOL = '·';

export function chipOf(result: KpiResult & { kpi: KpiId }, metrics: Metrics, ctx: ExplainContext): ChipModel {
  const status: ChipStatus = result.status ?? 'none';
  const chip = {
    kpi: result.kpi,
    label: KPI_DEFINITIONS[result.kpi].label,
    value: formatKpiValue(result.kpi, result.value, ctx.currency, ctx.locale),
    status,
    symbol: status === 'none' ? NO_TARGET_SYMBOL : STATUS_SYMBOLS[status],
    statusText: ctx.t(status === 'none' ? 'overlay_status_no_target' : STATUS_KEYS[status]),
  } as ChipModel;
  // The sentence costs most of a chip's price: it is only put together for rows actually drawn.
  let explanation: string | null = null;
  Object.defineProperty(chip, 'explanation', {
    enumerable: true,
    get: () => (explanation ??= explainChip(result, metrics, ctx)),
  });
  return chip;
}

/**
 * `inputs` is everything a row's chips are made from (see `chipsForReading`): equal inputs, equal chips.
 * Without it the chips' own text is the signature.
 */
export function rowChipsOf(
  entityKey: string,
  chips: ChipModel[],
  inputs?: string,
  results?: JudgedRow,
  risk: RowRisk | null = null,
): RowChips {
  return {
    entityKey,
    chips,
    risk,
    statuses: results ? results.map((r): ChipStatus => r.status ?? 'none') : chips.map((c) => c.status),
    verdicts: results ? verdictsOf(results) : [],
    signature: inputs ?? JSON.stringify(chips),
  };
}

/** A row whose targets are judged when its statuses or chips are first asked for, and only once. */
function lazyRowChips(
  entityKey: string,
  evaluate: () => JudgedRow,
  make: (results: (KpiResult & { kpi: KpiId })[]) => ChipModel[],
  signature: string,
  risk: RowRisk | null,
): RowChips {
  let results: JudgedRow | null = null;
  let statuses: ChipStatus[] | null = null;
  let verdicts: Verdict[] | null = null;
  let chips: ChipModel[] | null = null;
  const judged = () => (results ??= evaluate());
  return {
    entityKey,
    signature,
    risk,
    get statuses() {
      return (statuses ??= judged().map((r): ChipStatus => r.status ?? 'none'));
    },
    get verdicts() {
      return (verdicts ??= verdictsOf(judged()));
    },
    get chips() {
      return (chips ??= make(chipResults(judged())));
    },
  };
}

/** The chips made from a row object, and the targets, settings and page they were made with. */
const madeFor = new WeakMap<EntityRow, { base: string; chips: RowChips }>();

export interface ChipInput {
  reading: TableReading;
  targets: readonly Target[];
  /** The KPIs the user chose to see on every row (lib/kpi/judge.ts `shownKpisOf`). */
  chipKpis: readonly ChipKpi[];
  /** lib/kpi/judge.ts `judgeSettingsOf`: the same settings the worker judges the badge with. */
  evaluation: JudgeSettings;
  /** Translations and locale; `currency` is taken from the reading. */
  text: Omit<ExplainContext, 'currency' | 'margin'>;
  /**
   * Identifies the targets, settings and language the chips were made with: rows of `previous` made with
   * the same version and the same numbers are reused as they are.
   */
  version?: string;
  /** Rows' risk flags by entity key (part of `version`: new flags make new chips). */
  risks?: ReadonlyMap<string, RowRisk>;
}

/**
 * Chips for every row of a reading, keyed by entity. The reading's currency is used as the page shows it
 * (an assumed one too: the panel says it is assumed). Rows without a key cannot be placed and are skipped.
 */
export function chipsForReading(
  input: ChipInput,
  previous?: ReadonlyMap<string, RowChips>,
): Map<string, RowChips> {
  const { reading, evaluation, text } = input;
  const { context } = reading;
  // Every row of a reading shares its context: its currency as it counts now (the account's setting applied).
  const currency = currencyNow(
    { ...readCurrencyOf(context), platform: context.platform, accountId: context.accountId },
    evaluation.accountCurrencies,
  );
  const ctx: ExplainContext = { ...text, currency: currency.currency, margin: evaluation.margin };
  const out = new Map<string, RowChips>();
  const base = JSON.stringify([
    input.version ?? null,
    context.platform,
    context.accountId,
    currency,
    context.dateStart,
    context.dateEnd,
  ]);
  forEachEntityRow(reading, (row, key) => {
    // The same row object with the same inputs: nothing to compare (readings of a long scroll keep most).
    const memo = input.version === undefined ? undefined : madeFor.get(row);
    if (memo && memo.base === base && memo.chips.entityKey === key) {
      out.set(key, memo.chips);
      return;
    }
    // A virtualised table's union reading repeats every row seen so far: only new or changed rows cost.
    const inputs = input.version === undefined ? undefined : `${base}${JSON.stringify([key, row.metrics])}`;
    const before = inputs === undefined ? undefined : previous?.get(key);
    if (before && before.signature === inputs) {
      madeFor.set(row, { base, chips: before });
      out.set(key, before);
      return;
    }
    const risk = input.risks?.get(key) ?? null;
    const evaluate = () => judgeRow(row, key, input);
    const make = (results: (KpiResult & { kpi: KpiId })[]) =>
      results.map((result) => chipOf(result, row.metrics, ctx));
    if (inputs === undefined) {
      const results = evaluate();
      out.set(key, rowChipsOf(key, make(chipResults(results)), undefined, results, risk));
    } else {
      const made = lazyRowChips(key, evaluate, make, inputs, risk);
      madeFor.set(row, { base, chips: made });
      out.set(key, made);
    }
  });
  return out;
}

/** The row through the one projection and the one judge, as the worker judges it for the badge. */
function judgeRow(row: EntityRow, entityKey: string, input: ChipInput): JudgedRow {
  const { context } = input.reading;
  const entity = judgedEntityOfRow(context, row, entityKey, input.evaluation.accountCurrencies);
  return judgeEntity(entity, input.targets, input.chipKpis, input.evaluation).results;
}

/** How many rows have at least one chip in each status (the panel's one-line summary). */
export function statusCounts(rows: Iterable<RowChips>): Record<'off-track' | 'at-risk' | 'on-track', number> {
  const counts = { 'off-track': 0, 'at-risk': 0, 'on-track': 0 };
  for (const row of rows) {
    const statuses = new Set(row.statuses);
    // A row counts once, under its worst status.
    if (statuses.has('off-track')) counts['off-track']++;
    else if (statuses.has('at-risk')) counts['at-risk']++;
    else if (statuses.has('on-track')) counts['on-track']++;
  }
  return counts;
}

/** Worst first: what a row's one compact chip shows when its cell has no room for all of them. */
const SEVERITY: readonly ChipStatus[] = ['off-track', 'at-risk', 'unknown', 'on-track', 'none'];

export interface CompactChip {
  status: ChipStatus;
  symbol: string;
  /** The KPI with the worst status ("CPA"), and that status in words ("Off track"). */
  label: string;
  statusText: string;
  /** Every chip in words, for screen readers: "CPA $24.06 Off track; ROAS 4.06× At risk". */
  description: string;
  /** Every chip's explanation, one per line (the tooltip). */
  tip: string;
}

/** The one chip standing for all of a row's chips (null when the row has none). */
export function compactChip(chips: readonly ChipModel[]): CompactChip | null {
  let worst: ChipModel | undefined;
  for (const chip of chips)
    if (!worst || SEVERITY.indexOf(chip.status) < SEVERITY.indexOf(worst.status)) worst = chip;
  if (!worst) return null;
  return {
    status: worst.status,
    symbol: worst.symbol,
    label: worst.label,
    statusText: worst.statusText,
    description: chips.map((c) => `${c.label} ${c.value} ${c.statusText}`).join('; '),
    tip: chips.map((c) => c.explanation).join('\n'),
  };
}
