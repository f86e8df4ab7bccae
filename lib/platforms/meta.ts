import type {
  ClickKind,
  DaySegment,
  EntityRow,
  Health,
  Level,
  Metrics,
  PageContext,
  TableReading,
} from '../model';
import { MAX_DAYS_PER_ROW } from '../model';
import { parseDisplayedNumber } from '../read/number';
import { resolveCurrency, type CurrencyEvidence } from '../read/currency';
import { parseDateRangeText, type DateRange } from '../read/dates';
import { conceptForHeader, type ColumnConcept } from '../read/headers';
import { rowsMissingNote } from '../read/row-accumulator';
import type { PlatformAdapter, ReadOptions, RowAnchor, UrlContext } from './types';

const HOSTS = new Set(['adsmanager.facebook.com', 'business.facebook.com', 'www.facebook.com']);
const LEVEL_BY_PATH: Record<string, Level> = { campaigns: 'campaign', adsets: 'adset', ads: 'ad' };
/** Meta's object types in `forObjectType(<column>,<TYPE>)` cell keys. */
const LEVEL_BY_OBJECT_TYPE: Record<string, Level> = {
  CAMPAIGN_GROUP: 'campaign',
  CAMPAIGN: 'adset',
  ADGROUP: 'ad',
};
const LEVEL_NOUN: Record<Level, string> = {
  account: 'account',
  campaign: 'campaign',
  adset: 'ad set',
  ad: 'ad',
  keyword: 'keyword',
};

/**
 * `/am/table/table_row:<id>unit[/table_cell:<key>[/<sub-surface>]]`. Footer cells use row `-1` and have been
 * seen without the `unit` suffix, so both forms are accepted here and the footer is dropped later.
 */
const SURFACE = /\/table_row:(-?\d+)(?:unit)?(?:\/table_cell:(.+))?$/;
/**
 * A breakdown sub-row (Breakdown → By time → Day) under entity row `<id>`:
 * `/am/table/table_row:<id>unit/breakdown_row:<n>[/table_cell:<key>]`. No public page shows this markup; it is
 * this reader's guess (test/fixtures/meta/README.md). `SURFACE` never matches it, so a breakdown row is never
 * an entity row, and footer rows (`-1`) have none.
 */
const BREAKDOWN_SURFACE = /\/table_row:(\d+)unit\/breakdown_row:(\d+)(?:\/table_cell:(.+))?$/;
/** The cell of a breakdown row holding its label: Meta's id of the Day time breakdown (Ads Reporting `days_1`). */
const DAY_LABEL_KEY = 'days_1';
const FOOTER = '[data-pagelet="FixedDataTableNew_footerRow"]';
const STATS_RANGE = '[data-surface="/am/table/stats_range"]';
const TABLE_CONTAINER = '[data-non-int-surface*="AdsPEManagementTableInnerContainer"]';
/** Subtrees whose text is never a cell's value or an entity's name: action buttons, menus, hidden labels. */
const NOT_CONTENT =
  '[role="button"], [role="toolbar"], [role="menu"], [aria-haspopup], [aria-hidden="true"], [data-sscoverage-ignore="true"], script, style, template';

