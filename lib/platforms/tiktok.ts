import type { ClickKind, EntityRow, Level, Metrics, TableReading } from '../model';
import { parseDisplayedNumber } from '../read/number';
import { resolveCurrency, type CurrencyEvidence } from '../read/currency';
import { parseDateRangeText } from '../read/dates';
import { conceptForHeader, type ColumnConcept } from '../read/headers';
import type { PlatformAdapter, ReadOptions, RowAnchor, UrlContext } from './types';

/**
 * TikTok Ads Manager (ads.tiktok.com/i18n/manage/…). Three table variants:
 * - the 2026 virtual table (`ks-virtual-table-<suffix>`): no row element at all, every body cell is a
 *   light-DOM child of the table host slotted in as `slot="cell-<rowId>_<field>"` (the `footer-<field>`
 *   totals beside them are not rows). Read by the slot's field key first, by header text as a fallback;
 * - web components ("Ks" design system) whose open shadow roots hold the header while the rows are light-DOM
 *   `[data-row-key]` elements slotted in, with totals in `[slot^="footer-"]` children;
 * - a plain `<table>` with `<tr data-row-key>` rows.
 * Tag names carry a build suffix (`ks-table-1-1-14`, `1-1-1n`) and classes are generated, so neither is used:
 * hosts are found by tag-name prefix, columns by slot field or header text, rows by their id.
 */

const LEVEL_BY_PATH: Record<string, Level> = {
  campaign: 'campaign',
  adgroup: 'adset',
  creative: 'ad',
  ad: 'ad',
};

/** TikTok shows "-" for an empty value but "—" while a value is still loading. */
const LOADING = '—';

function isIsoDate(s: string | null): s is string {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function detect(url: URL): UrlContext | null {
  if (url.hostname !== 'ads.tiktok.com') return null;
  const m = /^\/i18n\/manage\/(campaign|adgroup|creative|ad)\/?$/.exec(url.pathname);
  if (!m) return null;
  const aadvid = url.searchParams.get('aadvid');
  const st = url.searchParams.get('st');
  const et = url.searchParams.get('et');
  // `st`/`et` are both inclusive (a 7-day view is st=today-6&et=today).
  const dates = isIsoDate(st) && isIsoDate(et) && st <= et;
  return {
    level: LEVEL_BY_PATH[m[1]!]!,
    accountId: aadvid && /^\d{15,20}$/.test(aadvid) ? aadvid : null,
    dateStart: dates ? st : null,
    dateEnd: dates ? et : null,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Shadow-DOM-aware traversal: open shadow roots are part of what the user sees.

function shadowOf(el: Element): ShadowRoot | null {
  return (el as Element & { shadowRoot?: ShadowRoot | null }).shadowRoot ?? null;
}

/**
 * Every element under `root` in tree order, with each open shadow root's elements right after its host
 * (including `root`'s own shadow root when `root` is a host). Template contents are not in the tree, so an
 * unattached declarative shadow root stays invisible, as in a browser.
 */
export function deepElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  const visit = (scope: ParentNode) => {
    for (const el of scope.querySelectorAll('*')) {
      out.push(el);
      const shadow = shadowOf(el);
      if (shadow) visit(shadow);
    }
  };
  const ownShadow = root.nodeType === 1 ? shadowOf(root as Element) : null;
  if (ownShadow) visit(ownShadow);
  visit(root);
  return out;
}

/**
 * `querySelectorAll` across open shadow roots, in the same order as `deepElements`. `skipShadowOf` leaves out
 * the shadow trees of hosts that cannot hold a match (e.g. the text components inside table cells).
 */
export function deepQueryAll(
  root: ParentNode,
  selector: string,
  skipShadowOf: (host: Element) => boolean = () => false,
): Element[] {
  const out: Element[] = [];
  const visit = (scope: ParentNode) => {
    // The native selector engine does the matching; the walk only keeps order and finds shadow hosts.
    const matched = new Set(scope.querySelectorAll(selector));
    for (const el of scope.querySelectorAll('*')) {
      if (matched.has(el)) out.push(el);
      const shadow = shadowOf(el);
      if (shadow && !skipShadowOf(el)) visit(shadow);
    }
  };
  const ownShadow = root.nodeType === 1 ? shadowOf(root as Element) : null;
  if (ownShadow) visit(ownShadow);
  visit(root);
  return out;
}

/** The parent in the composed tree: the host when leaving a shadow root. */
function composedParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const rootNode = el.getRootNode() as Node & { host?: Element };
  return rootNode !== el && rootNode.host ? rootNode.host : null;
}

const NOT_RENDERED_TAGS = new Set(['svg', 'style', 'script', 'template']);

/** Icons, hidden helpers and tooltips are not part of what a cell says (plain checks: this runs per node). */
function isNotText(el: Element): boolean {
  return (
    NOT_RENDERED_TAGS.has(el.localName) ||
    // KPI Lens's own chips (open shadow roots inside name cells) are not the page's text.
    el.hasAttribute('data-kpi-lens') ||
    el.getAttribute('aria-hidden') === 'true' ||
    el.hasAttribute('hidden') ||
    el.getAttribute('role') === 'tooltip'
  );
}

/** Rendered text: a shadow host shows its shadow tree, with each `<slot>` replaced by what is slotted in. */
export function composedText(el: Element): string {
  let out = '';
  const walk = (node: ParentNode) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) out += child.textContent ?? '';
      else if (child.nodeType === 1) {
        const c = child as Element;
        if (isNotText(c)) continue;
        if (c.localName === 'slot') {
          const assigned = (c as HTMLSlotElement).assignedNodes?.({ flatten: true }) ?? [];
          if (assigned.length === 0) walk(c);
          for (const n of assigned) {
            if (n.nodeType === 3) out += n.textContent ?? '';
            else if (n.nodeType === 1 && !isNotText(n as Element)) visitElement(n as Element);
          }
          continue;
        }
        visitElement(c);
      }
    }
  };
  const visitElement = (c: Element) => {
    const shadow = shadowOf(c);
    walk(shadow ?? c);
  };
  visitElement(el);
  return out.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------------------
