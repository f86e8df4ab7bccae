import type { Metrics } from '@/lib/model';
import {
  KPI_DEFINITIONS,
  ROMI_FORMULA_WITH_MARGIN,
  ROMI_FORMULA_WITHOUT_MARGIN,
  type CsvDerivedColumn,
  type KpiComponent,
  type KpiComponents,
  type KpiId,
} from './definitions';

/**
 * KPI formulas over components that are already summed (or belong to one row). An unknown input, a
 * zero denominator or a negative one gives null — shown as "—" — never 0 or Infinity. A zero numerator
 * is a real result (no clicks out of 1,000 impressions is a CTR of 0).
 */

export interface KpiOptions {
  /** Gross margin as a fraction in (0, 1]; null/undefined = not set. */
  margin?: number | null;
}

export type UnknownReason = 'missing-input' | 'zero-denominator' | 'negative-denominator' | 'invalid-margin';

export interface KpiInput {
  name: KpiComponent | 'margin';
  /** null when the input is not known. */
  value: number | null;
}

export interface KpiExplanation {
  id: KpiId;
  value: number | null;
  /** The formula actually used (ROMI differs with and without a margin). */
  formula: string;
  /** The inputs in the order they appear in `formula`, e.g. CPA: [spend, conversions]. */
  inputs: KpiInput[];
  /** 1000 for CPM, else 1. */
  scale: number;
  unknown: UnknownReason | null;
  /** Inputs that were not known (empty unless `unknown` is 'missing-input'). */
  missing: KpiComponent[];
}

/** A margin that can be used, or null. Anything outside (0, 1] is a settings error, not a margin. */
export function usableMargin(margin: number | null | undefined): number | null {
  if (margin === null || margin === undefined) return null;
  return Number.isFinite(margin) && margin > 0 && margin <= 1 ? margin : null;
}

function known(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}

function denominatorProblem(value: number): UnknownReason | null {
  if (value === 0) return 'zero-denominator';
  // A negative count or spend (refund adjustments) makes every ratio here meaningless.
  if (value < 0) return 'negative-denominator';
  return null;
}

export function explainKpi(id: KpiId, components: KpiComponents, options: KpiOptions = {}): KpiExplanation {
  const def = KPI_DEFINITIONS[id];
  const missing = def.components.filter((name) => !known(components[name]));
  const input = (name: KpiComponent): KpiInput => ({
    name,
    value: known(components[name]) ? components[name] : null,
  });

  if (id === 'romi') {
    const marginSet = options.margin !== null && options.margin !== undefined;
    const margin = usableMargin(options.margin);
    const inputs: KpiInput[] = marginSet
      ? [input('conversionValue'), { name: 'margin', value: margin }, input('spend')]
      : [input('conversionValue'), input('spend')];
    const base = {
      id,
      formula: marginSet ? ROMI_FORMULA_WITH_MARGIN : ROMI_FORMULA_WITHOUT_MARGIN,
      inputs,
      scale: 1,
      missing,
    };
    if (marginSet && margin === null) return { ...base, value: null, unknown: 'invalid-margin' };
    if (missing.length > 0) return { ...base, value: null, unknown: 'missing-input' };
    const value = components.conversionValue!;
    const spend = components.spend!;
    const problem = denominatorProblem(spend);
    if (problem) return { ...base, value: null, unknown: problem };
    return { ...base, value: (value * (margin ?? 1) - spend) / spend, unknown: null };
  }

  const ratio = def.ratio!;
  const base = {
    id,
    formula: def.formula,
    inputs: [input(ratio.numerator), input(ratio.denominator)],
    scale: ratio.scale,
    missing,
  };
  if (missing.length > 0) return { ...base, value: null, unknown: 'missing-input' };
  const numerator = components[ratio.numerator]!;
  const denominator = components[ratio.denominator]!;
  const problem = denominatorProblem(denominator);
  if (problem) return { ...base, value: null, unknown: problem };
  return { ...base, value: (numerator / denominator) * ratio.scale, unknown: null };
}

export function computeKpi(id: KpiId, components: KpiComponents, options: KpiOptions = {}): number | null {
  const ratio = KPI_DEFINITIONS[id].ratio;
  // The fast path (no explanation objects): exports and overlays compute this for every row.
  if (!ratio) return explainKpi(id, components, options).value;
  const numerator = components[ratio.numerator];
  const denominator = components[ratio.denominator];
  if (!known(numerator) || !known(denominator) || denominatorProblem(denominator)) return null;
  return (numerator / denominator) * ratio.scale;
}

export type KpiSource = 'derived' | 'shown';

export interface SourcedValue {
  value: number | null;
  /** 'shown' = the page's own ROAS column was used because conversion value was not shown. */
  source: KpiSource | null;
}

/**
 * ROAS of one row: conversion value ÷ spend when both are known (more precise than a rounded column),
 * else the ROAS the page showed (TikTok shows ROAS but not the value).
 */
export function roasWithSource(metrics: Metrics): SourcedValue {
  const derived = computeKpi('roas', metrics);
  if (derived !== null) return { value: derived, source: 'derived' };
  // Only when the value could not be derived from components; a zero spend is still unknown.
  if (!known(metrics.conversionValue) || !known(metrics.spend)) {
    if (known(metrics.roasShown)) return { value: metrics.roasShown, source: 'shown' };
  }
  return { value: null, source: null };
}

export function roasOf(metrics: Metrics): number | null {
  return roasWithSource(metrics).value;
}

/**
 * One KPI of one row. Like `computeKpi`, but ROAS and ROMI fall back to the page's shown ROAS
 * (ROMI = ROAS × margin − 1, the same formula rearranged).
 */
export function kpiOfMetrics(id: KpiId, metrics: Metrics, options: KpiOptions = {}): SourcedValue {
  if (id === 'roas') return roasWithSource(metrics);
  const derived = computeKpi(id, metrics, options);
  if (derived !== null) return { value: derived, source: 'derived' };
  if (id === 'romi') {
    const marginSet = options.margin !== null && options.margin !== undefined;
    const margin = usableMargin(options.margin);
    if (marginSet && margin === null) return { value: null, source: null };
    const roas = roasWithSource(metrics);
    if (roas.source === 'shown' && roas.value !== null) {
      return { value: roas.value * (margin ?? 1) - 1, source: 'shown' };
    }
  }
  return { value: null, source: null };
}

/** Break-even ROAS = 1 ÷ margin: below it every sale loses money after cost of goods. */
export function breakEvenRoas(margin: number | null | undefined): number | null {
  const m = usableMargin(margin);
  return m === null ? null : 1 / m;
}

/** Break-even CPA = AOV × margin: the most a conversion may cost before it loses money. */
export function breakEvenCpa(components: KpiComponents, margin: number | null | undefined): number | null {
  const m = usableMargin(margin);
  const aov = computeKpi('aov', components);
  return m === null || aov === null ? null : aov * m;
}

/**
 * The derived columns of the snapshot CSV (CONTRACTS.md §1). `roas` follows the contract: the page's
 * ROAS as shown, else conversion value ÷ spend.
 */
export function derivedCsvValues(metrics: Metrics): Record<CsvDerivedColumn, number | null> {
  return {
    ctr: computeKpi('ctr', metrics),
    cpc: computeKpi('cpc', metrics),
    cpm: computeKpi('cpm', metrics),
    cvr: computeKpi('cvr', metrics),
    cpa: computeKpi('cpa', metrics),
    roas: known(metrics.roasShown) ? metrics.roasShown : computeKpi('roas', metrics),
  };
}
