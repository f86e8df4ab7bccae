import type { BaseMetric } from '@/lib/model';

/**
 * What each KPI means, as shown beside every number (DESIGN.md §5). The UI translates labels by `id`;
 * the English text here is the reference and the fallback.
 */

export const KPI_IDS = ['ctr', 'cpc', 'cpm', 'cvr', 'cpa', 'cpl', 'roas', 'romi', 'aov'] as const;
export type KpiId = (typeof KPI_IDS)[number];

/**
 * The base metrics KPIs are built from. Reach is left out on purpose: it counts unique people, so it
 * cannot be summed across rows, and no KPI here needs it.
 */
export const KPI_COMPONENTS = [
  'spend',
  'impressions',
  'clicks',
  'conversions',
  'conversionValue',
  'leads',
] as const satisfies readonly BaseMetric[];
export type KpiComponent = (typeof KPI_COMPONENTS)[number];
/** Summed (or single-row) components; an absent key is unknown, never 0. */
export type KpiComponents = Partial<Record<KpiComponent, number>>;

/** Components that are amounts of money (need a currency; converted with FX rates). */
export const MONEY_COMPONENTS = ['spend', 'conversionValue'] as const satisfies readonly KpiComponent[];

/** `money`: an amount in the account currency; `ratio`: a fraction (0.0285 = 2.85 %); `multiple`: 3.25×. */
export type KpiUnit = 'money' | 'ratio' | 'multiple';
export type Better = 'higher' | 'lower';

export interface KpiDefinition {
  id: KpiId;
  /** Short English label, e.g. "CPA". */
  label: string;
  name: string;
  /** Formula as shown to the user (ROMI: the variant with a margin; see `romiFormula`). */
  formula: string;
  unit: KpiUnit;
  better: Better;
  /** The components the formula reads; a row lacking any of them gives "unknown". */
  components: readonly KpiComponent[];
  /** numerator ÷ denominator × scale; absent for ROMI, which has its own shape. */
  ratio?: { numerator: KpiComponent; denominator: KpiComponent; scale: number };
  note?: string;
}

function simple(
  id: KpiId,
  label: string,
  name: string,
  formula: string,
  unit: KpiUnit,
  better: Better,
  numerator: KpiComponent,
  denominator: KpiComponent,
  scale = 1,
  note?: string,
): KpiDefinition {
  return {
    id,
    label,
    name,
    formula,
    unit,
    better,
    components: [numerator, denominator],
    ratio: { numerator, denominator, scale },
    ...(note ? { note } : {}),
  };
}

export const KPI_DEFINITIONS: Readonly<Record<KpiId, KpiDefinition>> = {
  ctr: simple(
    'ctr',
    'CTR',
    'Click-through rate',
    'clicks ÷ impressions',
    'ratio',
    'higher',
    'clicks',
    'impressions',
  ),
  cpc: simple('cpc', 'CPC', 'Cost per click', 'spend ÷ clicks', 'money', 'lower', 'spend', 'clicks'),
  cpm: simple(
    'cpm',
    'CPM',
    'Cost per 1,000 impressions',
    'spend ÷ impressions × 1000',
    'money',
    'lower',
    'spend',
    'impressions',
    1000,
  ),
  cvr: simple(
    'cvr',
    'CVR',
    'Conversion rate',
    'conversions ÷ clicks',
    'ratio',
    'higher',
    'conversions',
    'clicks',
    1,
    // Comparing with TikTok's own column would otherwise look like a reading error.
    "TikTok's own CVR column divides by impressions; this one divides by clicks.",
  ),
  cpa: simple(
    'cpa',
    'CPA',
    'Cost per acquisition',
    'spend ÷ conversions',
    'money',
    'lower',
    'spend',
    'conversions',
  ),
  cpl: simple('cpl', 'CPL', 'Cost per lead', 'spend ÷ leads', 'money', 'lower', 'spend', 'leads'),
  roas: simple(
    'roas',
    'ROAS',
    'Return on ad spend',
    'conversion value ÷ spend',
    'multiple',
    'higher',
    'conversionValue',
    'spend',
  ),
  romi: {
    id: 'romi',
    label: 'ROMI',
    name: 'Return on marketing investment',
    formula: '(conversion value × margin − spend) ÷ spend',
    unit: 'ratio',
    better: 'higher',
    components: ['conversionValue', 'spend'],
    note: 'Without a margin set: (conversion value − spend) ÷ spend.',
  },
  aov: simple(
    'aov',
    'AOV',
    'Average order value',
    'conversion value ÷ conversions',
    'money',
    'higher',
    'conversionValue',
    'conversions',
  ),
};

export const ROMI_FORMULA_WITH_MARGIN = '(conversion value × margin − spend) ÷ spend';
export const ROMI_FORMULA_WITHOUT_MARGIN = '(conversion value − spend) ÷ spend';
export const BREAK_EVEN_ROAS_FORMULA = '1 ÷ margin';
export const BREAK_EVEN_CPA_FORMULA = 'AOV × margin';

export function isKpiId(value: unknown): value is KpiId {
  return typeof value === 'string' && (KPI_IDS as readonly string[]).includes(value);
}

export function isMoneyKpi(id: KpiId): boolean {
  return KPI_DEFINITIONS[id].unit === 'money';
}

/** CONTRACTS.md §1: the derived columns of the snapshot CSV, in contract order. */
export const CSV_DERIVED_COLUMNS = [
  'ctr',
  'cpc',
  'cpm',
  'cvr',
  'cpa',
  'roas',
] as const satisfies readonly KpiId[];
export type CsvDerivedColumn = (typeof CSV_DERIVED_COLUMNS)[number];
