import * as z from '@/lib/zod';
import { currencySchema, type Metrics } from '@/lib/model';
import { aggregateKpi, sumComponents, type ComponentTotals } from './aggregate';
import { KPI_COMPONENTS, MONEY_COMPONENTS, type KpiComponents } from './definitions';

/**
 * Exchange rates the user typed in. KPI Lens fetches no rates (no network), so an amount in a
 * currency without a rate stays unconverted and any total that would need it is refused.
 */

export const fxTableSchema = z.object({
  reportingCurrency: currencySchema,
  /** `rates[X]` = how many units of the reporting currency one unit of X is worth (EUR → 1.08 for USD). */
  rates: z._default(z.record(currencySchema, z.number().check(z.positive())), {}),
});
export type FxTable = z.infer<typeof fxTableSchema>;

/** Converts an amount; null when a rate is missing. */
export type ConvertFn = (amount: number, from: string, to: string) => number | null;

/** Value of one unit of `currency` in the reporting currency, or null without a rate. */
export function rateToReporting(table: FxTable, currency: string): number | null {
  if (currency === table.reportingCurrency) return 1;
  const rate = table.rates[currency];
  return rate !== undefined && Number.isFinite(rate) && rate > 0 ? rate : null;
}

export function convert(
  table: FxTable | null | undefined,
  amount: number,
  from: string,
  to: string,
): number | null {
  if (from === to) return amount;
  if (!table) return null;
  const fromRate = rateToReporting(table, from);
  const toRate = rateToReporting(table, to);
  if (fromRate === null || toRate === null) return null;
  return (amount * fromRate) / toRate;
}

/** The user's FX table from settings, or null when no reporting currency is set. */
export function fxTableOf(settings: {
  reportingCurrency: string | null;
  fxRates: Record<string, number>;
}): FxTable | null {
  return settings.reportingCurrency
    ? { reportingCurrency: settings.reportingCurrency, rates: settings.fxRates }
    : null;
}

export function converterFor(table: FxTable | null | undefined): ConvertFn {
  return (amount, from, to) => convert(table, amount, from, to);
}

export interface BlendRow {
  currency: string | null;
  metrics: Metrics;
}

export interface BlendedTotals {
  currency: string;
  /** Components with spend and conversion value converted into `currency`; counts as read. */
  totals: ComponentTotals;
  /** Σ conversion value ÷ Σ spend over rows that know both (MER / blended ROAS). */
  mer: number | null;
  /** False when some rows lacked spend or conversion value and were left out of `mer`. */
  merComplete: boolean;
}

export interface BlendResult {
  /** null when adding up would mix currencies (see `missingRates`, `unknownCurrencyRows`). */
  result: BlendedTotals | null;
  /** Currencies that have money amounts but no rate to the target currency. */
  missingRates: string[];
  /** Rows with money amounts whose currency is not known; these can never be added to others. */
  unknownCurrencyRows: number;
}

function hasMoney(metrics: Metrics): boolean {
  return MONEY_COMPONENTS.some((c) => metrics[c] !== undefined);
}

/**
 * Totals across platforms and accounts. Target currency: `to`, else the reporting currency of the FX
 * table, else the single currency all rows share. Refuses (result null) rather than add unconverted
 * amounts in different currencies.
 */
export function blendedTotals(
  rows: readonly BlendRow[],
  options: { fx?: FxTable | null; to?: string } = {},
): BlendResult {
  const withMoney = rows.filter((row) => hasMoney(row.metrics));
  const unknownCurrencyRows = withMoney.filter((row) => row.currency === null).length;
  const currencies = [...new Set(withMoney.flatMap((row) => (row.currency ? [row.currency] : [])))].sort();
  const target =
    options.to ?? options.fx?.reportingCurrency ?? (currencies.length === 1 ? currencies[0] : null);

  if (!target) {
    // Several currencies, or none known, and nowhere to convert them to.
    return { result: null, missingRates: currencies, unknownCurrencyRows };
  }
  const missingRates = currencies.filter((c) => convert(options.fx, 1, c, target) === null);
  if (missingRates.length > 0 || unknownCurrencyRows > 0) {
    return { result: null, missingRates, unknownCurrencyRows };
  }

  const converted: KpiComponents[] = rows.map((row) => {
    const out: KpiComponents = {};
    for (const c of KPI_COMPONENTS) {
      const value = row.metrics[c];
      if (value === undefined) continue;
      // Checked above: every currency that has money amounts has a rate.
      out[c] = (MONEY_COMPONENTS as readonly string[]).includes(c)
        ? convert(options.fx, value, row.currency!, target)!
        : value;
    }
    return out;
  });
  const mer = aggregateKpi('roas', converted);
  return {
    result: { currency: target, totals: sumComponents(converted), mer: mer.value, merComplete: mer.complete },
    missingRates: [],
    unknownCurrencyRows: 0,
  };
}