/** Meta's URL `date=` range is right-open: `2026-04-05_2026-04-06` is the single day April 5. */
export function parseMetaDateParam(value: string | null): { start: string; end: string } | null {
  const m = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})(?:,|$)/.exec(value ?? '');
  if (!m || !isCalendarDate(m[1]!) || !isCalendarDate(m[2]!)) return null;
  const end = new Date(`${m[2]}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  const endIso = end.toISOString().slice(0, 10);
  return endIso < m[1]! ? null : { start: m[1]!, end: endIso };
}

function isCalendarDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** Only the Manage table of campaigns, ad sets or ads; settings, billing, audiences, reporting are not reports. */
function detect(url: URL): UrlContext | null {
  if (url.protocol !== 'https:' || !HOSTS.has(url.hostname)) return null;
  const m = /^\/adsmanager\/manage\/(campaigns|adsets|ads)\/?$/.exec(url.pathname);
  if (!m) return null;
  const act = /^(?:act_)?(\d{5,20})$/.exec(url.searchParams.get('act') ?? '')?.[1] ?? null;
  const range = parseMetaDateParam(url.searchParams.get('date'));
  return {
    level: LEVEL_BY_PATH[m[1]!]!,
    accountId: act,
    dateStart: range?.start ?? null,
    dateEnd: range?.end ?? null,
  };
}

type Field =
  | 'spend'
  | 'impressions'
  | 'reach'
  | 'allClicks'
  | 'linkClicks'
  | 'results'
  | 'purchases'
  | 'conversionValue'
  | 'roasShown'
  | 'leads'
  | 'budget';
/** Money columns we do not store but whose symbol still tells the account's currency. */
type EvidenceOnly = 'money';

const MONEY_FIELDS = new Set<Field | EvidenceOnly>(['spend', 'conversionValue', 'budget', 'money']);

/** `forAttributionWindow(actions:omni_purchase,default)` → `actions:omni_purchase`. */
function unwrapKey(key: string): string {
  const m = /^forAttributionWindow\((.+?)(?:,[^,()]*)?\)$/.exec(key);
  return m ? m[1]! : key;
}

/**
 * `table_cell:` key → field. The keys are Meta's own column ids (the same as in the URL's `columns=`), so they
 * are identical in every UI language; header text is consulted only for keys not listed here.
 */
export function fieldForCellKey(key: string): Field | EvidenceOnly | null {
  const k = unwrapKey(key);
  if (/^forObjectType\(budget,/.test(k)) return 'budget';
  switch (k) {
    case 'spend':
      return 'spend';
    case 'impressions':
      return 'impressions';
    case 'reach':
      return 'reach';
    case 'clicks':
      return 'allClicks';
    case 'inline_link_clicks':
    case 'link_clicks':
    case 'actions:link_click':
      return 'linkClicks';
    case 'results':
      return 'results';
    case 'actions:omni_purchase':
    case 'actions:purchase':
    case 'actions:offsite_conversion.fb_pixel_purchase':
      return 'purchases';
    case 'action_values:omni_purchase':
    case 'action_values:purchase':
    case 'action_values:offsite_conversion.fb_pixel_purchase':
      return 'conversionValue';
    case 'purchase_roas:omni_purchase':
    case 'website_purchase_roas:offsite_conversion.fb_pixel_purchase':
      return 'roasShown';
    case 'actions:lead':
    case 'actions:onsite_conversion.lead_grouped':
    case 'actions:offsite_conversion.fb_pixel_lead':
      return 'leads';
    case 'cost_per_result':
    case 'cpc':
    case 'cpm':
    case 'cost_per_inline_link_click':
      return 'money';
  }
  if (/^cost_per_action_type:/.test(k)) return 'money';
  return null;
}

/** Header concepts (from `conceptForHeader`) → field, for columns whose cell key we do not know. */
const FIELD_BY_CONCEPT: Partial<Record<ColumnConcept, Field>> = {
  spend: 'spend',
  impressions: 'impressions',
  reach: 'reach',
  clicksAll: 'allClicks',
  clicks: 'allClicks',
  clicksLink: 'linkClicks',
  purchases: 'purchases',
  results: 'results',
  conversionValue: 'conversionValue',
  roas: 'roasShown',
  leads: 'leads',
  budget: 'budget',
};

/** Result types that never count as conversions (CONTRACTS.md: never clicks, views or reach). */
const NOT_CONVERSION_RESULT =
  /click|view|reach|impression|engagement|thruplay|video play|\blike|follow|visit|messag|conversation|call|点击|浏览|观看|播放|覆盖|展示|互动|赞|关注|消息|nhấp|lượt xem|tiếp cận|hiển thị|tương tác|thích|theo dõi|tin nhắn|клік|клик|перегляд|просмотр|охоплен|охват|показ|взаємод|взаимод|повідомлен|сообщени|klick|aufruf|reichweite|interaktion|nachricht|clic|vue|couverture|interaction|message/i;
/** Result types that are conversions: purchase, lead, registration (and the platform's "conversions"). */
const CONVERSION_RESULT =
  /purchase|lead|registration|conversion|购物|购买|潜在客户|注册|转化|lượt mua|mua hàng|khách hàng tiềm năng|đăng ký|chuyển đổi|покуп|лід|лид|реєстрац|регистрац|конверс|kauf|käufe|lead|registrierung|conversion|achat|prospect|inscription/i;

export function isConversionResultType(label: string | null): boolean {
  return !!label && CONVERSION_RESULT.test(label) && !NOT_CONVERSION_RESULT.test(label);
}

const LEAD_RESULT = /lead|潜在客户|khách hàng tiềm năng|лід|лид|prospect/i;

/** Text that `clean` would change: zero-width marks, whitespace other than single inner spaces. */
const NEEDS_CLEANING = /[\u200b\u200e\u200f\ufeff]|[^\S ]| {2}|^ | $/;

function clean(text: string): string {
  // Most cell text is already clean; testing is far cheaper than three replaces on every one of them.
  if (!NEEDS_CLEANING.test(text)) return text;
  return text
    .replace(/[\u200b\u200e\u200f\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The visible text pieces of `el`, one per text node, leaving out action buttons and menus; at most `limit`
 * of them, so a caller that needs only the first stops walking there.
 */
function textSegments(el: Element, skip: (e: Element) => boolean = () => false, limit = Infinity): string[] {
  const out: string[] = [];
  const walk = (node: Node) => {
    for (let child = node.firstChild; child && out.length < limit; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const t = clean(child.nodeValue ?? '');
        if (t) out.push(t);
      } else if (child.nodeType === 1) {
        const e = child as Element;
        if (e.matches(NOT_CONTENT) || skip(e)) continue;
        walk(e);
      }
    }
  };
  walk(el);
  return out;
}

/** Whether something between `el` (a descendant of `within`, or itself) and `within` is not content. */
function insideNonContent(el: Element, within: Element): boolean {
  // One native ancestor walk: the nearest non-content ancestor counts only when it lies below `within`.
  const hit = el.closest(NOT_CONTENT);
  return hit !== null && hit !== within && within.contains(hit);
}

const VALUE_NODE = '[geotextcolor="value"]';
const OVERFLOW_NODE = '[data-hover="tooltip"][data-tooltip-display="overflow"]';
const VALUE_OR_NOT_CONTENT = `${VALUE_NODE}, ${NOT_CONTENT}`;
const OVERFLOW_OR_NOT_CONTENT = `${OVERFLOW_NODE}, ${NOT_CONTENT}`;

/**
 * The value node is the older `geotextcolor=value` node or the newer tooltip-overflow node (the first one:
 * the sub-label comes after it), the first of them that is content and shows text.
 */
function valueNode(cell: Element): { node: Element; text: string } | null {
  // Fast path, one query per kind: the first element in document order that is a value node or not content.
  // Ancestors come before their descendants, so when that first element is a value node and not itself
  // non-content, nothing between it and the cell is non-content. Anything else takes the full search.
  // Two plain calls rather than a loop over the two selectors: this runs for every cell read.
  const first = cell.querySelector(VALUE_OR_NOT_CONTENT) ?? cell.querySelector(OVERFLOW_OR_NOT_CONTENT);
  // Neither kind, and nothing non-content in the cell at all.
  if (!first) return null;
  if (first.matches(NOT_CONTENT)) return valueNodeSearch(cell);
  const text = clean(first.textContent ?? '');
  return text !== '' ? { node: first, text } : valueNodeSearch(cell);
}

/** Every value node in order, each checked for non-content ancestors below the cell. */
function valueNodeSearch(cell: Element): { node: Element; text: string } | null {
  for (const selector of [VALUE_NODE, OVERFLOW_NODE]) {
    for (const node of cell.querySelectorAll(selector)) {
      if (insideNonContent(node, cell)) continue;
      const text = clean(node.textContent ?? '');
      if (text !== '') return { node, text };
    }
  }
  return null;
}

/** A cell's value: its value node's text; in newer cells without one, the first visible text. */
function readValue(cell: Element): string | null {
  return valueNode(cell)?.text ?? textSegments(cell, undefined, 1)[0] ?? null;
}

/**
 * A cell's value and sub-label (only the Results column's sub-label is used: its result type). Without a
 * value node the first visible text is the value and the next one the sub-label.
 */
function readCell(cell: Element): { value: string | null; subLabel: string | null } {
  const found = valueNode(cell);
  if (found) {
    const rest = textSegments(cell, (e) => e === found.node, 1);
    return { value: found.text, subLabel: rest[0] ?? null };
  }
  const segments = textSegments(cell, undefined, 2);
  return { value: segments[0] ?? null, subLabel: segments[1] ?? null };
}

const MENU_OR_NOT_CONTENT = `${NOT_CONTENT}, [data-surface*="/maiba:"]`;

/** The name as shown: tooltip or link text, never the hidden overflow-menu text ("Edit", "Duplicate"…). */
function readName(cell: Element): string | null {
  const isMenu = (e: Element) => (e.getAttribute('data-surface') ?? '').includes('/maiba:');
  // The overflow menu's surface is nested in the name cell, so only the levels below the cell need asking.
  const inMenu = (e: Element) => {
    for (let x: Element | null = e; x && x !== cell; x = x.parentElement)
      if (x.matches(MENU_OR_NOT_CONTENT)) return true;
    return false;
  };
  for (const el of cell.querySelectorAll('[data-tooltip-content]')) {
    if (inMenu(el)) continue;
    const text = clean(el.getAttribute('data-tooltip-content') ?? '');
    if (text) return text;
  }
  for (const link of cell.querySelectorAll('a')) {
    if (inMenu(link)) continue;
    const text = clean(link.textContent ?? '');
    if (text) return text;
  }
  return textSegments(cell, isMenu)[0] ?? null;
}

interface RowCells {
  id: string;
  /** Top-level cells in document order, keyed by `table_cell:` key. */
  cells: Map<string, Element>;
}

/** A breakdown sub-row: its entity row's id (`id`), its own index under that row, its cells. */
interface BreakdownCells extends RowCells {
  index: string;
}

/**
 * Every surface matching `selector` that lies in a footer (the footer element included). Collected once per
 * read: asking `closest(FOOTER)` of each of thousands of cell surfaces walks all their ancestors.
 */
function surfacesInFooters(root: ParentNode, selector: string): Set<Element> {
  const out = new Set<Element>();
  const doc = (root as Node).ownerDocument ?? (root as Document);
  for (const footer of doc.querySelectorAll(FOOTER)) {
    if (footer.matches(selector)) out.add(footer);
    for (const el of footer.querySelectorAll(selector)) out.add(el);
  }
  // A scope inside a footer: everything in it is footer.
  if (root !== doc && (root as Element).closest?.(FOOTER)) {
    for (const el of root.querySelectorAll(selector)) out.add(el);
  }
  return out;
}

const ROW_SURFACE = '[data-surface*="/table_row:"]';
/**
 * Column header cells. `role=columnheader` is only a hint: Meta has dropped its ARIA grid roles from the live
 * table (research 2026 §1.2), so a header cell is also recognised without it, as the outermost element before
 * the first row that carries the header's roving `tabindex="-1"` or an `aria-sort` (both on every header cell
 * in the research's header evidence). Without either the table has no known header row, and only columns with a
 * known cell key are read.
 */
const COLUMN_HEADER_HINT = '[role="columnheader"]';
const COLUMN_HEADER_CANDIDATE = '[tabindex="-1"], [aria-sort]';
const COLUMN_HEADER = `${COLUMN_HEADER_HINT}, ${COLUMN_HEADER_CANDIDATE}`;
const NAME_SURFACE = '[data-surface*="/table_row:"][data-surface*="/table_cell:forObjectType(name,"]';

interface TableParts {
  rows: RowCells[];
  /** Breakdown sub-rows, outside the footer, in order of first appearance; never entity rows. */
  breakdowns: BreakdownCells[];
  /** The column headers in document order. */
  headers: Element[];
}

/**
 * Groups every row/cell surface by row id, in order of first appearance (the footer is never a row), and
 * collects the column headers on the way.
 *
 * A row is joined by the row id in its surfaces only, never by its place in the DOM: the frozen (name) pane and
 * the scrollable pane may be separate subtrees that share no parent below the table, and every cell surface
 * names its row. A cell without a row surface cannot be told apart from a neighbouring row's, so it is not read
 * (its metric stays unknown for that reading); rows are never joined by position or by their vertical offset.
 */
function collectRows(root: ParentNode): TableParts {
  const rows = new Map<string, RowCells>();
  const breakdowns = new Map<string, BreakdownCells>();
  const inFooter = surfacesInFooters(root, ROW_SURFACE);
  // A row's surfaces come one after another, so the last row looked up is nearly always the next one too.
  let last: RowCells | undefined;
  // Only row and cell surfaces: adding the header selectors to this query of every element of the table
  // doubled its cost (header cells are looked for before the first row, where they are).
  const surfaces = root.querySelectorAll(ROW_SURFACE);
  // An index loop: iterating a NodeList of 60,000 surfaces with for…of costs as much again as the query.
  for (let i = 0; i < surfaces.length; i++) {
    const el = surfaces[i]!;
    const surface = el.getAttribute('data-surface') ?? '';
    const m = parseSurface(surface);
    if (!m) {
      // Only a surface that is not a row's or cell's can be a breakdown row's (one more test for those only).
      const b = BREAKDOWN_SURFACE.exec(surface);
      if (b && !(inFooter.size > 0 && inFooter.has(el))) addCell(breakdowns, b[1]!, b[2]!, b[3], el);
      continue;
    }
    if (m.id.startsWith('-') || (inFooter.size > 0 && inFooter.has(el))) continue;
    const { id, key } = m;
    let row = last?.id === id ? last : rows.get(id);
    if (!row) rows.set(id, (row = { id, cells: new Map() }));
    last = row;
    if (key) addCellTo(row, key, el);
  }
  return {
    rows: [...rows.values()],
    breakdowns: [...breakdowns.values()],
    headers: columnHeaders(root, surfaces[0] ?? null),
  };
}

function addCell(
  breakdowns: Map<string, BreakdownCells>,
  id: string,
  index: string,
  key: string | undefined,
  el: Element,
): void {
  const at = `${id}/${index}`;
  let row = breakdowns.get(at);
  if (!row) breakdowns.set(at, (row = { id, index, cells: new Map() }));
  if (key) addCellTo(row, key, el);
}

function addCellTo(row: RowCells, key: string, el: Element): void {
  const slash = key.indexOf('/');
  const top = slash === -1 ? key : key.slice(0, slash);
  // Nested surfaces (`spend/spend_sla`, `name/maiba:…`) belong to their outer cell; a nested surface stands
  // for its cell only when the outer one is missing, and the overflow menu never does.
  if (slash !== -1 && key.startsWith('maiba:', slash + 1)) return;
  if (!row.cells.has(top)) row.cells.set(top, el);
}

/**
 * The column header cells: those with `role=columnheader` when there are any, else the role-free candidates
 * (outermost of nested ones, outside the footer). Both are looked for only before the first row in document
 * order, in the subtrees that precede it within `root`, so the search costs the header's size, not the table's.
 */
function columnHeaders(root: ParentNode, firstRow: Element | null): Element[] {
  if (!firstRow) return [];
  const found: Element[] = [];
  for (let node: Element | null = firstRow; node && node !== root; node = node.parentElement) {
    for (let before = node.previousElementSibling; before; before = before.previousElementSibling) {
      if (before.matches(COLUMN_HEADER)) found.push(before);
      for (const el of before.querySelectorAll(COLUMN_HEADER)) found.push(el);
    }
  }
  const hinted = found.filter((el) => el.getAttribute('role') === 'columnheader');
  if (hinted.length > 0) return inDocumentOrder(hinted);
  const out: Element[] = [];
  for (const c of inDocumentOrder(found.filter((c) => !c.closest(FOOTER))))
    if (!out.at(-1)?.contains(c)) out.push(c);
  return out;
}

// A selector list's matches are not always listed in document order by every DOM (jsdom's engine groups them),
// so the few header elements are put in order explicitly.
function inDocumentOrder(elements: Element[]): Element[] {
  return elements.sort((a, b) => (a.compareDocumentPosition(b) & 4 /* FOLLOWING */ ? -1 : 1));
}

/** `SURFACE` applied to a `data-surface` value: the row id and the cell key, if any. */
function parseSurface(surface: string): { id: string; key: string | undefined } | null {
  const m = SURFACE.exec(surface);
  return m ? { id: m[1]!, key: m[2] } : null;
}

/** Header concept per column index, or null when the table shows no header row. */
function headerConcepts(headers: readonly Element[]): (ColumnConcept | null)[] | null {
  if (headers.length === 0) return null;
  return headers.map((h) => {
    const heading = h.querySelector('[role="heading"], [aria-level]');
    const text = heading ? clean(heading.textContent ?? '') : (textSegments(h)[0] ?? '');
    return text ? conceptForHeader('meta', text) : null;
  });
}

interface RowRead {
  row: EntityRow;
  evidence: CurrencyEvidence[];
  levels: Set<Level>;
  hasSpendCell: boolean;
}

/** What a cell key says on its own, worked out once per key and read instead of once per cell. */
interface KeyInfo {
  known: Field | EvidenceOnly | null;
  level: Level | undefined;
  isName: boolean;
  isObjectType: boolean;
}

function keyInfoReader(): (key: string) => KeyInfo {
  const cache = new Map<string, KeyInfo>();
  return (key) => {
    let info = cache.get(key);
    if (!info) {
      const objectType = /^forObjectType\([^,]+,([A-Z_]+)\)$/.exec(key)?.[1];
      info = {
        known: fieldForCellKey(key),
        level: objectType ? LEVEL_BY_OBJECT_TYPE[objectType] : undefined,
        isName: /^forObjectType\(name,/.test(key),
        isObjectType: key.startsWith('forObjectType('),
      };
      cache.set(key, info);
    }
    return info;
  };
}

/** What a reading knows about its columns as a whole, worked out once before any row is read. */
interface Columns {
  /**
   * The field of each cell key that has no known field, learned by position only from rows whose cells line up
   * with the header row one to one (and agree with it on every known key). The key is the column's identity, so
   * once learned it holds for every row of the reading, including rows missing other columns' cells.
   */
  fieldOfKey: Map<string, Field | EvidenceOnly | null>;
  /**
   * How many columns the table shows for each field: its distinct cell keys in this reading, and at least one
   * when the header row names it. A row with fewer cells of a field lacks one (scrolled out of view).
   */
  shown: Map<Field, number>;
}

function isField(f: Field | EvidenceOnly | null | undefined): f is Field {
  return !!f && f !== 'money';
}

function columnModel(
  rows: readonly RowCells[],
  concepts: (ColumnConcept | null)[] | null,
  keyInfo: (key: string) => KeyInfo,
): Columns {
  const fieldOfKey = new Map<string, Field | EvidenceOnly | null>();
  const conflicting = new Set<string>();
  const keys = new Set<string>();
  for (const { cells } of rows) {
    for (const key of cells.keys()) keys.add(key);
    // Columns line up with the header row only when the row has a cell for every header (horizontal
    // virtualisation leaves some out); a known key whose header means another field says the order is off.
    if (!concepts || concepts.length !== cells.size) continue;
    let i = 0;
    let aligned = true;
    for (const key of cells.keys()) {
      const { known } = keyInfo(key);
      const concept = concepts[i++];
      const fromHeader = concept ? FIELD_BY_CONCEPT[concept] : undefined;
      if (isField(known) && fromHeader && fromHeader !== known) {
        aligned = false;
        break;
      }
    }
    if (!aligned) continue;
    i = 0;
    for (const key of cells.keys()) {
      const info = keyInfo(key);
      const concept = concepts[i++];
      if (info.known || info.isObjectType) continue;
      const field = (concept && FIELD_BY_CONCEPT[concept]) || null;
      const before = fieldOfKey.get(key);
      if (before === undefined) fieldOfKey.set(key, field);
      else if (before !== field) conflicting.add(key);
    }
  }
  // Two aligned rows that disagree on a column: neither is trusted.
  for (const key of conflicting) fieldOfKey.set(key, null);

  const shown = new Map<Field, number>();
  for (const key of keys) {
    const info = keyInfo(key);
    const field = info.known ?? (info.isObjectType ? null : fieldOfKey.get(key));
    if (isField(field)) shown.set(field, (shown.get(field) ?? 0) + 1);
  }
  for (const concept of concepts ?? []) {
    const field = concept ? FIELD_BY_CONCEPT[concept] : undefined;
    if (field && !shown.has(field)) shown.set(field, 1);
  }
  return { fieldOfKey, shown };
}

function readRow(
  { id, cells }: RowCells,
  columns: Columns,
  uiLocale: string | null,
  keyInfo: (key: string) => KeyInfo,
): RowRead {
  const values: Partial<Record<Field, number>> = {};
  /** Cells per field in this row, to tell a field whose column is not rendered here. */
  const present: Partial<Record<Field, number>> = {};
  const evidence: CurrencyEvidence[] = [];
  const levels = new Set<Level>();
  let resultType: string | null = null;
  let entityName: string | null = null;
  let hasSpendCell = false;

  cells.forEach((cell, key) => {
    const info = keyInfo(key);
    if (info.level) levels.add(info.level);
    if (info.isName) {
      entityName = readName(cell);
      return;
    }
    // A cell's field comes from its own key (or its key's learned column), never from its position in the row.
    const field = info.known ?? (info.isObjectType ? null : (columns.fieldOfKey.get(key) ?? null));
    if (!field) return;
    if (field !== 'money') present[field] = (present[field] ?? 0) + 1;
    if (field === 'spend') hasSpendCell = true;
    // Only Results uses its sub-label (the result type); every other cell needs just its value.
    const { value, subLabel } =
      field === 'results' ? readCell(cell) : { value: readValue(cell), subLabel: null };
    const parsed = value ? parseDisplayedNumber(value, uiLocale) : null;
    if (!parsed) return;
    if (MONEY_FIELDS.has(field)) {
      evidence.push({ currency: parsed.currency, ambiguousSymbol: parsed.ambiguousSymbol });
    }
    if (field === 'money' || parsed.percent) return;
    if (values[field] === undefined) values[field] = parsed.value;
    if (field === 'results') resultType = subLabel;
  });

  // A field the table shows in more columns than this row renders is unknown here: which column's value the
  // row would show first cannot be told, and a fallback (Results for Purchases, all clicks for link clicks)
  // would be another column's number standing in for one scrolled out of view.
  const lacks = (field: Field) => (present[field] ?? 0) < (columns.shown.get(field) ?? 0);
  for (const field of Object.keys(values) as Field[]) if (lacks(field)) delete values[field];
  if (values.results === undefined) resultType = null;

  const metrics: Metrics = {};
  if (values.spend !== undefined) metrics.spend = values.spend;
  if (values.impressions !== undefined) metrics.impressions = values.impressions;
  if (values.reach !== undefined) metrics.reach = values.reach;
  // All clicks stand in only for a table that shows no Link clicks column. Where it does, a row whose cell
  // shows no number (`—`, blank, scrolled out of view) has unknown clicks: its all clicks in their place would
  // mix link clicks and all clicks within one table. (Conversions differ on purpose: the Results type is the
  // row's own, so a lead ad with no purchases counts its lead results, CONTRACTS.md.)
  const notShown = (field: Field) => !columns.shown.get(field);
  let clickKind: ClickKind | null = null;
  if (values.linkClicks !== undefined) [metrics.clicks, clickKind] = [values.linkClicks, 'link'];
  else if (values.allClicks !== undefined && notShown('linkClicks'))
    [metrics.clicks, clickKind] = [values.allClicks, 'all'];
  // CONTRACTS.md: Purchases when shown; else Results whose result type is a purchase, lead or registration.
  const conversionResult = values.results !== undefined && isConversionResultType(resultType);
  if (values.purchases !== undefined) metrics.conversions = values.purchases;
  else if (conversionResult && !lacks('purchases')) metrics.conversions = values.results;
  if (values.conversionValue !== undefined) metrics.conversionValue = values.conversionValue;
  if (values.leads !== undefined) metrics.leads = values.leads;
  else if (conversionResult && !lacks('leads') && LEAD_RESULT.test(resultType ?? ''))
    metrics.leads = values.results;
  if (values.roasShown !== undefined) metrics.roasShown = values.roasShown;
  if (values.results !== undefined) metrics.results = values.results;
  if (values.budget !== undefined) metrics.budget = values.budget;

  return {
    row: { entityId: id, entityName, metrics, clickKind, resultType },
    evidence,
    levels,
    hasSpendCell,
  };
}

/**
 * The days of a table broken down by day (Breakdown → By time → Day), per entity row id: every breakdown
 * sub-row is labelled (its `days_1` cell) with one date of the reporting range, in the page's locale ("Nov 19,
 * 2026", "19 лист. 2026 р."), at most once per entity. Anything else — a breakdown row without that label, a
 * label that is not one date (age, placement, week, month, a text it does not understand), a day outside the
 * range, a day twice, an unknown range — means the table is not read as broken down by day at all: no days,
 * the entity rows as before. Neither the markup nor the label format has public evidence
 * (test/fixtures/meta/README.md), hence all or nothing, as for Google's day segments.
 */
function daysOfBreakdowns(
  breakdowns: readonly BreakdownCells[],
  range: DateRange | null,
  read: (row: RowCells) => RowRead,
  uiLocale: string | null,
): { days: Map<string, DaySegment[]>; evidence: CurrencyEvidence[] } | null {
  if (breakdowns.length === 0 || !range) return null;
  const days = new Map<string, DaySegment[]>();
  const evidence: CurrencyEvidence[] = [];
  for (const breakdown of breakdowns) {
    const label = breakdown.cells.get(DAY_LABEL_KEY);
    const text = label ? readValue(label) : null;
    const date = text ? parseDateRangeText(text, uiLocale) : null;
    if (!date || date.start !== date.end || date.start < range.start || date.start > range.end) return null;
    const list = days.get(breakdown.id) ?? [];
    // More days than a reading may carry would fail the reading's own check: none rather than the table lost.
    if (list.length >= MAX_DAYS_PER_ROW || list.some((d) => d.date === date.start)) return null;
    const one = read(breakdown);
    // A budget is the entity's setting, shown beside each day, never a number of that day.
    const { budget: _budget, ...metrics } = one.row.metrics;
    list.push({ date: date.start, metrics });
    days.set(breakdown.id, list);
    evidence.push(...one.evidence);
  }
  return { days, evidence };
}

function rangeOf({ dateStart, dateEnd }: PageContext): DateRange | null {
  return dateStart && dateEnd ? { start: dateStart, end: dateEnd } : null;
}

function withDays(row: EntityRow, days: Map<string, DaySegment[]> | undefined): EntityRow {
  const own = row.entityId ? days?.get(row.entityId) : undefined;
  return own ? { ...row, days: own } : row;
}

/**
 * The footer's own entity count: "Results from 60 campaigns", "Kết quả từ 3 chiến dịch", "3 个广告系列",
 * "Результати з 3 оголошень", "Ergebnisse von 3 Kampagnen", "Résultats de 3 campagnes"…
 */
const FOOTER_COUNT: readonly RegExp[] = [
  /\bresults?\s+(?:from|for|of)\s+(\d[\d\s.,]*?)\s+(?:campaigns?|ad\s*sets?|ads?)(?![a-z])/iu,
  /kết quả từ\s+(\d[\d\s.,]*?)\s+(?:chiến dịch|nhóm quảng cáo|quảng cáo)/iu,
  /(\d[\d\s.,]*?)\s*个\s*(?:广告系列|广告组|广告)/u,
  /результати\s+(?:з|із|від|для|по)\s+(\d[\d\s.,]*?)\s+(?:кампан|груп|оголошен|реклам)/iu,
  /результаты\s+(?:из|по|для|от|с)\s+(\d[\d\s.,]*?)\s+(?:кампан|групп|объявлен|реклам)/iu,
  /ergebnisse\s+(?:von|aus|für|zu)\s+(\d[\d\s.,]*?)\s+(?:kampagnen?|anzeigengruppen?|werbeanzeigen?|anzeigen?)/iu,
  /résultats\s+(?:de|des|pour|sur)\s+(\d[\d\s.,]*?)\s+(?:campagnes?|ensembles? de publicités|publicités?)/iu,
  /resultados\s+(?:de|para)\s+(\d[\d\s.,]*?)\s+(?:campañas?|campanhas?|conjuntos? de an[uú]ncios|an[uú]ncios)/iu,
];

export function parseFooterCount(text: string): number | null {
  const t = clean(text);
  for (const re of FOOTER_COUNT) {
    const m = re.exec(t);
    if (!m) continue;
    const digits = m[1]!.replace(/\D/g, '');
    if (digits) return Number(digits);
  }
  return null;
}

function footerCount(root: ParentNode): number | null {
  const footers = [...root.querySelectorAll(FOOTER)];
  if (footers.length === 0) {
    // Without the pagelet marker, the footer is what holds the `table_row:-1` cells.
    const cell = root.querySelector('[data-surface*="/table_row:-1"]');
    for (let e = cell?.parentElement ?? null, depth = 0; e && depth < 6; e = e.parentElement, depth++) {
      if (e.querySelector('[data-surface*="/table_row:"][data-surface*="unit"]')) break;
      footers.push(e);
    }
  }
  for (const footer of footers) {
    const isTotalCell = (e: Element) => (e.getAttribute('data-surface') ?? '').includes('/table_row:-1');
    const count = parseFooterCount(textSegments(footer, isTotalCell).join(' '));
    if (count !== null) return count;
  }
  return null;
}

/** The account switcher: a popup control; roles are a hint only, `aria-expanded` marks it without them. */
const ACCOUNT_CONTROL = '[aria-haspopup], [aria-expanded], [role="combobox"], [role="button"]';

/** The first text node in `el` and the last node of its subtree, or null when it holds no text. */
function textRange(root: Document, el: Element): { first: Node; last: Node } | null {
  const first = root.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */).nextNode();
  if (!first) return null;
  let last: Node = el;
  while (last.lastChild) last = last.lastChild;
  return { first, last };
}

/**
 * The account's name where the page shows it beside its id, e.g. an account switcher "Name (1234…)" or
 * "Name" over "1234…". Only text nodes holding the id are visited, so a page full of buttons costs one walk.
 */
function readAccountName(root: Document, table: Element | null, accountId: string | null): string | null {
  if (!accountId || !root.body) return null;
  const walker = root.createTreeWalker(root.body, 4 /* NodeFilter.SHOW_TEXT */);
  // The table's text is never the switcher: its text nodes are skipped in one jump (they are contiguous in
  // document order), unless the table itself sits inside a control, whose text then counts.
  const skip = table && !table.closest(ACCOUNT_CONTROL) ? textRange(root, table) : null;
  let best: { name: string; size: number } | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node === skip?.first) {
      walker.currentNode = skip.last;
      continue;
    }
    if (!node.nodeValue?.includes(accountId)) continue;
    const control = node.parentElement?.closest(ACCOUNT_CONTROL);
    if (!control || table?.contains(control)) continue;
    const segments = collectText(control);
    const name = nameBesideId(segments, accountId);
    if (name && (!best || segments.length < best.size)) best = { name, size: segments.length };
  }
  return best?.name ?? null;
}

/** Like textSegments, but keeps the element's own text even though it is a button. */
function collectText(el: Element): string[] {
  const out: string[] = [];
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        const t = clean(child.nodeValue ?? '');
        if (t) out.push(t);
      } else if (child.nodeType === 1 && !(child as Element).matches('[aria-hidden="true"], script, style')) {
        walk(child);
      }
    }
  };
  walk(el);
  return out;
}

function nameBesideId(segments: string[], accountId: string): string | null {
  const idOnly = new RegExp(`^[(（]?\\s*(?:(?:ID|Id|id)[:：]?\\s*)?(?:act_)?${accountId}\\s*[)）]?$`);
  const inline = new RegExp(`^(.+?)\\s*[(（]\\s*(?:(?:ID|Id|id)[:：]?\\s*)?(?:act_)?${accountId}\\s*[)）]$`);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const m = inline.exec(s);
    if (m) return clean(m[1]!);
    if (idOnly.test(s) && i > 0) return segments[i - 1]!;
  }
  return null;
}

function readDateRangeShown(root: Document, uiLocale: string | null): { start: string; end: string } | null {
  const el = root.querySelector(STATS_RANGE);
  if (!el) return null;
  const shown = el.querySelector('[role="presentation"]') ?? el;
  const text = clean(shown.textContent ?? '');
  return text ? parseDateRangeText(text, uiLocale) : null;
}

/** The table found in a document's table container, kept while both are still in the page. */
const foundTables = new WeakMap<Document, { container: Element; table: Element }>();

function findTable(root: Document): Element | null {
  // A view keeps its one table container: while it and the table found in it are still there, they are the
  // answer. Without ARIA roles (Meta's live table has none) finding them again means querying the whole page,
  // and the reader, the chip layer and the panel ask on every change of a scrolling table.
  const known = foundTables.get(root);
  if (known && known.container.isConnected && known.container.contains(known.table)) return known.table;
  const container = root.querySelector(TABLE_CONTAINER);
  const found = findTableUncached(root, container);
  if (container && found && container.contains(found)) foundTables.set(root, { container, table: found });
  return found;
}

function findTableUncached(root: Document, container: Element | null): Element | null {
  const inContainer = container?.querySelector('[role="table"], [role="grid"]');
  if (inContainer) return inContainer;
  for (const table of root.querySelectorAll('[role="table"], [role="grid"]')) {
    if (table.querySelector('[data-surface*="/table_row:"]')) return table;
  }
  return container ?? root.querySelector('[role="table"], [role="grid"]');
}

/**
 * The overlay's anchor per rendered row: the name cell's box (the surface span itself is `display: contents`).
 * Read fresh each time, because the table recycles row elements for other entities as the user scrolls.
 */
function rowAnchors(root: Document): RowAnchor[] {
  const scope: ParentNode = findTable(root) ?? root;
  // Only the name-cell surfaces (one per row, plus its menu): a recycling table changes on every frame, and
  // grouping every cell of every row each time was most of the extension's work while scrolling. The row's
  // name cell is its first name surface that is not the overflow menu, as collectRows would group it.
  const out: RowAnchor[] = [];
  const seen = new Set<string>();
  const inFooter = surfacesInFooters(scope, NAME_SURFACE);
  for (const el of scope.querySelectorAll(NAME_SURFACE)) {
    const m = parseSurface(el.getAttribute('data-surface') ?? '');
    const key = m?.key;
    if (!m || !key || m.id.startsWith('-') || seen.has(m.id) || inFooter.has(el)) continue;
    const slash = key.indexOf('/');
    const top = slash === -1 ? key : key.slice(0, slash);
    if (!/^forObjectType\(name,/.test(top)) continue;
    if (slash !== -1 && key.startsWith('maiba:', slash + 1)) continue;
    seen.add(m.id);
    out.push({ entityKey: m.id, cell: el.firstElementChild ?? el });
  }
  return out;
}

function notRecognised(context: PageContext, reason: string): TableReading {
  return {
    context,
    rows: [],
    coverage: { read: 0, total: null },
    health: { status: 'not-recognised', reason },
  };
}

function read(root: Document, url: URL, options: ReadOptions): TableReading {
  const urlContext = detect(url);
  const uiLocale = root.documentElement?.getAttribute('lang') || null;
  const context: PageContext = {
    platform: 'meta',
    accountId: urlContext?.accountId ?? null,
    accountName: null,
    level: urlContext?.level ?? 'campaign',
    dateStart: urlContext?.dateStart ?? null,
    dateEnd: urlContext?.dateEnd ?? null,
    currency: null,
    currencySource: null,
    uiLocale,
  };
  if (!urlContext) {
    const section = /^\/adsmanager\/(?:manage\/)?([^/?]+)/.exec(url.pathname)?.[1];
    return notRecognised(
      context,
      HOSTS.has(url.hostname) && section
        ? `This Ads Manager page (${section}) is not a campaigns, ad sets or ads report.`
        : 'This page is not an Ads Manager campaigns, ad sets or ads report.',
    );
  }
  if (!context.dateStart) {
    const shown = readDateRangeShown(root, uiLocale);
    if (shown) [context.dateStart, context.dateEnd] = [shown.start, shown.end];
  }
  const table = findTable(root);
  context.accountName = readAccountName(root, table, context.accountId);
  // Rows are looked for in the table; if a layout puts them outside the element found, in the whole page.
  let parts = collectRows(table ?? root);
  if (parts.rows.length === 0 && table) parts = collectRows(root);
  const rowCells = parts.rows;
  const concepts = headerConcepts(parts.headers);
  const keyInfo = keyInfoReader();
  const columns = columnModel(rowCells, concepts, keyInfo);
  const reads = rowCells.map((r) => readRow(r, columns, uiLocale, keyInfo));
  // Breakdown rows are read with the entity rows' columns (the same cell keys), never as entities.
  const breakdown = daysOfBreakdowns(
    parts.breakdowns,
    rangeOf(context),
    (r) => readRow(r, columns, uiLocale, keyInfo),
    uiLocale,
  );
  const noun = LEVEL_NOUN[context.level];
  if (reads.length === 0) {
    return notRecognised(context, `No ${noun} rows are shown in the Ads Manager table yet.`);
  }
  const otherLevels = new Set(reads.flatMap((r) => [...r.levels]).filter((l) => l !== context.level));
  if (otherLevels.size > 0) {
    // During in-app navigation the address changes before the table: never file rows under the wrong level.
    const shown = [...otherLevels].map((l) => `${LEVEL_NOUN[l]}s`).join(', ');
    return notRecognised(context, `The table still shows ${shown} while the address is for ${noun}s.`);
  }

  Object.assign(
    context,
    resolveCurrency(
      [...reads.flatMap((r) => r.evidence), ...(breakdown?.evidence ?? [])],
      options.accountCurrency(context.accountId),
      context.uiLocale,
    ),
  );
  const rows = reads.map(({ row }) => withDays(row, breakdown?.days));
  const coverage = { read: rows.length, total: footerCount(root) };
  const missing: string[] = [];
  if (!context.accountId) missing.push('account id');
  if (!context.dateStart) missing.push('date range');
  if (!reads.some((r) => r.hasSpendCell)) {
    // The header names the column but no row renders its cells: scrolled out of view, not missing.
    missing.push(
      columns.shown.has('spend') ? 'amount spent column (scrolled out of view)' : 'amount spent column',
    );
  }
  // Money was read but its currency is unknown (no code, no unambiguous symbol, no account setting).
  if (!context.currency && reads.some((r) => r.evidence.length > 0)) missing.push('currency');
  const rowsNote = rowsMissingNote(coverage);
  if (rowsNote) missing.push(rowsNote);
  const health: Health = missing.length ? { status: 'partial', missing } : { status: 'recognised' };
  return { context, rows, coverage, health };
}

export const metaAdapter: PlatformAdapter = {
  id: 'meta',
  label: 'Meta Ads Manager',
  matches: [
    'https://adsmanager.facebook.com/adsmanager/manage/*',
    'https://business.facebook.com/adsmanager/manage/*',
    'https://www.facebook.com/adsmanager/manage/*',
  ],
  views: [
    { level: 'campaign', name: 'campaigns' },
    { level: 'adset', name: 'ad sets' },
    { level: 'ad', name: 'ads' },
  ],
  languages: ['en', 'vi', 'uk'],
  checkedAgainst: 'real pages',
  detect,
  findTable,
  read,
  rowAnchors,
};
