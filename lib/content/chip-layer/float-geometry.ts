import { chipElements, compactElement } from '../../overlay/chip-dom';
import { clipBox, type Box, type FloatSpot } from '../../overlay/fit';
import { boxOf, type Size } from './measure';

/**
 * The layout reads of the float placer: what of a cell is seen, where its text ends, and how big a floating
 * host's chips are. Reads only: the placer calls them in its batch of reads, before its batch of writes.
 */

/** Overflow values that clip what sticks out. */
const CLIPPING = /^(hidden|clip|auto|scroll|overlay)$/;

/** The chips' sizes as rendered: all of them beside the name, and the one compact chip. */
export interface ChipSizes {
  chips: Size;
  compact: Size;
}

/** The next element up in the flat tree (what the page renders): a slotted node's slot, a shadow root's host. */
function flatParent(el: Element): Element | null {
  if (el.assignedSlot) return el.assignedSlot;
  if (el.parentElement) return el.parentElement;
  const parent = el.parentNode;
  return parent && parent.nodeType === 11 ? ((parent as ShadowRoot).host ?? null) : null;
}

export function sameSpot(a: FloatSpot | null, b: FloatSpot | null): boolean {
  if (a === null || b === null) return a === b;
  return a.mode === b.mode && Math.abs(a.left - b.left) < 0.5 && Math.abs(a.top - b.top) < 0.5;
}

export function measureSizes(host: HTMLElement): ChipSizes {
  const chips = chipElements(host).map((c) => c.getBoundingClientRect());
  const left = Math.min(...chips.map((r) => r.left));
  const right = Math.max(...chips.map((r) => r.right));
  const height = Math.max(0, ...chips.map((r) => r.height));
  const sum = compactElement(host);
  return {
    chips: { width: chips.length > 0 ? right - left : 0, height },
    compact: { width: sum?.offsetWidth || 16, height: sum?.offsetHeight || 16 },
  };
}

export interface FloatReader {
  /** The part of the cell that is seen: clipped by the viewport and every clipping ancestor. */
  visibleBox(cell: Element, rect: Box, rects: Map<Element, Box>): Box | null;
  /** Where the cell's text ends (its start in RTL): the chips go beside it. */
  contentEdge(cell: Element, rect: Box, rtl: boolean): number;
  /** Whether the cell is laid out right to left. */
  isRtl(cell: Element): boolean;
}

/** Reads for one placer; whether an element clips is asked once per element (it does not change). */
export function createFloatReader(doc: Document): FloatReader {
  const view = doc.defaultView ?? window;
  /** Whether an element clips its content (overflow other than visible, or paint containment). */
  const clipsCache = new WeakMap<Element, boolean>();
  let range: Range | null = null;

  function clips(el: Element): boolean {
    let verdict = clipsCache.get(el);
    if (verdict === undefined) {
      const style = view.getComputedStyle(el);
      verdict =
        style.display !== 'contents' &&
        (CLIPPING.test(style.overflowX) ||
          CLIPPING.test(style.overflowY) ||
          /paint|strict|content/.test(style.contain));
      clipsCache.set(el, verdict);
    }
    return verdict;
  }

  return {
    visibleBox(cell, rect, rects) {
      const boxes: Box[] = [{ left: 0, top: 0, right: view.innerWidth, bottom: view.innerHeight }];
      for (let el = flatParent(cell); el && el !== doc.documentElement; el = flatParent(el)) {
        if (!clips(el)) continue;
        let box = rects.get(el);
        if (!box) rects.set(el, (box = boxOf(el.getBoundingClientRect())));
        boxes.push(box);
      }
      return clipBox(rect, boxes);
    },
    contentEdge(cell, rect, rtl) {
      range ??= doc.createRange();
      range.selectNodeContents(cell);
      // Environments without Range geometry (jsdom) get the cell's start: the compact chip, or chips at the start.
      const content =
        typeof range.getBoundingClientRect === 'function' ? range.getBoundingClientRect() : null;
      if (!content || (content.width === 0 && content.height === 0)) return rtl ? rect.right : rect.left;
      return rtl ? content.left : content.right;
    },
    isRtl: (cell) => view.getComputedStyle(cell).direction === 'rtl',
  };
}
