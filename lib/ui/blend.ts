import { kpiOfRows } from '@/lib/kpi/aggregate';
import { KPI_DEFINITIONS, MONEY_COMPONENTS, type KpiId } from '@/lib/kpi/definitions';
import { convert, type FxTable } from '@/lib/kpi/fx';
import type { Metrics } from '@/lib/model';

/**
 * A KPI over rows that may be in different currencies: in their one shared currency when they share one,
 * otherwise converted into the reporting currency with the user's rates — or refused, with the reason,
 * when that is not possible. Never adds amounts of different currencies unconverted.
 */

export interface CurrencyRow {
  currency: string | null;
  metrics: Metrics;
  /** The row's account: rows of one account share its currency even when that currency is not known. */
  platform?: string;
  accountId?: string;
}

export type BlendProblem = 'unknown-currency' | 'no-reporting-currency' | 'missing-rates';

export interface BlendedKpi {
  value: number | null;
  /** Currency of `value` for money KPIs (and of the converted amounts behind any KPI); null when none. */
  currency: string | null;
  rowsUsed: number;
  rowsTotal: number;
  complete: boolean;
  problem: BlendProblem | null;
  /** Currencies without a rate (problem 'missing-rates'). */
  missingRates: string[];
}

export function usesMoney(kpi: KpiId): boolean {
  return KPI_DEFINITIONS[kpi].components.some((c) => (MONEY_COMPONENTS as readonly string[]).includes(c));
}

function hasMoney(metrics: Metrics): boolean {
  return metrics.spend !== undefined || metrics.conversionValue !== undefined || metrics.budget !== undefined;
}

export interface CommonCurrency {
  currency: string | null;
  problem: BlendProblem | null;
  missingRates: string[];
  /** Money amounts need converting into `currency`. */
  convert: boolean;
}

/** The currency a set of rows can be added up in, or why there is none. */
export function commonCurrency(rows: readonly CurrencyRow[], fx: FxTable | null): CommonCurrency {
  const withMoney = rows.filter((r) => hasMoney(r.metrics));
  const unknown = withMoney.filter((r) => r.currency === null);
  if (unknown.length > 0) {
    // One account's amounts add up even in an unknown currency; anything more would mix currencies.
    const accounts = new Set(
      unknown.map((r) => (r.platform && r.accountId ? `${r.platform}:${r.accountId}` : null)),
    );
    const oneAccount = accounts.size === 1 && !accounts.has(null);
    if (oneAccount && unknown.length === withMoney.length)
      return { currency: null, problem: null, missingRates: [], convert: false };
    return { currency: null, problem: 'unknown-currency', missingRates: [], convert: false };
  }
  const currencies = [...new Set(withMoney.map((r) => r.currency!))].sort();
  if (currencies.length <= 1)
    return { currency: currencies[0] ?? null, problem: null, missingRates: [], convert: false };
  if (!fx) return { currency: null, problem: 'no-reporting-currency', missingRates: [], convert: false };
  const missing = currencies.filter((c) => convert(fx, 1, c, fx.reportingCurrency) === null);
  if (missing.length > 0)
    return { currency: null, problem: 'missing-rates', missingRates: missing, convert: false };
  return { currency: fx.reportingCurrency, problem: null, missingRates: [], convert: true };
}

/** The row's money amounts in `to` (rates known: checked by `commonCurrency`). */
export function convertMetrics(row: CurrencyRow, to: string, fx: FxTable | null): Metrics {
  if (row.currency === null || row.currency === to) return row.metrics;
  const out: Metrics = { ...row.metrics };
  for (const key of ['spend', 'conversionValue', 'budget'] as const) {
    const value = row.metrics[key];
    if (value !== undefined) {
      const converted = convert(fx, value, row.currency, to);
      if (converted === null) delete out[key];
      else out[key] = converted;
    }
  }
  return out;
}

/** Rows in one currency: the common one, converted where needed; null with the problem otherwise. */
export function inOneCurrency(
  rows: readonly CurrencyRow[],
  fx: FxTable | null,
): { currency: string | null; metrics: Metrics[] } | CommonCurrency {
  const common = commonCurrency(rows, fx);
  if (common.problem) return common;
  const currency = common.currency;
  return {
    currency,
    metrics: rows.map((r) => (common.convert && currency ? convertMetrics(r, currency, fx) : r.metrics)),
  };
}

export function blendedKpi(
  kpi: KpiId,
  rows: readonly CurrencyRow[],
  options: { fx?: FxTable | null; margin?: number | null } = {},
): BlendedKpi {
  const fx = options.fx ?? null;
  // Ratios of counts (CTR, CVR) need no currency at all.
  const relevant = usesMoney(kpi)
    ? rows
    : rows.map((r) => ({ currency: null, metrics: countsOnly(r.metrics) }));
  const one = inOneCurrency(relevant, fx);
  if ('problem' in one)
    return {
      value: null,
      currency: null,
      rowsUsed: 0,
      rowsTotal: rows.length,
      complete: false,
      problem: one.problem,
      missingRates: one.missingRates,
    };
  const result = kpiOfRows(kpi, one.metrics, { margin: options.margin });
  return {
    value: result.value,
    currency: usesMoney(kpi) ? one.currency : null,
    rowsUsed: result.rowsUsed,
    rowsTotal: result.rowsTotal,
    complete: result.complete,
    problem: null,
    missingRates: [],
  };
}

function countsOnly(m: Metrics): Metrics {
  const { spend: _s, conversionValue: _v, budget: _b, roasShown: _r, ...rest } = m;
  return rest;
}

/** Σ spend of the rows in one currency (converted where needed), or null when unknown / not addable. */
export function totalSpend(
  rows: readonly CurrencyRow[],
  fx: FxTable | null,
): { value: number | null; currency: string | null; problem: BlendProblem | null } {
  const one = inOneCurrency(rows, fx);
  if ('problem' in one) return { value: null, currency: null, problem: one.problem };
  const known = one.metrics.filter((m) => m.spend !== undefined);
  return {
    value: known.length === 0 ? null : known.reduce((sum, m) => sum + m.spend!, 0),
    currency: one.currency,
    problem: null,
  };
}

/** Spend added up per currency (largest first), for when it cannot be one total. Unknown currencies left out. */
export function spendByCurrency(rows: readonly CurrencyRow[]): { currency: string; value: number }[] {
  const totals = new Map<string, number>();
  for (const r of rows)
    if (r.currency !== null && r.metrics.spend !== undefined)
      totals.set(r.currency, (totals.get(r.currency) ?? 0) + r.metrics.spend);
  return [...totals].map(([currency, value]) => ({ currency, value })).sort((a, b) => b.value - a.value);
}

/** The accounts whose money rows have no known currency (`platform:accountId`, once each, in order). */
export function accountsWithUnknownCurrency(rows: readonly CurrencyRow[]): string[] {
  const out = new Set<string>();
  for (const r of rows)
    if (r.currency === null && hasMoney(r.metrics) && r.platform && r.accountId)
      out.add(`${r.platform}:${r.accountId}`);
  return [...out];
}

/** The user's FX table from settings (lib/kpi/fx.ts). */
export { fxTableOf } from '@/lib/kpi/fx';
