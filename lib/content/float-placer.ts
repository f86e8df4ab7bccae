import { chipElements, compactElement, PLACED_ATTR } from '../overlay/chip-dom';
import { clipBox, floatSpot, type Box, type FloatSpot } from '../overlay/fit';

/**
 * Places floating chip hosts (`RowAnchor.float`) over their anchor cells. TikTok's 2026 virtual table clips
 * whatever is put into its cells and scrolls by `transform`, so no window scroll event fires and a chip
 * inside the cell would be cut off: the host sits fixed outside the table (chip-dom's `float` fit) and is
 * moved to its cell's box (`getBoundingClientRect`) — in batches, all reads then all writes, once per frame
 * while anything moves. The loop parks after `IDLE_FRAMES` frames without movement and wakes on the events
 * that start a scroll (scroll, wheel, touch, keys, pointer, resize) and on changes in the table, its open
 * shadow root included (where the virtual table sets its transform).
 *
 * Never on the wrong row: a chip is shown only wholly inside the part of its cell that is seen (the cell
 * clipped by the viewport and by every ancestor that clips, across shadow roots and slots), and a host
 * whose cell a mutation touched is hidden at once, in the mutation's own microtask, until it is placed
 * again (a recycled cell may stand for another row by the next frame).
 */

export interface FloatPlacer {
  /** Follows `cell` with `host` (already in the document, hidden until placed). */
  track(host: HTMLElement, cell: Element): void;
  untrack(host: HTMLElement): void;
  /** The host's chips were re-rendered: measured again, hidden until placed. */
  invalidate(host: HTMLElement): void;
  /**
   * Hides the hosts whose cells these records touched, and holds them hidden until the chip layer has
   * matched their cells to rows again (`place`): until then a cell may stand for another row.
   */
  hideTouched(records: readonly MutationRecord[]): void;
  /** Observes the table's open shadow root for movement (the light DOM is the chip layer's). */
  watch(table: Element | null): void;
  /**
   * Releases the held hosts and measures and moves every tracked host now: the chip layer calls it at the
   * end of its frame, once every host has been checked against the anchors just read.
   */
  place(): void;
  readonly size: number;
  destroy(): void;
}

export interface FloatPlacerOptions {
  doc: Document;
  requestFrame: (callback: () => void) => number;
  cancelFrame: (handle: number) => void;
}

/** Frames without movement before the loop parks (the AOX extension parks after 45). */
const IDLE_FRAMES = 45;
/** Events after which the table may move without a DOM change the layer would see. */
const WAKE_EVENTS = ['scroll', 'wheel', 'touchmove', 'keydown', 'pointerdown'] as const;
/** Overflow values that clip what sticks out. */
const CLIPPING = /^(hidden|clip|auto|scroll|overlay)$/;
/** How far up from a mutated node a tracked cell is looked for. */
const TOUCH_DEPTH = 8;

interface Tracked {
  cell: Element;
  /** Chips' sizes as rendered (null: not measured since the last render). */
  sizes: { chips: { width: number; height: number }; compact: { width: number; height: number } } | null;
  rtl: boolean | null;
  spot: FloatSpot | null;
  /** Hidden since its cell changed, until the chip layer has checked it again. */
  held: boolean;
}