// Table structure

const HEADER = 'th, [role="columnheader"]';
const CELL = 'td, [role="cell"], [role="gridcell"]';

/** Entity rows: `data-row-key` holding the entity id; summary/placeholder rows (non-numeric keys) are not. */
function entityRows(root: ParentNode): Element[] {
  const insideRow = (host: Element) => host.closest('[data-row-key]') !== null;
  return deepQueryAll(root, '[data-row-key]', insideRow).filter((row) => {
    if (!/^\d{1,25}$/.test(row.getAttribute('data-row-key') ?? '')) return false;
    if (row.closest('thead, tfoot, [slot^="footer-"]')) return false;
    // An expanded child row inside another row belongs to that row's detail, not to the table.
    return !row.parentElement?.closest('[data-row-key]');
  });
}

/** The nearest composed ancestor of the rows that holds column headers (in its light or shadow tree). */
function headerScope(row: Element): Element | null {
  for (let node = composedParent(row); node; node = composedParent(node)) {
    if (deepQueryAll(node, HEADER).some((h) => !h.closest('[data-row-key]'))) return node;
  }
  return null;
}

interface Column {
  text: string;
  concept: ColumnConcept | null;
  colIndex: number | null;
}

function columnsOf(scope: Element, level: Level): Column[] {
  return deepQueryAll(scope, HEADER)
    .filter((h) => !h.closest('[data-row-key]') && !h.closest('tfoot'))
    .map((h) => {
      const text = composedText(h);
      const colIndex = Number(h.getAttribute('aria-colindex'));
      return {
        text,
        // With the level, a parent's name column ("Campaign name" on ad groups) is not this row's name.
        concept: text ? conceptForHeader('tiktok', text, level) : null,
        colIndex: Number.isInteger(colIndex) && colIndex > 0 ? colIndex : null,
      };
    });
}

/**
 * A row's cells in column order: explicit cells when the row has them, else its element children. Cells are
 * the row's own (light DOM, or its shadow root when the row itself renders them), never the inner parts of
 * the components inside a cell.
 */
function cellsOf(row: Element): Element[] {
  const scope: ParentNode = shadowOf(row) && row.children.length === 0 ? shadowOf(row)! : row;
  const explicit = [...scope.querySelectorAll(CELL)].filter((c) => !c.parentElement?.closest(CELL));
  if (explicit.length > 0) return explicit;
  return [...scope.children];
}

