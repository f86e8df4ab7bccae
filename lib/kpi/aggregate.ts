import type { Metrics } from '@/lib/model';
import {
  KPI_COMPONENTS,
  KPI_DEFINITIONS,
  type KpiComponent,
  type KpiComponents,
  type KpiId,
} from './definitions';
import { computeKpi, kpiOfMetrics, type KpiOptions, type KpiSource } from './formulas';

/**
 * Totals across rows are sums of components; a KPI of several rows is a ratio of sums
 * (Σspend ÷ Σclicks), never an average of the rows' ratios. Callers group rows by currency first
 * (see fx.ts for totals across currencies).
 */

export interface ComponentTotals {
  /** Rows seen. */
  rows: number;
  /** Sum of each component over the rows that knew it; absent when no row knew it. */
  sums: KpiComponents;
  /** How many rows knew each component. `known[c] < rows` means some row lacked it. */
  known: Record<KpiComponent, number>;
}

function emptyKnown(): Record<KpiComponent, number> {
  return Object.fromEntries(KPI_COMPONENTS.map((c) => [c, 0])) as Record<KpiComponent, number>;
}

function isKnown(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}

export function emptyTotals(): ComponentTotals {
  return { rows: 0, sums: {}, known: emptyKnown() };
}

export function addRow(totals: ComponentTotals, row: KpiComponents): ComponentTotals {
  const sums: KpiComponents = { ...totals.sums };
  const known = { ...totals.known };
  for (const c of KPI_COMPONENTS) {
    const value = row[c];
    if (!isKnown(value)) continue;
    sums[c] = (sums[c] ?? 0) + value;
    known[c] += 1;
  }
  return { rows: totals.rows + 1, sums, known };
}

export function sumComponents(rows: Iterable<KpiComponents>): ComponentTotals {
  let totals = emptyTotals();
  for (const row of rows) totals = addRow(totals, row);
  return totals;
}

/** Totals of two disjoint sets of rows; equal to summing their union. */
export function mergeTotals(a: ComponentTotals, b: ComponentTotals): ComponentTotals {
  const sums: KpiComponents = {};
  const known = emptyKnown();
  for (const c of KPI_COMPONENTS) {
    known[c] = a.known[c] + b.known[c];
    const x = a.sums[c];
    const y = b.sums[c];
    if (x !== undefined || y !== undefined) sums[c] = (x ?? 0) + (y ?? 0);
  }
  return { rows: a.rows + b.rows, sums, known };
}

/** True when a component was known in every row (the sum is a full total, not a partial one). */
export function isComplete(totals: ComponentTotals, component: KpiComponent): boolean {
  return totals.known[component] === totals.rows;
}

export interface AggregateKpi {
  value: number | null;
  /** Sums of the KPI's components over the rows used. */
  components: KpiComponents;
  /** Rows that knew every component of the KPI (only those are summed). */
  rowsUsed: number;
  rowsTotal: number;
  /** Every row contributed. False = the value covers only part of the rows. */
  complete: boolean;
  /** 'shown' when a single row's shown ROAS was used. */
  source: KpiSource | null;
}

/**
 * A KPI over several rows. Only rows that know every component of the KPI are summed: summing the
 * spend of rows whose conversions are unknown into a CPA would overstate it.
 */
export function aggregateKpi(
  id: KpiId,
  rows: readonly KpiComponents[],
  options: KpiOptions = {},
): AggregateKpi {
  const needed = KPI_DEFINITIONS[id].components;
  const used = rows.filter((row) => needed.every((c) => isKnown(row[c])));
  const totals = sumComponents(used);
  const components: KpiComponents = {};
  for (const c of needed) if (totals.sums[c] !== undefined) components[c] = totals.sums[c];
  const value = used.length > 0 ? computeKpi(id, components, options) : null;
  return {
    value,
    components,
    rowsUsed: used.length,
    rowsTotal: rows.length,
    complete: used.length === rows.length,
    source: value === null ? null : 'derived',
  };
}

/**
 * A KPI of one or more rows: a single row may fall back to the ROAS its page showed (kpiOfMetrics);
 * several rows are always aggregated from components, because shown ratios cannot be summed.
 */
export function kpiOfRows(id: KpiId, rows: readonly Metrics[], options: KpiOptions = {}): AggregateKpi {
  const only = rows.length === 1 ? rows[0] : undefined;
  const aggregated = aggregateKpi(id, rows, options);
  if (!only || aggregated.value !== null) return aggregated;
  const single = kpiOfMetrics(id, only, options);
  if (single.value === null) return aggregated;
  return { ...aggregated, value: single.value, rowsUsed: 1, complete: true, source: single.source };
}
