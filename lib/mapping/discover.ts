import { OVERLAY_ATTR } from '../overlay/chip-dom';
import { parseDisplayedNumber } from '../read/number';

/**
 * Finding the tables of a page KPI Lens has no adapter for, so the user can pick one and map its columns:
 * `<table>`s, ARIA grids (`grid`, `treegrid`, `table`), lists of `role="row"` elements, and div grids (rows of
 * the same number of cells under a header row), in the document and inside every open shadow root. Pure: reads
 * the DOM and changes nothing. A table is found only with a header row of two or more distinct texts and at
 * least one body row that lines up with it; rows that do not line up are counted, never read against shifted
 * columns.
 */
export type TableKind = 'table' | 'grid' | 'rows' | 'div-grid';

export interface FoundTable {
  kind: TableKind;
  /** The element to highlight and observe. */
  element: Element;
  headers: string[];
  /** Body rows whose cells line up with the headers, cell by cell. */
  rows: Element[][];
  /** The row elements of `rows`, in the same order. */
  rowElements: Element[];
  /** Body rows left out because their cells did not line up with the headers. */
  notLinedUp: number;
}

const GRID = '[role="grid"], [role="treegrid"], [role="table"]';
const CELL_ROLES = '[role="columnheader"], [role="gridcell"], [role="cell"], [role="rowheader"]';
const OVERLAY = `[${OVERLAY_ATTR}]`;

/** Visible text of a cell: collapsed whitespace, nothing hidden from everyone, none of KPI Lens's own chips. */
export function visibleText(el: Element): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === 3) text += node.nodeValue ?? '';
    if (node.nodeType !== 1) return;
    const element = node as Element;
    if (element.getAttribute('aria-hidden') === 'true' || element.matches(OVERLAY)) return;
    if (element.tagName === 'SCRIPT' || element.tagName === 'STYLE') return;
    for (const child of element.childNodes) walk(child);
  };
  walk(el);
  return text.replace(/\s+/g, ' ').trim();
}

/** The document and every open shadow root inside it (and inside those), in document order. */
export function rootsOf(doc: Document | ShadowRoot): (Document | ShadowRoot)[] {
  const out: (Document | ShadowRoot)[] = [doc];
  for (const el of doc.querySelectorAll('*')) {
    if (el.shadowRoot && !el.matches(OVERLAY)) out.push(...rootsOf(el.shadowRoot));
  }
  return out;
}

const isNumberText = (text: string) => parseDisplayedNumber(text) !== null;

/** A header row: every cell has a text, none is a number, no two are the same. */
function looksLikeHeader(texts: readonly string[]): boolean {
  return (
    texts.length >= 2 &&
    texts.every((t) => t !== '' && !isNumberText(t)) &&
    new Set(texts).size === texts.length
  );
}

function assemble(
  kind: TableKind,
  element: Element,
  headerCells: readonly Element[],
  bodyRows: readonly { row: Element; cells: Element[] }[],
): FoundTable | null {
  const headers = headerCells.map(visibleText);
  if (!looksLikeHeader(headers)) return null;
  const rows: Element[][] = [];
  const rowElements: Element[] = [];
  let notLinedUp = 0;
  for (const { row, cells } of bodyRows) {
    if (cells.length === 0) continue;
    if (cells.length !== headers.length) {
      notLinedUp++;
      continue;
    }
    rows.push(cells);
    rowElements.push(row);
  }
  return rows.length > 0 ? { kind, element, headers, rows, rowElements, notLinedUp } : null;
}

function fromHtmlTable(table: HTMLTableElement): FoundTable | null {
  const rows = [...table.rows].filter((r) => r.closest('table') === table);
  const inHead = rows.find((r) => r.parentElement?.tagName === 'THEAD');
  const withTh = rows.find((r) => [...r.cells].every((c) => c.tagName === 'TH') && r.cells.length > 1);
  const header = inHead ?? withTh ?? rows[0];
  if (!header) return null;
  const body = rows
    .filter(
      (r) => r !== header && r.parentElement?.tagName !== 'THEAD' && r.parentElement?.tagName !== 'TFOOT',
    )
    .map((row) => ({ row, cells: [...row.cells] as Element[] }));
  return assemble('table', table, [...header.cells], body);
}