/**
 * The element to watch: the virtual-table host holding the slotted cells (its light-DOM children change when
 * rows are recycled), else the host or `<table>` holding the first row, else any header scope.
 */
function findTable(root: Document): Element | null {
  const cell = root.querySelector('[slot^="cell-"]');
  if (cell && isVirtualTableHost(cell.parentElement)) return cell.parentElement;
  const first = entityRows(root)[0];
  if (first) return first.closest('table') ?? composedParent(first);
  const deepCell = slotCells(root)[0];
  if (deepCell) return deepCell.el.parentElement;
  return (
    deepElements(root).find(
      (el) => shadowOf(el)?.querySelector('[role="table"], [role="grid"], table') || el.localName === 'table',
    ) ?? null
  );
}

// ---------------------------------------------------------------------------------------------------------
// Reading

type Field = keyof Metrics | 'clicksDestination' | 'clicksPlain' | 'clicksAll';

const FIELD_BY_CONCEPT: Partial<Record<ColumnConcept, Field>> = {
  spend: 'spend',
  impressions: 'impressions',
  reach: 'reach',
  clicksDestination: 'clicksDestination',
  clicksLink: 'clicksDestination',
  clicks: 'clicksPlain',
  clicksAll: 'clicksAll',
  conversions: 'conversions',
  conversionValue: 'conversionValue',
  roas: 'roasShown',
  results: 'results',
  leads: 'leads',
  budget: 'budget',
};

const MONEY: ReadonlySet<Field> = new Set(['spend', 'conversionValue', 'budget']);

interface RowResult {
  row: EntityRow;
  evidence: CurrencyEvidence[];
  loading: boolean;
  aligned: boolean;
}

function readRow(row: Element, columns: Column[], uiLocale: string | null): RowResult {
  const metrics: Metrics = {};
  const evidence: CurrencyEvidence[] = [];
  const clicks: Partial<Record<'clicksDestination' | 'clicksPlain' | 'clicksAll', number>> = {};
  const cells = cellsOf(row);
  const byColIndex = columns.every((c) => c.colIndex !== null);
  const cellColumn = (cell: Element, i: number): Column | undefined => {
    if (!byColIndex) return columns[i];
    const idx = Number(cell.getAttribute('aria-colindex'));
    return columns.find((c) => c.colIndex === idx);
  };
  const aligned = byColIndex
    ? cells.every((c) => Number.isInteger(Number(c.getAttribute('aria-colindex'))))
    : cells.length === columns.length;
  let loading = false;
  let nameCell: Element | null = null;

  if (aligned) {
    cells.forEach((cell, i) => {
      const column = cellColumn(cell, i);
      if (!column?.concept) return;
      if (column.concept === 'name') {
        nameCell ??= cell;
        return;
      }
      const field = FIELD_BY_CONCEPT[column.concept];
      if (!field) return;
      const text = composedText(cell);
      if (text === LOADING) {
        loading = true;
        return;
      }
      const parsed = parseDisplayedNumber(text, uiLocale);
      if (!parsed || parsed.percent) return;
      if (field === 'clicksDestination' || field === 'clicksPlain' || field === 'clicksAll') {
        clicks[field] = parsed.value;
        return;
      }
      metrics[field] = parsed.value;
      if (MONEY.has(field))
        evidence.push({ currency: parsed.currency, ambiguousSymbol: parsed.ambiguousSymbol });
    });
  }

  return {
    row: {
      entityId: row.getAttribute('data-row-key'),
      entityName: readName(row, nameCell),
      metrics,
      clickKind: clickKindOf(metrics, clicks),
      resultType: null,
    },
    evidence,
    loading,
    aligned,
  };
}

/** Sets `metrics.clicks` from the best click column read, and says which clicks they are. */
function clickKindOf(
  metrics: Metrics,
  clicks: Partial<Record<'clicksDestination' | 'clicksPlain' | 'clicksAll', number>>,
): ClickKind | null {
  if (clicks.clicksDestination !== undefined) {
    metrics.clicks = clicks.clicksDestination;
    return 'destination';
  }
  // "Clicks" without a qualifier is how TikTok labelled destination clicks before the rename.
  if (clicks.clicksPlain !== undefined) {
    metrics.clicks = clicks.clicksPlain;
    return 'destination';
  }
  if (clicks.clicksAll !== undefined) {
    metrics.clicks = clicks.clicksAll;
    return 'all';
  }
  return null;
}

