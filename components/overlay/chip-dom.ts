import type { RowChips } from '@/lib/overlay/chips';
import { CHIP_CSS } from './chip-styles';

/**
 * The chips of one row as plain DOM in a shadow root: no framework, one host element per row, every string
 * set with `textContent` (page text is only ever text). Thousands of rows stay cheap: one shared stylesheet,
 * a handful of spans per chip, and a row is only rebuilt when its chips' text changed.
 */

export const OVERLAY_ATTR = 'data-kpi-lens';
export const CHIP_HOST_TAG = 'kpi-lens-chips';
export const ENTITY_ATTR = 'data-entity-key';

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

export function createChipHost(doc: Document, entityKey: string): HTMLElement {
  const host = doc.createElement(CHIP_HOST_TAG);
  host.setAttribute(OVERLAY_ATTR, 'chips');
  host.setAttribute(ENTITY_ATTR, entityKey);
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
  const old = root.querySelector('.chips');
  if (old) old.replaceWith(group);
  else root.append(group);
}

/** Every overlay node in the document (e.g. left behind by an earlier copy of the content script). */
export function removeOverlayNodes(doc: Document): number {
  const nodes = doc.querySelectorAll(`[${OVERLAY_ATTR}]`);
  nodes.forEach((n) => n.remove());
  return nodes.length;
}