/** The cells of an ARIA row: cell-role descendants of this row (not of a nested one), else its element children. */
function ariaCells(row: Element): Element[] {
  const byRole = [...row.querySelectorAll(CELL_ROLES)].filter((c) => c.closest('[role="row"]') === row);
  return byRole.length > 0 ? byRole : [...row.children].filter((c) => !c.matches(OVERLAY));
}

function fromAriaRows(kind: TableKind, element: Element, rows: readonly Element[]): FoundTable | null {
  const header =
    rows.find((r) => ariaCells(r).some((c) => c.getAttribute('role') === 'columnheader')) ?? rows[0];
  if (!header) return null;
  const body = rows.filter((r) => r !== header).map((row) => ({ row, cells: ariaCells(row) }));
  return assemble(kind, element, ariaCells(header), body);
}

function fromAriaGrid(grid: Element): FoundTable | null {
  const rows = [...grid.querySelectorAll('[role="row"]')].filter((r) => r.closest(GRID) === grid);
  return fromAriaRows('grid', grid, rows);
}

/** `role="row"` elements outside any grid or table, grouped by their list (a `rowgroup` counts as its parent). */
function rowLists(root: Document | ShadowRoot): FoundTable[] {
  const groups = new Map<Element, Element[]>();
  for (const row of root.querySelectorAll('[role="row"]')) {
    if (row.closest(`${GRID}, table`)) continue;
    let list = row.parentElement;
    if (list?.getAttribute('role') === 'rowgroup') list = list.parentElement;
    if (!list) continue;
    groups.set(list, [...(groups.get(list) ?? []), row]);
  }
  return [...groups].flatMap(([list, rows]) => fromAriaRows('rows', list, rows) ?? []);
}

const elementChildren = (el: Element) => [...el.children].filter((c) => !c.matches(OVERLAY));

/** A group of sibling rows: two or more children of one tag, each with the same number (≥ 2) of element children. */
function rowGroupWidth(el: Element): number {
  const rows = elementChildren(el);
  if (rows.length < 2 || rows.some((r) => r.tagName !== rows[0]!.tagName)) return 0;
  const width = elementChildren(rows[0]!).length;
  return width >= 2 && rows.every((r) => elementChildren(r).length === width) ? width : 0;
}

function fromDivGroup(group: Element, width: number): FoundTable | null {
  const rows = elementChildren(group);
  const hasNumbers = (rs: Element[]) =>
    rs.some((r) => elementChildren(r).some((c) => isNumberText(visibleText(c))));
  const first = rows[0]!;
  // The header row is the group's first row, or a sibling just before the group (a head / body pair).
  const before = group.previousElementSibling;
  const headerRow = looksLikeHeader(elementChildren(first).map(visibleText))
    ? first
    : before && elementChildren(before).length === width
      ? before
      : null;
  if (!headerRow) return null;
  const body = rows.filter((r) => r !== headerRow);
  if (!hasNumbers(body)) return null;
  const element = headerRow === before ? group.parentElement! : group;
  return assemble(
    'div-grid',
    element,
    elementChildren(headerRow),
    body.map((row) => ({ row, cells: elementChildren(row) })),
  );
}

function divGrids(root: Document | ShadowRoot, before: readonly FoundTable[]): FoundTable[] {
  const out: FoundTable[] = [];
  for (const el of root.querySelectorAll('div, ul, ol, section')) {
    if (el.closest(`${GRID}, table, [role="row"], ${OVERLAY}`)) continue;
    if ([...before, ...out].some((t) => t.element.contains(el))) continue;
    const width = rowGroupWidth(el);
    const grid = width ? fromDivGroup(el, width) : null;
    if (grid) out.push(grid);
  }
  return out;
}

/** Every table of the page that can be mapped, in document order of the kinds above. */
export function findTables(doc: Document | ShadowRoot): FoundTable[] {
  const out: FoundTable[] = [];
  for (const root of rootsOf(doc)) {
    for (const table of root.querySelectorAll('table')) {
      if (table.closest(OVERLAY)) continue;
      const found = fromHtmlTable(table as HTMLTableElement);
      if (found) out.push(found);
    }
    for (const grid of root.querySelectorAll(GRID)) {
      if (grid.tagName === 'TABLE' || grid.closest(OVERLAY)) continue;
      const found = fromAriaGrid(grid);
      if (found) out.push(found);
    }
    out.push(...rowLists(root));
    out.push(...divGrids(root, out));
  }
  return out;
}