function mergeRows(a: RowResult, b: RowResult): RowResult {
  return {
    row: {
      ...a.row,
      entityName: a.row.entityName ?? b.row.entityName,
      metrics: { ...b.row.metrics, ...a.row.metrics },
      clickKind: a.row.clickKind ?? b.row.clickKind,
    },
    evidence: [...a.evidence, ...b.evidence],
    loading: a.loading || b.loading,
    aligned: a.aligned || b.aligned,
  };
}

/** The name link's text (the cell may also hold hover actions and an "ID: …" line), else the cell's text. */
function readName(row: Element, nameCell: Element | null): string | null {
  const link = deepQueryAll(nameCell ?? row, '[role="link"]')[0];
  const text = link ? composedText(link) : nameCell ? composedText(nameCell) : '';
  return text || null;
}

// ---------------------------------------------------------------------------------------------------------
// The 2026 virtual table: slotted cells, no rows (research: ad-platform-dom-2026.md §1.1)

/**
 * `cell-<rowId>_<field>`. Row ids are entity ids (digits), fields are snake_case keys that contain
 * underscores themselves (`time_attr_convert_cnt`), so the first underscore after the digits splits them.
 * A non-numeric row id (a summary or placeholder row) is not an entity.
 */
const SLOT_CELL = /^cell-(\d{1,25})_([a-z][a-z0-9]*(?:_[a-z0-9]+)*)$/;

/** The host's tag carries a build suffix that changes between releases (CSS cannot match a tag prefix). */
function isVirtualTableHost(el: Element | null): el is Element {
  return el !== null && el.localName.startsWith('ks-virtual-table');
}

/** The level's own name and id fields; on ad groups `campaign_name` is the parent's name, not this row's. */
const NAME_FIELDS: Partial<Record<Level, readonly string[]>> = {
  campaign: ['campaign_name'],
  // [guess] by analogy with campaign_name and the `ad_name` column key (ad-platform-dom.md §3.1).
  adset: ['adgroup_name'],
  ad: ['ad_name'],
};
const ID_FIELDS: Partial<Record<Level, string>> = {
  campaign: 'campaign_id',
  adset: 'adgroup_id', // [guess]
  ad: 'ad_id',
};

/** Field keys seen in public scrapers and column lists, and what they hold. */
const SLOT_FIELDS: Partial<Record<Level, Readonly<Record<string, Field>>>> = (() => {
  const common: Record<string, Field> = {
    stat_cost: 'spend',
    show_cnt: 'impressions',
    click_cnt: 'clicksDestination',
    time_attr_convert_cnt: 'conversions',
    time_attr_shopping_roas: 'roasShown',
  };
  return {
    campaign: { ...common, budget: 'budget', campaign_budget: 'budget' },
    // [guess] an ad group's own budget is `budget`; `campaign_budget` there is the parent's.
    adset: { ...common, budget: 'budget' },
    ad: common,
  };
})();

/** Known fields that are not stored (rates, statuses, settings): never looked up by header text. */
const IGNORED_FIELDS = new Set([
  'campaign_status',
  'adgroup_status',
  'ad_status',
  'cpc',
  'ctr',
  'cpm',
  'frequency',
  'time_attr_conversion_cost',
  'time_attr_conversion_rate',
  'campaign_budget',
  'campaign_name',
  'adgroup_name',
  'campaign_id',
  'adgroup_id',
]);

interface SlotCell {
  rowId: string;
  field: string;
  el: Element;
}

/**
 * Every slotted body cell of every virtual-table host. Slotted elements are the host's own children, so the
 * light DOM is searched first (one native query); only a page whose table sits inside another component's
 * shadow root needs the walk through shadow roots.
 */
function slotCells(root: Document): SlotCell[] {
  let found = [...root.querySelectorAll('[slot^="cell-"]')];
  if (found.length === 0) {
    const insideCell = (host: Element) => host.closest('[slot^="cell-"]') !== null;
    found = deepQueryAll(root, '[slot^="cell-"]', insideCell);
  }
  const out: SlotCell[] = [];
  for (const el of found) {
    if (!isVirtualTableHost(el.parentElement)) continue;
    const m = SLOT_CELL.exec(el.getAttribute('slot') ?? '');
    if (m) out.push({ rowId: m[1]!, field: m[2]!, el });
  }
  return out;
}

