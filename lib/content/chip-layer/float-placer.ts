import { PLACED_ATTR } from '../../overlay/chip-dom';
import { floatSpot, type Box, type FloatSpot } from '../../overlay/fit';
import {
  createFloatReader,
  measureSizes,
  sameSpot,
  type ChipSizes,
  type FloatReader,
} from './float-geometry';
import { boxOf } from './measure';

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
/** How far up from a mutated node a tracked cell is looked for. */
const TOUCH_DEPTH = 8;

interface Tracked {
  cell: Element;
  /** Chips' sizes as rendered (null: not measured since the last render). */
  sizes: ChipSizes | null;
  rtl: boolean | null;
  spot: FloatSpot | null;
  /** Hidden since its cell changed, until the chip layer has checked it again. */
  held: boolean;
}

/** The tracked hosts, and the host of each tracked cell. */
interface Registry {
  tracked: Map<HTMLElement, Tracked>;
  hostOfCell: WeakMap<Element, HTMLElement>;
}

interface MotionLoop {
  /** Runs the step on the next frame, and frame after frame until it has moved nothing for a while. */
  wake(): void;
  /** Listens (or stops listening) for the events that start a scroll. */
  listen(on: boolean): void;
  stop(): void;
}

/** `step`: one batch of placing, true when anything moved; `active`: whether anything is tracked. */
function createMotionLoop(
  { doc, requestFrame, cancelFrame }: FloatPlacerOptions,
  step: () => boolean,
  active: () => boolean,
): MotionLoop {
  const view = doc.defaultView ?? window;
  let frame: number | null = null;
  let idle = 0;
  let listening = false;
  const tick = () => {
    frame = null;
    const moved = step();
    idle = moved ? 0 : idle + 1;
    if (idle < IDLE_FRAMES && active()) frame = requestFrame(tick);
  };
  const wake = () => {
    idle = 0;
    if (frame !== null || !active()) return;
    frame = requestFrame(tick);
  };
  return {
    wake,
    listen(on) {
      if (listening === on) return;
      listening = on;
      const method = on ? 'addEventListener' : 'removeEventListener';
      for (const type of WAKE_EVENTS) doc[method](type, wake, { capture: true, passive: true });
      view[method]('resize', wake, { passive: true });
    },
    stop() {
      if (frame !== null) cancelFrame(frame);
      frame = null;
    },
  };
}

/** Where a tracked host goes now (a read; null: nowhere it could be seen whole). */
function spotOf(
  host: HTMLElement,
  t: Tracked,
  reader: FloatReader,
  rects: Map<Element, Box>,
): FloatSpot | null {
  t.sizes ??= measureSizes(host);
  t.rtl ??= reader.isRtl(t.cell);
  const rect = boxOf(t.cell.getBoundingClientRect());
  const visible = reader.visibleBox(t.cell, rect, rects);
  const edge = visible ? reader.contentEdge(t.cell, rect, t.rtl) : 0;
  return floatSpot(rect, visible, edge, t.sizes.chips, t.sizes.compact, t.rtl);
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

/** One batch of reads, then one of writes. Returns whether any host moved, appeared or went. */
function placeAll(tracked: Map<HTMLElement, Tracked>, reader: FloatReader): boolean {
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
    next.push([host, t, spotOf(host, t, reader, rects)]);
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

function hide(host: HTMLElement, t: Tracked | undefined): void {
  if (t) t.spot = null;
  if (host.hasAttribute(PLACED_ATTR)) host.removeAttribute(PLACED_ATTR);
}

function hold(host: HTMLElement, t: Tracked): void {
  t.held = true;
  hide(host, t);
}

/** The tracked cell a changed node is in (the slot renamed on the cell, text inside it), held. */
function holdCellOf({ tracked, hostOfCell }: Registry, target: Node): boolean {
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
function holdCellsUnder({ tracked }: Registry, record: MutationRecord): void {
  if (record.type === 'characterData' || record.target.nodeType !== 1) return;
  for (const [host, t] of tracked) if (!t.held && record.target.contains(t.cell)) hold(host, t);
}

export function createFloatPlacer(options: FloatPlacerOptions): FloatPlacer {
  const registry: Registry = { tracked: new Map(), hostOfCell: new WeakMap() };
  const { tracked, hostOfCell } = registry;
  const reader = createFloatReader(options.doc);
  const loop = createMotionLoop(
    options,
    () => placeAll(tracked, reader),
    () => tracked.size > 0,
  );
  let shadowObserved: ShadowRoot | null = null;
  const shadowObserver = new MutationObserver(() => loop.wake());

  return {
    track(host, cell) {
      tracked.set(host, { cell, sizes: null, rtl: null, spot: null, held: false });
      hostOfCell.set(cell, host);
      loop.listen(true);
      loop.wake();
    },
    untrack(host) {
      const t = tracked.get(host);
      if (t && hostOfCell.get(t.cell) === host) hostOfCell.delete(t.cell);
      tracked.delete(host);
      if (tracked.size === 0) loop.listen(false);
    },
    invalidate(host) {
      const t = tracked.get(host);
      if (!t) return;
      t.sizes = null;
      hide(host, t);
      loop.wake();
    },
    hideTouched(records) {
      if (tracked.size === 0) return;
      for (const record of records)
        if (!holdCellOf(registry, record.target)) holdCellsUnder(registry, record);
      loop.wake();
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
      placeAll(tracked, reader);
      loop.wake();
    },
    get size() {
      return tracked.size;
    },
    destroy() {
      loop.stop();
      shadowObserver.disconnect();
      loop.listen(false);
      tracked.clear();
    },
  };
}
