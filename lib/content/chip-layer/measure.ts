import { chipElements, chipGroup, compactElement, BELOW_ATTR } from '../../overlay/chip-dom';
import { belowOffset, compactOffset, type Box } from '../../overlay/fit';
import { shownName, type ShownName } from '../name-room';

/**
 * The layout reads of the chip layer's placing step: what a cell and its host's chips measure. Reads only,
 * never a write: `placement.ts` calls them in one batch per frame, between its batches of writes.
 */

export interface Size {
  width: number;
  height: number;
}

export const boxOf = (rect: DOMRect): Box => ({
  left: rect.left,
  top: rect.top,
  right: rect.right,
  bottom: rect.bottom,
});

export const sizeOf = (box: Box): Size => ({ width: box.right - box.left, height: box.bottom - box.top });

export const sameSize = (a: Size | undefined, b: Size) =>
  a !== undefined && Math.abs(a.width - b.width) < 0.5 && Math.abs(a.height - b.height) < 0.5;

/** A cell's box of the size it was found to have without chips, where it is now. */
export function boxAt(now: Box, size: Size): Box {
  return { left: now.left, top: now.top, right: now.left + size.width, bottom: now.top + size.height };
}

function styleOf(el: Element): CSSStyleDeclaration {
  return (el.ownerDocument.defaultView ?? window).getComputedStyle(el);
}

/** The cell's padding box (what it shows: overflow is clipped there) and content box. */
function cellBoxes(cell: Element, style: CSSStyleDeclaration): { padding: Box; content: Box } {
  const rect = cell.getBoundingClientRect();
  const left = rect.left + cell.clientLeft;
  const top = rect.top + cell.clientTop;
  // A cell without a layout box of its own (display: contents) has no client size: use its rectangle.
  const width = cell.clientWidth || rect.width;
  const height = cell.clientHeight || rect.height;
  const padding = { left, top, right: left + width, bottom: top + height };
  const px = (v: string) => Number.parseFloat(v) || 0;
  const content = {
    left: padding.left + px(style.paddingLeft),
    top: padding.top + px(style.paddingTop),
    right: padding.right - px(style.paddingRight),
    bottom: padding.bottom - px(style.paddingBottom),
  };
  return { padding, content };
}

/** A cell measured with its host's chips beside the name. */
export interface InlineTry {
  withChips: Box;
  /** What the cell shows (its padding box). */
  visible: Box;
  chips: Box[];
  name: ShownName | null;
  /** A flex or grid cell: its overlay host must be out of flow (not a flex item). */
  outOfFlow: boolean;
}

/** `knownName`: the cell's name as found when it was probed. */
export function readInlineTry(host: HTMLElement, cell: Element, knownName?: Text): InlineTry {
  const style = styleOf(cell);
  return {
    withChips: boxOf(cell.getBoundingClientRect()),
    visible: cellBoxes(cell, style).padding,
    chips: chipElements(host).map((c) => boxOf(c.getBoundingClientRect())),
    name: shownName(cell, knownName),
    outOfFlow: /flex|grid/.test(style.display),
  };
}

/** Where an overlay host's chips go, as an offset from the host's own box; null: no room under the name. */
export interface Spot {
  below: boolean;
  at: { left: number; top: number } | null;
}

/** The chips under the name when the host is set so (`BELOW_ATTR`), else the compact chip in the corner. */
export function readSpot(host: HTMLElement, cell: Element, knownName?: Text): Spot {
  const style = styleOf(cell);
  const { padding, content } = cellBoxes(cell, style);
  const rtl = style.direction === 'rtl';
  if (host.hasAttribute(BELOW_ATTR)) {
    const group = chipGroup(host);
    const name = shownName(cell, knownName);
    const size = { width: group?.offsetWidth ?? 0, height: group?.offsetHeight ?? 0 };
    const at = name
      ? belowOffset(host.getBoundingClientRect(), content, padding, size, name.bottom, rtl)
      : null;
    return { below: true, at };
  }
  const sum = compactElement(host);
  const at = compactOffset(
    host.getBoundingClientRect(),
    content,
    padding,
    { width: sum?.offsetWidth ?? 0, height: sum?.offsetHeight ?? 0 },
    rtl,
  );
  return { below: false, at };
}
