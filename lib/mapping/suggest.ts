import { METRIC_OF } from '../read/header-table';
import { lookupHeader } from '../read/headers';
import { isEmptyMarker, parseDisplayedNumber } from '../read/number';
import type { FoundTable } from './discover';
import { visibleText } from './discover';
import { MONEY_METRICS, type ColumnUse, type MappedColumn, type MappedMetric } from './schema';

/**
 * What each column of a found table probably is, for the mapping panel to suggest and the user to confirm or
 * change: the header's meaning from the header dictionaries of every supported UI language (lib/read/headers.ts,
 * all platforms at once), checked against the shape of its values (money, count, percent, number, text). A
 * suggestion is only made when header and values agree; otherwise the column is left for the user.
 */
export type ValueShape = 'money' | 'count' | 'number' | 'percent' | 'text' | 'empty';

export interface ColumnSuggestion {
  index: number;
  header: string;
  /** The first few values as shown, for the panel. */
  samples: string[];
  shape: ValueShape;
  /** The suggested use, or null (ignored unless the user picks one). */
  use: ColumnUse | null;
}

const SAMPLE_SIZE = 3;
const COUNT_METRICS: readonly MappedMetric[] = [
  'impressions',
  'reach',
  'clicks',
  'conversions',
  'leads',
  'results',
];

/** The shape most of a column's non-empty values have. */
export function shapeOf(values: readonly string[], uiLocale: string | null = null): ValueShape {
  const shown = values.filter((v) => !isEmptyMarker(v));
  if (shown.length === 0) return 'empty';
  const shapes = shown.map((v): ValueShape => {
    const parsed = parseDisplayedNumber(v, uiLocale);
    if (!parsed) return 'text';
    if (parsed.percent) return 'percent';
    if (parsed.currency || parsed.ambiguousSymbol) return 'money';
    return Number.isInteger(parsed.value) ? 'count' : 'number';
  });
  // A money column may show a plain 0 in a row that spent nothing; a count column no decimals.
  if (shapes.includes('text')) return 'text';
  if (shapes.includes('money')) return 'money';
  if (shapes.includes('percent')) return shapes.every((s) => s === 'percent') ? 'percent' : 'text';
  return shapes.includes('number') ? 'number' : 'count';
}

/** The metric a header names in any dictionary, when its values can be that metric. */
function metricOfHeader(header: string, shape: ValueShape): MappedMetric | null {
  const lookup = lookupHeader('generic', header);
  if (!lookup || lookup.concept === 'name') return null;
  const metric = METRIC_OF[lookup.concept] as MappedMetric | undefined;
  if (!metric) return null;
  if (shape === 'empty') return metric;
  if (MONEY_METRICS.includes(metric))
    return shape === 'money' || shape === 'number' || shape === 'count' ? metric : null;
  if (COUNT_METRICS.includes(metric)) return shape === 'count' ? metric : null;
  return shape === 'number' || shape === 'count' ? metric : null; // ROAS shown as a plain ratio
}

const ID_HEADER = /^(id|[\p{L} ]*\bid)$|^#$|^(код|mã|ідентифікатор|идентификатор)\b/iu;

function isUniqueText(values: readonly string[]): boolean {
  const shown = values.filter((v) => v !== '');
  return shown.length > 0 && new Set(shown).size === shown.length;
}

/** Every column's header, samples, shape and suggested use; at most one name and one id column, each metric once. */
export function suggestColumns(table: FoundTable, uiLocale: string | null = null): ColumnSuggestion[] {
  const columns = table.headers.map((header, index) => {
    const values = table.rows.map((cells) => visibleText(cells[index]!));
    return { index, header, values, shape: shapeOf(values, uiLocale) };
  });
  const taken = new Set<ColumnUse>();
  const claim = (use: ColumnUse | null): ColumnUse | null => {
    if (!use || taken.has(use)) return null;
    taken.add(use);
    return use;
  };
  const uses: (ColumnUse | null)[] = columns.map((c) => {
    const lookup = lookupHeader('generic', c.header);
    if (lookup?.concept === 'name' && c.shape === 'text') return claim('name');
    if (ID_HEADER.test(c.header.trim()) && isUniqueText(c.values)) return claim('id');
    return claim(metricOfHeader(c.header, c.shape));
  });
  // No header said "name": the first column of unique texts names the rows.
  if (!taken.has('name')) {
    const first = columns.findIndex(
      (c, i) => uses[i] === null && c.shape === 'text' && isUniqueText(c.values),
    );
    if (first !== -1) uses[first] = 'name';
  }
  return columns.map((c, i) => ({
    index: c.index,
    header: c.header,
    samples: c.values.slice(0, SAMPLE_SIZE),
    shape: c.shape,
    use: uses[i] ?? null,
  }));
}

/** The suggestions (as confirmed or changed by the user) as a mapping's columns: ignored columns are left out. */
export function columnsOf(choices: readonly Pick<ColumnSuggestion, 'header' | 'use'>[]): MappedColumn[] {
  return choices.flatMap((c) => (c.use ? [{ header: c.header, use: c.use }] : []));
}