/** One entity's cells (from every host: frozen columns may live in a table of their own). */
function slotRows(cells: SlotCell[]): Map<string, SlotCell[]> {
  const rows = new Map<string, SlotCell[]>();
  for (const cell of cells) {
    const list = rows.get(cell.rowId);
    if (list) list.push(cell);
    else rows.set(cell.rowId, [cell]);
  }
  return rows;
}

/**
 * The header of a cell whose field key is not known: the column header with the `aria-colindex` of the
 * cell (or of the slot it is shown in), in the host's shadow root. [guess] the public evidence shows the
 * body cells' slots, not how headers are tied to them; without such a tie the column is not read.
 */
function headerConceptOf(cell: SlotCell, level: Level, cache: Map<string, ColumnConcept | null>) {
  const known = cache.get(cell.field);
  if (known !== undefined) return known;
  let concept: ColumnConcept | null = null;
  const slot = (cell.el as Element & { assignedSlot?: HTMLSlotElement | null }).assignedSlot ?? null;
  const index =
    cell.el.getAttribute('aria-colindex') ??
    slot?.closest('[aria-colindex]')?.getAttribute('aria-colindex') ??
    null;
  const shadow = shadowOf(cell.el.parentElement!);
  if (index && /^\d+$/.test(index) && shadow) {
    const header = shadow.querySelector(`[role="columnheader"][aria-colindex="${index}"]`);
    const text = header ? composedText(header) : '';
    concept = text ? conceptForHeader('tiktok', text, level) : null;
  }
  cache.set(cell.field, concept);
  return concept;
}

interface SlotRead {
  results: RowResult[];
  /** Whether any cell was of a column KPI Lens reads. */
  readable: boolean;
}

function readSlotRows(cells: SlotCell[], level: Level, uiLocale: string | null): SlotRead {
  const fields = SLOT_FIELDS[level] ?? {};
  const names = NAME_FIELDS[level] ?? [];
  const idField = ID_FIELDS[level];
  const headerCache = new Map<string, ColumnConcept | null>();
  const results: RowResult[] = [];
  let readable = false;
  for (const [rowId, rowCells] of slotRows(cells)) {
    const metrics: Metrics = {};
    const evidence: CurrencyEvidence[] = [];
    const clicks: Partial<Record<'clicksDestination' | 'clicksPlain' | 'clicksAll', number>> = {};
    let loading = false;
    let aligned = true;
    let nameCell: Element | null = null;
    for (const cell of rowCells) {
      if (names.includes(cell.field)) {
        nameCell ??= cell.el;
        continue;
      }
      if (cell.field === idField) {
        // The row's id is the entity id; an id cell that shows another number means the slots are not
        // what they seem, and the row is not read rather than stored under the wrong entity.
        const shown = composedText(cell.el).replace(/^ID:\s*/i, '');
        if (/^\d+$/.test(shown) && shown !== rowId) aligned = false;
        continue;
      }
      let field: Field | undefined = fields[cell.field];
      if (!field && !IGNORED_FIELDS.has(cell.field)) {
        const concept = headerConceptOf(cell, level, headerCache);
        if (concept && concept !== 'name') field = FIELD_BY_CONCEPT[concept];
      }
      if (!field) continue;
      readable = true;
      const text = composedText(cell.el);
      if (text === LOADING) {
        loading = true;
        continue;
      }
      // "-" (empty), "No limit" and the like parse to nothing: the metric is unknown, never 0.
      const parsed = parseDisplayedNumber(text, uiLocale);
      if (!parsed || parsed.percent) continue;
      if (field === 'clicksDestination' || field === 'clicksPlain' || field === 'clicksAll') {
        clicks[field] = parsed.value;
        continue;
      }
      metrics[field] = parsed.value;
      if (MONEY.has(field))
        evidence.push({ currency: parsed.currency, ambiguousSymbol: parsed.ambiguousSymbol });
    }
    results.push({
      row: {
        entityId: rowId,
        entityName: nameCell ? readName(nameCell, nameCell) : null,
        metrics,
        clickKind: clickKindOf(metrics, clicks),
        resultType: null,
      },
      evidence,
      loading,
      aligned,
    });
  }
  return { results, readable };
}

