import {
  entityKeyOf,
  type ClickKind,
  type EntityRow,
  type Level,
  type Metrics,
  type PageContext,
  type Platform,
  type TableReading,
} from '../model';
import type { PlatformAdapter, RowAnchor, UrlContext } from '../platforms/types';
import { resolveCurrency, type CurrencyEvidence } from './currency';
import { lookupHeader, type ColumnConcept } from './headers';
import { isEmptyMarker, parseDisplayedNumber } from './number';

/**
 * A table read by its header text alone: a `<table>` (th / td) or an ARIA grid (columnheader / gridcell).
 * Platforms without semantic column keys (Microsoft Advertising, LinkedIn Campaign Manager) read this way;
 * so will a table the user maps. A row whose cells do not line up with the headers is left out, never read
 * against shifted columns, and a header the dictionary does not know is simply not read.
 */
export interface HeaderTableSpec {
  platform: Exclude<Platform, 'generic'>;
  level: Level;
  /** The entity's id from its name cell (an explicit link), or null. */
  entityIdOf(nameCell: Element): string | null;
  /** A row that is not an entity (totals, "No records to show"), by its name cell's text. */
  isNotEntity(nameText: string): boolean;
}

export interface HeaderTableReading {
  rows: EntityRow[];
  /** The money cells' currency evidence, for `resolveCurrency`. */
  evidence: CurrencyEvidence[];
  /** The headers as shown, for "couldn't read this table" messages. */
  headers: string[];
  /** Which base metric each column gives (null: not read). */
  columns: (keyof Metrics | null)[];
  /** Null when the table can be read; else why not. */
  unreadable: string | null;
  /** Body rows left out because their cells did not line up with the headers. */
  notLinedUp: number;
}

const HEADER_CELL = 'th, [role="columnheader"]';
const BODY_CELL = 'td, [role="gridcell"], [role="rowheader"]';

/** What a header's meaning gives as a stored metric; KPIs the page computes (CTR, CPC…) are derived, not read. */
export const METRIC_OF: Partial<Record<ColumnConcept, keyof Metrics>> = {
  spend: 'spend',
  impressions: 'impressions',
  reach: 'reach',
  clicks: 'clicks',
  clicksAll: 'clicks',
  clicksLink: 'clicks',
  clicksDestination: 'clicks',
  conversions: 'conversions',
  purchases: 'conversions',
  leads: 'leads',
  conversionValue: 'conversionValue',
  roas: 'roasShown',
  results: 'results',
  budget: 'budget',
};

const CLICK_KIND: Partial<Record<ColumnConcept, ClickKind>> = {
  clicksAll: 'all',
  clicksLink: 'link',
  clicksDestination: 'destination',
};

/** Visible text: collapsed whitespace, and nothing the page hides from everyone (aria-hidden icons). */
export function cellText(el: Element): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === 3) text += node.nodeValue ?? '';
    else if (node.nodeType === 1 && (node as Element).getAttribute('aria-hidden') !== 'true')
      for (const child of node.childNodes) walk(child);
    else if (node.nodeType === 11) for (const child of node.childNodes) walk(child);
  };
  walk(el);
  return text.replace(/\s+/g, ' ').trim();
}

/** The cells of one row, in order, not those of a table nested inside a cell. */
function cellsOf(row: Element, selector: string): Element[] {
  return [...row.children].filter((c) => c.matches(selector));
}

function rowsOf(table: Element): Element[] {
  return [...table.querySelectorAll('tr, [role="row"]')].filter(
    (row) => row.closest('table, [role="grid"], [role="treegrid"], [role="table"]') === table,
  );
}

interface Layout {
  headers: string[];
  columns: (keyof Metrics | null)[];
  clickKind: ClickKind | null;
  nameIndex: number;
}

function layoutOf(headerCells: Element[], spec: HeaderTableSpec): Layout {
  const headers = headerCells.map(cellText);
  const lookups = headers.map((text) => lookupHeader(spec.platform, text));
  const nameIndex = lookups.findIndex(
    (l) => l?.concept === 'name' && (l.level === null || l.level === spec.level),
  );
  const metrics = lookups.map((l) => (l && l.concept !== 'name' ? (METRIC_OF[l.concept] ?? null) : null));
  // Two columns for one metric (Clicks and Link clicks) settle nothing: neither is read.
  const count = (m: keyof Metrics) => metrics.filter((x) => x === m).length;
  const columns = metrics.map((m) => (m && count(m) === 1 ? m : null));
  const clicksAt = columns.indexOf('clicks');
  const clickKind = clicksAt === -1 ? null : (CLICK_KIND[lookups[clicksAt]!.concept] ?? null);
  return { headers, columns, clickKind, nameIndex };
}

