import { compactChip, type RowChips, type RowRisk } from './chips';
import { CHIP_CSS } from './chip-styles';

/**
 * The chips of one row as plain DOM in a shadow root: no framework, one host element per row, every string
 * set with `textContent` (page text is only ever text). Thousands of rows stay cheap: one shared stylesheet,
 * a handful of spans per chip, and a row is only rebuilt when its chips' text changed.
 *
 * A host shows its row in one of two fits (the chip layer measures which one the cell can take):
 * - `inline`: every chip beside the name, taking room inside the cell (the default look);
 * - `overlay`: the host takes no room at all (an empty inline box, or out of flow in a flex or grid cell)
 *   and one compact chip (the worst status) is laid over the cell's bottom end corner; the tooltip and the
 *   screen-reader description carry every chip;
 * - `float`: the host is not in the cell at all but fixed over it (cells that clip what is put into them, or
 *   tables moved by transform); the chip layer places it every frame the cell moves.
 */

export const OVERLAY_ATTR = 'data-kpi-lens';
export const CHIP_HOST_TAG = 'kpi-lens-chips';
export const ENTITY_ATTR = 'data-entity-key';
/** `inline` or `overlay` (see above); absent while the host is being created. */
export const FIT_ATTR = 'data-fit';
/** Set on an overlay host in a flex or grid cell: out of flow, so it is not a flex or grid item. */
export const OUT_OF_FLOW_ATTR = 'data-out-of-flow';
/** Set once an overlay host's compact chip has been put in place (hidden until then). */
export const PLACED_ATTR = 'data-placed';
/** Set on an overlay host that shows its full chips on a line of their own under the name. */
export const BELOW_ATTR = 'data-below';

export type Fit = 'inline' | 'overlay' | 'float';

/** One constructed stylesheet per document, shared by every chip host (null where unsupported). */
const sheets = new WeakMap<Document, CSSStyleSheet | null>();

function sharedSheet(doc: Document): CSSStyleSheet | null {
  if (sheets.has(doc)) return sheets.get(doc)!;
  let sheet: CSSStyleSheet | null = null;
  try {
    const Sheet = doc.defaultView?.CSSStyleSheet ?? CSSStyleSheet;
    sheet = new Sheet();
    sheet.replaceSync(CHIP_CSS);
  } catch {
    sheet = null;
  }
  sheets.set(doc, sheet);
  return sheet;
}

/** Gives a shadow root the chip styles: the shared sheet, or a `<style>` where sheets cannot be adopted. */
export function adoptStyles(root: ShadowRoot, css: string, sheet: CSSStyleSheet | null): void {
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Firefox content scripts cannot adopt a sheet built in their own compartment: fall through.
    }
  }
  const style = root.ownerDocument.createElement('style');
  style.textContent = css;
  root.append(style);
}

export function isChipHost(node: Node): node is HTMLElement {
  return node.nodeType === 1 && (node as Element).localName === CHIP_HOST_TAG;
}

export function createChipHost(doc: Document, entityKey: string, fit: Fit = 'overlay'): HTMLElement {
  const host = doc.createElement(CHIP_HOST_TAG);
  host.setAttribute(OVERLAY_ATTR, 'chips');
  host.setAttribute(ENTITY_ATTR, entityKey);
  host.setAttribute(FIT_ATTR, fit);
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, CHIP_CSS, sharedSheet(doc));
  return host;
}

function span(doc: Document, className: string, text: string): HTMLSpanElement {
  const el = doc.createElement('span');
  el.className = className;
  el.textContent = text;
  return el;
}

/** Switches a host between its two fits; an overlay host's compact chip is hidden until it is placed. */
export function setFit(host: HTMLElement, fit: Fit, outOfFlow = false): void {
  // Unchanged attributes are not set again: every change restyles the host.
  if (host.getAttribute(FIT_ATTR) !== fit) host.setAttribute(FIT_ATTR, fit);
  const out = fit === 'overlay' && outOfFlow;
  if (host.hasAttribute(OUT_OF_FLOW_ATTR) !== out) host.toggleAttribute(OUT_OF_FLOW_ATTR, out);
  if (fit === 'inline' && host.hasAttribute(PLACED_ATTR)) host.removeAttribute(PLACED_ATTR);
}

/** The compact chip (what an overlay host shows), for measuring and placing. */
export function compactElement(host: HTMLElement): HTMLElement | null {
  return host.shadowRoot?.querySelector<HTMLElement>('.sum') ?? null;
}

/** The full chips (what an inline host shows), for measuring. */
export function chipElements(host: HTMLElement): HTMLElement[] {
  return [...(host.shadowRoot?.querySelectorAll<HTMLElement>('.chip') ?? [])];
}

/** The group of chips (what an overlay host shows under the name), for measuring and placing. */
export function chipGroup(host: HTMLElement): HTMLElement | null {
  return host.shadowRoot?.querySelector<HTMLElement>('.chips') ?? null;
}