/** The name cell per row id, for the chip layer (rows whose id cell disagrees get none, as in reading). */
function slotAnchors(cells: SlotCell[], level: Level): RowAnchor[] {
  const names = NAME_FIELDS[level] ?? [];
  const idField = ID_FIELDS[level];
  const out: RowAnchor[] = [];
  for (const [rowId, rowCells] of slotRows(cells)) {
    const name = rowCells.find((c) => names.includes(c.field));
    const id = rowCells.find((c) => c.field === idField);
    const shown = id ? composedText(id.el).replace(/^ID:\s*/i, '') : '';
    if (!name || (/^\d+$/.test(shown) && shown !== rowId)) continue;
    // The cell wrapper clips what is put into it and the table moves by transform: chips float over it.
    out.push({ entityKey: rowId, cell: name.el, float: true });
  }
  return out;
}

/** The date picker's range, for pages whose URL has no `st`/`et`. */
export function readTiktokDateRange(root: Document, uiLocale: string | null) {
  for (const el of deepQueryAll(root, 'button, [role="button"]')) {
    if (el.closest('[data-row-key]')) continue;
    const range = parseDateRangeText(composedText(el), uiLocale);
    if (range) return range;
  }
  return null;
}

// eslint-disable-next-line max-lines-per-function -- the adapter's one reading pass, in order (page check, header, rows, notes); 3 lines over
function read(root: Document, url: URL, options: ReadOptions): TableReading {
  const urlContext = detect(url);
  const uiLocale = root.documentElement.getAttribute('lang') || null;
  const range = urlContext && !urlContext.dateStart ? readTiktokDateRange(root, uiLocale) : null;
  const baseContext = {
    platform: 'tiktok' as const,
    accountId: urlContext?.accountId ?? null,
    accountName: null,
    level: urlContext?.level ?? 'campaign',
    dateStart: urlContext?.dateStart ?? range?.start ?? null,
    dateEnd: urlContext?.dateEnd ?? range?.end ?? null,
    uiLocale,
  };
  const empty = { rows: [], coverage: { read: 0, total: null } };
  const noCurrency = { currency: null, currencySource: null };
  const notRecognised = (reason: string): TableReading => ({
    ...empty,
    context: { ...baseContext, ...noCurrency },
    health: { status: 'not-recognised', reason },
  });
  if (!urlContext) {
    return notRecognised('This TikTok Ads Manager page is not a campaigns, ad groups or ads report.');
  }

  const rowEls = entityRows(root);
  const cells = slotCells(root);
  if (rowEls.length === 0 && cells.length === 0)
    return notRecognised('No rows were found in the TikTok Ads Manager table.');
  const slotRead = readSlotRows(cells, urlContext.level, uiLocale);
  const scopes = new Map<Element | null, Column[]>();
  // Rows of one table share a parent: look its header scope up once, not once per row.
  const scopeByParent = new Map<Element | null, Element | null>();
  const byKey = new Map<string, RowResult>();
  for (const rowEl of rowEls) {
    const parent = composedParent(rowEl);
    if (!scopeByParent.has(parent)) scopeByParent.set(parent, headerScope(rowEl));
    const scope = scopeByParent.get(parent)!;
    if (!scopes.has(scope)) scopes.set(scope, scope ? columnsOf(scope, urlContext.level) : []);
    const result = readRow(rowEl, scopes.get(scope)!, uiLocale);
    const key = rowEl.getAttribute('data-row-key')!;
    const before = byKey.get(key);
    // Frozen columns render a second copy of a row (same key) in their own table: one entity, merged.
    byKey.set(key, before ? mergeRows(before, result) : result);
  }
  for (const result of slotRead.results) {
    const key = result.row.entityId!;
    const before = byKey.get(key);
    byKey.set(key, before ? mergeRows(before, result) : result);
  }
  const results = [...byKey.values()];
  const columns = [...scopes.values()].flat();
  const readableColumns =
    slotRead.readable ||
    columns.some((c) => c.concept && c.concept !== 'name' && FIELD_BY_CONCEPT[c.concept]);
  if (!readableColumns) {
    return notRecognised('The TikTok Ads Manager table has no column KPI Lens can read.');
  }
  if (results.every((r) => !r.aligned)) {
    return notRecognised("The TikTok Ads Manager table's cells do not line up with its headers.");
  }
  // A row still showing "—" is read on a later pass, once its numbers have arrived.
  const ready = results.filter((r) => r.aligned && !r.loading);
  if (ready.length === 0) return notRecognised('The TikTok Ads Manager table is still loading.');
  if (ready.every((r) => Object.keys(r.row.metrics).length === 0)) {
    return notRecognised('The TikTok Ads Manager table shows no numbers yet.');
  }

  const currency = resolveCurrency(
    ready.flatMap((r) => r.evidence),
    options.accountCurrency(baseContext.accountId),
    baseContext.uiLocale,
  );
  const context = { ...baseContext, ...currency };
  const missing: string[] = [];
  if (!context.accountId) missing.push('account id');
  if (!context.dateStart) missing.push('date range');
  if (!ready.some((r) => r.row.metrics.spend !== undefined)) missing.push('cost column');
  const loadingCount = results.filter((r) => r.loading).length;
  if (loadingCount) missing.push(`${loadingCount} rows still loading`);
  const misaligned = results.filter((r) => !r.aligned).length;
  if (misaligned) missing.push(`${misaligned} rows whose cells do not line up with the headers`);
  const rows = ready.map((r) => r.row);
  return {
    context,
    rows,
    coverage: { read: rows.length, total: null },
    health: missing.length ? { status: 'partial', missing } : { status: 'recognised' },
  };
}