/** Reads every entity row of `table`; pure (reads the DOM, changes nothing). */
export function readHeaderTable(
  table: Element,
  spec: HeaderTableSpec,
  uiLocale: string | null,
): HeaderTableReading {
  const rows = rowsOf(table);
  const headerRow = rows.find((r) => cellsOf(r, HEADER_CELL).length > 1) ?? null;
  const none = { rows: [], evidence: [], notLinedUp: 0 };
  if (!headerRow)
    return { ...none, headers: [], columns: [], unreadable: 'The table has no column headers.' };
  const layout = layoutOf(cellsOf(headerRow, HEADER_CELL), spec);
  const base = { headers: layout.headers, columns: layout.columns };
  if (layout.nameIndex === -1)
    return { ...none, ...base, unreadable: 'The table has no name column KPI Lens knows.' };
  if (!layout.columns.some((c) => c !== null))
    return { ...none, ...base, unreadable: 'The table has no column KPI Lens can read.' };

  const out: EntityRow[] = [];
  const evidence: CurrencyEvidence[] = [];
  let notLinedUp = 0;
  for (const row of rows) {
    if (row === headerRow || row.closest('thead, tfoot')) continue;
    const cells = cellsOf(row, BODY_CELL);
    if (cells.length === 0) continue;
    const nameCell = cells[layout.nameIndex];
    const nameText = nameCell ? cellText(nameCell) : '';
    if (cells.length === 1 || spec.isNotEntity(nameText)) continue;
    if (cells.length !== layout.headers.length) {
      notLinedUp++;
      continue;
    }
    const link = nameCell!.querySelector('a');
    const shownName = (link && cellText(link)) || nameText;
    // `—` in the name cell is no name (a label not rendered yet), as it is no number in a metric cell.
    const entityName = shownName && !isEmptyMarker(shownName) ? shownName : null;
    const entityId = spec.entityIdOf(nameCell!);
    // A row that names no entity (a totals row whose label is not shown) is nobody's row: its numbers would be
    // stored under no id and no name.
    if (entityId === null && entityName === null) continue;
    const metrics: Metrics = {};
    layout.columns.forEach((metric, index) => {
      if (!metric) return;
      const parsed = parseDisplayedNumber(cellText(cells[index]!), uiLocale);
      if (!parsed || parsed.percent) return;
      metrics[metric] = parsed.value;
      if (metric === 'spend' || metric === 'conversionValue' || metric === 'budget')
        evidence.push({ currency: parsed.currency, ambiguousSymbol: parsed.ambiguousSymbol });
    });
    out.push({
      entityId,
      entityName,
      metrics,
      clickKind: metrics.clicks === undefined ? null : layout.clickKind,
      resultType: null,
    });
  }
  return { rows: out, evidence, ...base, unreadable: null, notLinedUp };
}

/** The table that names entities of this level in a known header: the one with the most body rows. */
export function findHeaderTable(root: ParentNode, spec: HeaderTableSpec): Element | null {
  let best: Element | null = null;
  let bestRows = -1;
  for (const table of root.querySelectorAll('table, [role="grid"], [role="treegrid"]')) {
    const rows = rowsOf(table);
    const headerRow = rows.find((r) => cellsOf(r, HEADER_CELL).length > 1);
    if (!headerRow || layoutOf(cellsOf(headerRow, HEADER_CELL), spec).nameIndex === -1) continue;
    if (rows.length > bestRows) {
      best = table;
      bestRows = rows.length;
    }
  }
  return best;
}

/**
 * One reading of a header-text report page: its rows, the currency resolved from the money cells (page →
 * the user's account setting → assumed), and health that says what could not be read.
 */