function boxOf(rect: DOMRect): Box {
  return { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
}

/** The next element up in the flat tree (what the page renders): a slotted node's slot, a shadow root's host. */
function flatParent(el: Element): Element | null {
  if (el.assignedSlot) return el.assignedSlot;
  if (el.parentElement) return el.parentElement;
  const parent = el.parentNode;
  return parent && parent.nodeType === 11 ? ((parent as ShadowRoot).host ?? null) : null;
}

function sameSpot(a: FloatSpot | null, b: FloatSpot | null): boolean {
  if (a === null || b === null) return a === b;
  return a.mode === b.mode && Math.abs(a.left - b.left) < 0.5 && Math.abs(a.top - b.top) < 0.5;
}

function measureSizes(host: HTMLElement): NonNullable<Tracked['sizes']> {
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

// eslint-disable-next-line max-lines-per-function -- temporary: a closure factory sharing the placer's state; to be split with the chip layer (#16.3)
export function createFloatPlacer(options: FloatPlacerOptions): FloatPlacer {
  const { doc } = options;
  const view = doc.defaultView ?? window;
  const tracked = new Map<HTMLElement, Tracked>();
  const hostOfCell = new WeakMap<Element, HTMLElement>();
  /** Whether an element clips its content (overflow other than visible, or paint containment). */
  const clipsCache = new WeakMap<Element, boolean>();
  let range: Range | null = null;
  let frame: number | null = null;
  let idle = 0;
  let listening = false;
  let shadowObserved: ShadowRoot | null = null;
  const shadowObserver = new MutationObserver(() => wake());

  function wake(): void {
    idle = 0;
    if (frame !== null || tracked.size === 0) return;
    frame = options.requestFrame(tick);
  }

  function tick(): void {
    frame = null;
    const moved = placeAll();
    idle = moved ? 0 : idle + 1;
    if (idle < IDLE_FRAMES && tracked.size > 0) frame = options.requestFrame(tick);
  }

  function listen(on: boolean): void {
    if (listening === on) return;
    listening = on;
    const method = on ? 'addEventListener' : 'removeEventListener';
    for (const type of WAKE_EVENTS) doc[method](type, wake, { capture: true, passive: true });
    view[method]('resize', wake, { passive: true });
  }

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

  /** The part of the cell that is seen: clipped by the viewport and every clipping ancestor. */
  function visibleBox(cell: Element, rect: Box, rects: Map<Element, Box>): Box | null {
    const boxes: Box[] = [{ left: 0, top: 0, right: view.innerWidth, bottom: view.innerHeight }];
    for (let el = flatParent(cell); el && el !== doc.documentElement; el = flatParent(el)) {
      if (!clips(el)) continue;
      let box = rects.get(el);
      if (!box) rects.set(el, (box = boxOf(el.getBoundingClientRect())));
      boxes.push(box);
    }
    return clipBox(rect, boxes);
  }

  /** Where the cell's text ends (its start in RTL): the chips go beside it. */
  function contentEdge(cell: Element, rect: Box, rtl: boolean): number {
    range ??= doc.createRange();
    range.selectNodeContents(cell);
    // Environments without Range geometry (jsdom) get the cell's start: the compact chip, or chips at the start.
    const content = typeof range.getBoundingClientRect === 'function' ? range.getBoundingClientRect() : null;
    if (!content || (content.width === 0 && content.height === 0)) return rtl ? rect.right : rect.left;
    return rtl ? content.left : content.right;
  }

  /** One batch of reads, then one of writes. Returns whether any host moved, appeared or went. */
  function placeAll(): boolean {
    if (tracked.size === 0) return false;
    const rects = new Map<Element, Box>();
    let origin: Box | null = null;
    const next: [HTMLElement, Tracked, FloatSpot | null][] = [];
    for (const [host, t] of tracked) {
      if (t.held || !t.cell.isConnected || !host.isConnected) {
        next.push([host, t, null]);
        continue;
      }
      // The fixed origin, read off one host: a transformed page ancestor may move it from (0, 0).
      origin ??= boxOf(host.getBoundingClientRect());
      t.sizes ??= measureSizes(host);
      t.rtl ??= view.getComputedStyle(t.cell).direction === 'rtl';
      const rect = boxOf(t.cell.getBoundingClientRect());
      const visible = visibleBox(t.cell, rect, rects);
      const edge = visible ? contentEdge(t.cell, rect, t.rtl) : 0;
      next.push([host, t, floatSpot(rect, visible, edge, t.sizes.chips, t.sizes.compact, t.rtl)]);
    }
    let moved = false;
    for (const [host, t, spot] of next) {
      const placed = host.hasAttribute(PLACED_ATTR);
      if (sameSpot(spot, t.spot) && placed === (spot !== null)) continue;
      moved = true;
      t.spot = spot;
      write(host, spot, origin);
    }
    return moved;
  }

  function write(host: HTMLElement, spot: FloatSpot | null, origin: Box | null): void {
    if (!spot) {
      if (host.hasAttribute(PLACED_ATTR)) host.removeAttribute(PLACED_ATTR);
      return;
    }
    if (host.getAttribute('data-float') !== spot.mode) host.setAttribute('data-float', spot.mode);
    const group = host.shadowRoot?.querySelector<HTMLElement>('.chips');
    if (!group) return;
    const x = Math.round(spot.left - (origin?.left ?? 0));
    const y = Math.round(spot.top - (origin?.top ?? 0));
    group.style.transform = `translate(${x}px, ${y}px)`;
    if (!host.hasAttribute(PLACED_ATTR)) host.setAttribute(PLACED_ATTR, '');
  }

  function hide(host: HTMLElement): void {
    const t = tracked.get(host);
    if (t) t.spot = null;
    if (host.hasAttribute(PLACED_ATTR)) host.removeAttribute(PLACED_ATTR);
  }

  function hold(host: HTMLElement, t: Tracked): void {
    t.held = true;
    hide(host);
  }

  /** The tracked cell a changed node is in (the slot renamed on the cell, text inside it), held. */
  function holdCellOf(target: Node): boolean {
    for (let node: Node | null = target, depth = 0; node && depth < TOUCH_DEPTH; depth++) {
      const host = node.nodeType === 1 ? hostOfCell.get(node as Element) : undefined;
      const t = host && tracked.get(host);
      if (host && t) {
        hold(host, t);
        return true;
      }
      node = node.parentNode;
    }
    return false;
  }

  /** A change above the cells (a row's key attribute, rows moved): every tracked cell under it, held. */
  function holdCellsUnder(record: MutationRecord): void {
    if (record.type === 'characterData' || record.target.nodeType !== 1) return;
    for (const [host, t] of tracked) if (!t.held && record.target.contains(t.cell)) hold(host, t);
  }

  return {
    track(host, cell) {
      tracked.set(host, { cell, sizes: null, rtl: null, spot: null, held: false });
      hostOfCell.set(cell, host);
      listen(true);
      wake();
    },
    untrack(host) {
      const t = tracked.get(host);
      if (t && hostOfCell.get(t.cell) === host) hostOfCell.delete(t.cell);
      tracked.delete(host);
      if (tracked.size === 0) listen(false);
    },
    invalidate(host) {
      const t = tracked.get(host);
      if (!t) return;
      t.sizes = null;
      hide(host);
      wake();
    },
    hideTouched(records) {
      if (tracked.size === 0) return;
      for (const record of records) if (!holdCellOf(record.target)) holdCellsUnder(record);
      wake();
    },
    watch(table) {
      const root = table?.shadowRoot ?? null;
      if (root === shadowObserved) return;
      shadowObserver.disconnect();
      shadowObserved = root;
      if (root) shadowObserver.observe(root, { subtree: true, childList: true, attributes: true });
    },
    place() {
      for (const t of tracked.values()) t.held = false;
      placeAll();
      wake();
    },
    get size() {
      return tracked.size;
    },
    destroy() {
      if (frame !== null) options.cancelFrame(frame);
      frame = null;
      shadowObserver.disconnect();
      listen(false);
      tracked.clear();
    },
  };
}