/** The row's name cell, matched to its column exactly as `readRow` does; null when cells do not line up. */
function nameCellOf(row: Element, columns: Column[]): Element | null {
  const cells = cellsOf(row);
  const byColIndex = columns.every((c) => c.colIndex !== null);
  const aligned = byColIndex
    ? cells.every((c) => Number.isInteger(Number(c.getAttribute('aria-colindex'))))
    : cells.length === columns.length;
  if (!aligned) return null;
  const columnOf = (cell: Element, i: number) =>
    byColIndex ? columns.find((c) => c.colIndex === Number(cell.getAttribute('aria-colindex'))) : columns[i];
  return cells.find((cell, i) => columnOf(cell, i)?.concept === 'name') ?? null;
}

/** The overlay's anchor per rendered entity row: its name cell (frozen copies without one are skipped). */
function rowAnchors(root: Document): RowAnchor[] {
  const level = detect(new URL(root.URL))?.level;
  if (!level) return [];
  const out: RowAnchor[] = [];
  const scopeByParent = new Map<Element | null, Element | null>();
  const columnsByScope = new Map<Element | null, Column[]>();
  for (const rowEl of entityRows(root)) {
    const parent = composedParent(rowEl);
    if (!scopeByParent.has(parent)) scopeByParent.set(parent, headerScope(rowEl));
    const scope = scopeByParent.get(parent)!;
    if (!columnsByScope.has(scope)) columnsByScope.set(scope, scope ? columnsOf(scope, level) : []);
    const cell = nameCellOf(rowEl, columnsByScope.get(scope)!);
    if (cell) out.push({ entityKey: rowEl.getAttribute('data-row-key')!, cell });
  }
  const cells = slotCells(root);
  if (cells.length === 0) return out;
  const legacy = new Set(out.map((a) => a.entityKey));
  return [...out, ...slotAnchors(cells, level).filter((a) => !legacy.has(a.entityKey))];
}

export const tiktokAdapter: PlatformAdapter = {
  id: 'tiktok',
  label: 'TikTok Ads Manager',
  matches: ['https://ads.tiktok.com/i18n/manage/*'],
  // The ads view (/creative, /ad) is detected and read the same way, without a fixture of its own yet. The 2026
  // slot-cell table is read by field name in any UI language (a zh-CN fixture); header text only in English.
  views: [
    { level: 'campaign', name: 'campaigns' },
    { level: 'adset', name: 'ad groups' },
  ],
  languages: ['en'],
  checkedAgainst: 'public evidence',
  detect,
  findTable,
  read,
  rowAnchors,
};