export function headerTablePageReading(
  root: Document,
  base: Omit<PageContext, 'currency' | 'currencySource'>,
  spec: HeaderTableSpec,
  accountSetting: string | null,
  label: string,
): TableReading {
  const noCurrency = { currency: null, currencySource: null };
  const empty = { rows: [], coverage: { read: 0, total: null } };
  const table = findHeaderTable(root, spec);
  if (!table)
    return {
      ...empty,
      context: { ...base, ...noCurrency },
      health: { status: 'not-recognised', reason: `No ${label} table with a name column was found.` },
    };
  const read = readHeaderTable(table, spec, base.uiLocale);
  if (read.unreadable || read.rows.length === 0) {
    const reason =
      read.unreadable ??
      (read.notLinedUp
        ? `The rows of the ${label} table do not line up with its column headers, so no row could be read.`
        : `No rows were found in the ${label} table.`);
    return { ...empty, context: { ...base, ...noCurrency }, health: { status: 'not-recognised', reason } };
  }
  const context = { ...base, ...resolveCurrency(read.evidence, accountSetting, base.uiLocale) };
  const missing: string[] = [];
  if (!context.dateStart) missing.push('date range: not shown where KPI Lens can read it');
  if (context.currency === null && read.evidence.length > 0) missing.push('currency: not shown or mixed');
  if (read.notLinedUp)
    missing.push(`rows: ${read.notLinedUp} did not line up with the headers and were left out`);
  return {
    context,
    rows: read.rows,
    coverage: { read: read.rows.length, total: null },
    health: missing.length ? { status: 'partial', missing } : { status: 'recognised' },
  };
}

/** The overlay's anchor per entity row of a header-text table: its name cell, keyed as the reading keys it. */
export function headerTableAnchors(root: Document, spec: HeaderTableSpec): RowAnchor[] {
  const table = findHeaderTable(root, spec);
  if (!table) return [];
  const rows = rowsOf(table);
  const headerRow = rows.find((r) => cellsOf(r, HEADER_CELL).length > 1)!;
  const layout = layoutOf(cellsOf(headerRow, HEADER_CELL), spec);
  const out: RowAnchor[] = [];
  for (const row of rows) {
    if (row === headerRow || row.closest('thead, tfoot')) continue;
    const cells = cellsOf(row, BODY_CELL);
    const nameCell = cells[layout.nameIndex];
    if (!nameCell || cells.length !== layout.headers.length) continue;
    const nameText = cellText(nameCell);
    if (spec.isNotEntity(nameText)) continue;
    const link = nameCell.querySelector('a');
    const key = entityKeyOf({
      entityId: spec.entityIdOf(nameCell),
      entityName: (link && cellText(link)) || nameText || null,
    });
    if (key) out.push({ entityKey: key, cell: nameCell });
  }
  return out;
}

/** What a header-text platform declares; `headerTableReaders` makes its adapter's reading functions from it. */
export interface HeaderTablePlatform {
  platform: Platform;
  /** The platform's name in reasons shown to the user. */
  label: string;
  detect(url: URL): UrlContext | null;
  specOf(level: Level): HeaderTableSpec;
  /** Why a page of this platform that `detect` declines is not read (the panel shows it). */
  notAReport: string;
}

/** `findTable`, `read` and `rowAnchors` of an adapter whose pages are read by header text alone. */
export function headerTableReaders(
  p: HeaderTablePlatform,
): Pick<PlatformAdapter, 'findTable' | 'read' | 'rowAnchors'> {
  const specAt = (root: Document) => {
    const level = p.detect(new URL(root.URL))?.level;
    return level ? p.specOf(level) : null;
  };
  return {
    findTable(root) {
      const spec = specAt(root);
      return spec ? findHeaderTable(root, spec) : null;
    },
    read(root, url, options) {
      const urlContext = p.detect(url);
      const base = {
        platform: p.platform,
        accountId: urlContext?.accountId ?? null,
        accountName: null,
        level: urlContext?.level ?? 'campaign',
        dateStart: urlContext?.dateStart ?? null,
        dateEnd: urlContext?.dateEnd ?? null,
        uiLocale: root.documentElement.getAttribute('lang') || null,
      };
      if (!urlContext)
        return {
          context: { ...base, currency: null, currencySource: null },
          rows: [],
          coverage: { read: 0, total: null },
          health: { status: 'not-recognised', reason: p.notAReport },
        };
      const setting = options.accountCurrency(base.accountId);
      return headerTablePageReading(root, base, p.specOf(urlContext.level), setting, p.label);
    },
    rowAnchors(root) {
      const spec = specAt(root);
      return spec ? headerTableAnchors(root, spec) : [];
    },
  };
}
