import { entityKeyOf, type EntityRow, type Metrics, type PageContext, type TableReading } from '../model';
import type { PlatformAdapter, ReadOptions, RowAnchor } from '../platforms/types';
import { resolveCurrency, type CurrencyEvidence } from '../read/currency';
import { parseDateRangeText, type DateRange } from '../read/dates';
import { normaliseHeader } from '../read/headers';
import { isEmptyMarker, parseDisplayedNumber } from '../read/number';
import { findTables, rootsOf, visibleText, type FoundTable } from './discover';
import {
  MONEY_METRICS,
  originPermissionPattern,
  type ColumnUse,
  type CurrencySourceSpec,
  type DateSource,
  type Mapping,
  type MappedMetric,
  type TextSource,
} from './schema';

/**
 * A mapped table read into the same TableReading every adapter produces (platform `generic`), so storage, the
 * projection and judge, chips, panel, popup and CSV take it unchanged. Pure: reads the DOM, changes nothing.
 * A page whose table no longer has every mapped column (renamed or missing) is "not recognised", with the
 * columns named, and yields no rows: nothing is stored from it.
 */

/** The found table with every mapped header, and where each use's column is; or the headers no table has. */
export type MappingMatch =
  { ok: true; table: FoundTable; columnOf: Map<ColumnUse, number> } | { ok: false; missing: string[] };

export function matchMapping(tables: readonly FoundTable[], mapping: Pick<Mapping, 'columns'>): MappingMatch {
  let best: { missing: string[] } | null = null;
  for (const table of tables) {
    const keys = table.headers.map(normaliseHeader);
    const columnOf = new Map<ColumnUse, number>();
    const missing: string[] = [];
    for (const column of mapping.columns) {
      const at = keys.indexOf(normaliseHeader(column.header));
      if (at === -1) missing.push(column.header);
      else columnOf.set(column.use, at);
    }
    if (missing.length === 0) return { ok: true, table, columnOf };
    if (!best || missing.length < best.missing.length) best = { missing };
  }
  return { ok: false, missing: best?.missing ?? mapping.columns.map((c) => c.header) };
}

/** The text a page source points at, in the document or any open shadow root; null when it is not there. */
export function pageText(doc: Document, selector: string): string | null {
  for (const root of rootsOf(doc)) {
    let found: Element | null = null;
    try {
      found = root.querySelector(selector);
    } catch {
      return null; // a hand-edited selector that is not CSS
    }
    if (found) return visibleText(found) || null;
  }
  return null;
}