/** Switches an overlay host between its compact chip and its full chips under the name (hidden until placed). */
export function setBelow(host: HTMLElement, below: boolean): void {
  if (host.hasAttribute(BELOW_ATTR) === below) return;
  host.toggleAttribute(BELOW_ATTR, below);
  host.removeAttribute(PLACED_ATTR);
  const group = chipGroup(host);
  if (group && !below) {
    group.style.removeProperty('left');
    group.style.removeProperty('top');
  }
}

/** Puts an overlay host's chips, under the name, at (left, top) px from the host's own (empty) box. */
export function placeBelow(host: HTMLElement, left: number, top: number): void {
  const group = chipGroup(host);
  if (!group) return;
  group.style.left = `${Math.round(left)}px`;
  group.style.top = `${Math.round(top)}px`;
  host.setAttribute(PLACED_ATTR, '');
}

/** Puts an overlay host's compact chip at (left, top) px from the host's own (empty) box. */
export function placeCompact(host: HTMLElement, left: number, top: number): void {
  const sum = compactElement(host);
  if (!sum) return;
  sum.style.left = `${Math.round(left)}px`;
  sum.style.top = `${Math.round(top)}px`;
  host.setAttribute(PLACED_ATTR, '');
}

/** Replaces the host's chips with `row`'s (keeps the adopted or fallback styles). */
export function renderChips(host: HTMLElement, row: RowChips, groupLabel: string): void {
  const root = host.shadowRoot;
  if (!root) return;
  const doc = host.ownerDocument;
  host.setAttribute(ENTITY_ATTR, row.entityKey);
  const group = doc.createElement('span');
  group.className = 'chips';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', groupLabel);
  for (const chip of row.chips) {
    const el = doc.createElement('span');
    el.className = 'chip';
    el.tabIndex = 0;
    // Clicking it (or Enter) opens its target editor (components/overlay/target-editor.ts).
    el.setAttribute('role', 'button');
    el.setAttribute('aria-haspopup', 'dialog');
    el.dataset.kpi = chip.kpi;
    el.dataset.status = chip.status;
    // Read by the page-wide tooltip on hover and focus, and by screen readers as the description.
    el.dataset.tip = chip.explanation;
    el.setAttribute('aria-description', chip.explanation);
    const symbol = span(doc, 'y', chip.symbol);
    symbol.setAttribute('aria-hidden', 'true');
    el.append(
      span(doc, 'k', chip.label),
      span(doc, 'v', chip.value),
      symbol,
      span(doc, 's', chip.statusText),
    );
    group.append(el);
  }
  if (row.risk) group.prepend(riskFlag(doc, row.risk));
  const compact = compactChip(row.chips);
  if (compact) {
    const sum = doc.createElement('span');
    sum.className = 'sum';
    sum.tabIndex = 0;
    sum.dataset.editKpi = row.chips[0]!.kpi; // the compact chip opens the editor on the row's first KPI
    sum.setAttribute('role', 'button');
    sum.setAttribute('aria-haspopup', 'dialog');
    sum.dataset.status = compact.status;
    sum.dataset.tip = row.risk ? `${row.risk.tip}\n${compact.tip}` : compact.tip;
    sum.setAttribute(
      'aria-description',
      row.risk ? `${row.risk.label}; ${compact.description}` : compact.description,
    );
    // The compact chip stands for the flags too: a dot on it says there is one (the tip says which).
    if (row.risk) sum.dataset.flagged = '';
    // Laid over the page's text, so as small as it can be: the status symbol; its words are read out.
    const symbol = span(doc, 'y', compact.symbol);
    symbol.setAttribute('aria-hidden', 'true');
    sum.append(symbol, span(doc, 'vh', `${compact.label} ${compact.statusText}`));
    group.append(sum);
  }
  host.removeAttribute(PLACED_ATTR);
  const old = root.querySelector('.chips');
  if (old) old.replaceWith(group);
  else root.append(group);
}

/** A row's risk flags as one chip before its KPI chips: a flag symbol, its names read out, the numbers as its tip. */
function riskFlag(doc: Document, risk: RowRisk): HTMLElement {
  const el = doc.createElement('span');
  el.className = 'chip flag';
  el.tabIndex = 0;
  el.dataset.status = 'flag';
  el.dataset.tip = risk.tip;
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', risk.label);
  el.setAttribute('aria-description', risk.tip);
  el.textContent = '\u2691';
  return el;
}

/** Every overlay node in the document (e.g. left behind by an earlier copy of the content script). */
export function removeOverlayNodes(doc: Document): number {
  const nodes = doc.querySelectorAll(`[${OVERLAY_ATTR}]`);
  nodes.forEach((n) => n.remove());
  return nodes.length;
}