export function textFrom(source: TextSource, doc: Document, url: URL): string | null {
  switch (source.from) {
    case 'none':
      return null;
    case 'fixed':
      return source.value;
    case 'url-param':
      return url.searchParams.get(source.param)?.trim() || null;
    case 'url-path':
      return decodeURIComponent(url.pathname.split('/').filter(Boolean)[source.segment] ?? '') || null;
    case 'page':
      return pageText(doc, source.selector);
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function dateRangeFrom(
  source: DateSource,
  doc: Document,
  url: URL,
  uiLocale: string | null,
): DateRange | null {
  switch (source.from) {
    case 'none':
      return null;
    case 'fixed':
      return source.start <= source.end ? { start: source.start, end: source.end } : null;
    case 'url-params': {
      const start = url.searchParams.get(source.start) ?? '';
      const end = url.searchParams.get(source.end) ?? '';
      return ISO_DATE.test(start) && ISO_DATE.test(end) && start <= end ? { start, end } : null;
    }
    case 'page': {
      const text = pageText(doc, source.selector);
      return text ? parseDateRangeText(text, uiLocale) : null;
    }
  }
}

/** An ISO code written in a text ("EUR", "Currency: EUR"), or the one currency its symbol names ("€"). */
export function currencyInText(text: string): string | null {
  const codes = new Set(text.match(/\b[A-Z]{3}\b/g) ?? []);
  if (codes.size === 1) return [...codes][0]!;
  if (codes.size > 1) return null;
  return parseDisplayedNumber(`1 ${text.trim()}`)?.currency ?? null;
}

function currencyOf(
  spec: CurrencySourceSpec,
  evidence: readonly CurrencyEvidence[],
  accountSetting: string | null,
  at: { doc: Document; url: URL; uiLocale: string | null },
): Pick<PageContext, 'currency' | 'currencySource'> {
  if (spec.from === 'cells') return resolveCurrency(evidence, accountSetting, at.uiLocale);
  const text = textFrom(spec, at.doc, at.url);
  const currency = text ? currencyInText(text) : null;
  if (!currency) return { currency: null, currencySource: null };
  // A fixed currency is the user's own statement about the account; one read from the page is the page's.
  return { currency, currencySource: spec.from === 'fixed' ? 'account' : 'page' };
}

/** Rows that total the others are not entities (CONTRACTS.md §1), in the UI languages KPI Lens speaks and more. */
const TOTALS =
  /^(total|totals|grand total|sum|tổng|tổng cộng|всього|разом|итого|всего|gesamt|summe|totale|合计|总计)\b/iu;

function rowOf(cells: readonly Element[], columnOf: Map<ColumnUse, number>, uiLocale: string | null) {
  const text = (use: ColumnUse) => {
    const at = columnOf.get(use);
    const shown = at === undefined ? '' : visibleText(cells[at]!);
    return shown && !isEmptyMarker(shown) ? shown : null;
  };
  const entityName = text('name')?.slice(0, 1000) ?? null;
  const id = text('id');
  const entityId = id && id.length <= 64 ? id : null;
  if (entityName && TOTALS.test(entityName) && entityId === null) return null;
  if (entityId === null && entityName === null) return null;
  const metrics: Metrics = {};
  const evidence: CurrencyEvidence[] = [];
  for (const [use, at] of columnOf) {
    if (use === 'name' || use === 'id') continue;
    const parsed = parseDisplayedNumber(visibleText(cells[at]!), uiLocale);
    if (!parsed || parsed.percent) continue; // unknown stays unknown, never 0
    metrics[use] = parsed.value;
    if (MONEY_METRICS.includes(use as MappedMetric))
      evidence.push({ currency: parsed.currency, ambiguousSymbol: parsed.ambiguousSymbol });
  }
  const row: EntityRow = { entityId, entityName, metrics, clickKind: null, resultType: null };
  return { row, evidence };
}

/** The rows of a matched table, each with its row element (for the chips), and the money cells' evidence. */
function readRows(match: Extract<MappingMatch, { ok: true }>, uiLocale: string | null) {
  const rows: { row: EntityRow; element: Element }[] = [];
  const evidence: CurrencyEvidence[] = [];
  for (const cells of match.table.rows) {
    const read = rowOf(cells, match.columnOf, uiLocale);
    if (!read) continue;
    rows.push({ row: read.row, element: cells[match.columnOf.get('name')!]! });
    evidence.push(...read.evidence);
  }
  return { rows, evidence };
}

export function readMappedTable(
  doc: Document,
  url: URL,
  mapping: Mapping,
  options: ReadOptions,
): TableReading {
  const uiLocale = doc.documentElement.getAttribute('lang') || null;
  const accountId = textFrom(mapping.account, doc, url)?.slice(0, 64) ?? null;
  const range = dateRangeFrom(mapping.dateRange, doc, url, uiLocale);
  const base = {
    platform: 'generic' as const,
    accountId,
    accountName: mapping.label,
    level: mapping.level,
    dateStart: range?.start ?? null,
    dateEnd: range?.end ?? null,
    uiLocale,
  };
  const empty = { rows: [], coverage: { read: 0, total: null } };
  const noCurrency = { currency: null, currencySource: null };
  const match = matchMapping(findTables(doc), mapping);
  if (!match.ok) {
    const reason = `The table no longer matches the mapping for ${mapping.label}: columns renamed or missing: ${match.missing.join(', ')}.`;
    return {
      ...empty,
      context: { ...base, ...noCurrency },
      health: { status: 'not-recognised', reason: reason.slice(0, 500) },
    };
  }
  const read = readRows(match, uiLocale);
  const setting = options.accountCurrency(accountId);
  const context = {
    ...base,
    ...currencyOf(mapping.currency, read.evidence, setting, { doc, url, uiLocale }),
  };
  const missing: string[] = [];
  if (!accountId) missing.push('account: not found where the mapping says');
  if (!range) missing.push('date range: not found where the mapping says');
  if (context.currency === null && read.evidence.length > 0) missing.push('currency: not shown or mixed');
  if (match.table.notLinedUp)
    missing.push(`rows: ${match.table.notLinedUp} did not line up with the headers and were left out`);
  return {
    context,
    rows: read.rows.map((r) => r.row),
    coverage: { read: read.rows.length, total: null },
    health: missing.length ? { status: 'partial', missing } : { status: 'recognised' },
  };
}

/** The chips' anchor per mapped row: its name cell, keyed as the reading keys the row. */
export function mappedRowAnchors(doc: Document, mapping: Mapping): RowAnchor[] {
  const match = matchMapping(findTables(doc), mapping);
  if (!match.ok) return [];
  return readRows(match, null).rows.flatMap(({ row, element }) => {
    const entityKey = entityKeyOf(row);
    return entityKey ? [{ entityKey, cell: element }] : [];
  });
}

/**
 * A mapping as a platform adapter (platform `generic`): the content script's reading loop and the overlay take
 * it exactly as they take a built-in adapter.
 */
export function mappedAdapter(mapping: Mapping): PlatformAdapter {
  return {
    id: 'generic',
    label: mapping.label,
    matches: [originPermissionPattern(mapping.origin)],
    views: [{ level: mapping.level, name: mapping.label }],
    languages: [],
    checkedAgainst: 'public evidence',
    detect: (url) =>
      url.origin === mapping.origin
        ? { level: mapping.level, accountId: null, dateStart: null, dateEnd: null }
        : null,
    findTable(doc) {
      const match = matchMapping(findTables(doc), mapping);
      return match.ok ? match.table.element : null;
    },
    read: (doc, url, options) => readMappedTable(doc, url, mapping, options),
    rowAnchors: (doc) => mappedRowAnchors(doc, mapping),
  };
}
