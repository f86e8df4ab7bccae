import {
  BELOW_ATTR,
  CHIP_HOST_TAG,
  chipElements,
  chipGroup,
  compactElement,
  createChipHost,
  ENTITY_ATTR,
  isChipHost,
  placeBelow,
  placeCompact,
  renderChips,
  setBelow,
  setFit,
} from '../overlay/chip-dom';
import type { RowChips } from '../overlay/chips';
import { belowOffset, compactOffset, inlineFits, nameStaysReadable, type Box } from '../overlay/fit';
import type { RowAnchor } from '../platforms/types';
import { createFloatPlacer } from './float-placer';
import { shownName } from './name-room';

/**
 * Keeps one chip host in every rendered row's anchor cell that is on screen, showing that row's chips —
 * and never another row's. Ad managers recycle row elements as the user scrolls, so a host is trusted only
 * after its cell has been matched to an entity again: after a change in the table, the anchors are read
 * afresh on the next animation frame and each host is re-keyed (re-rendered from the cache of evaluated
 * rows), created, or removed.
 *
 * Cheap on big tables: the MutationObserver callback only marks the layer dirty; the anchors are read once
 * per change (not once per frame); only cells on screen (IntersectionObserver) get hosts, so a 2,000-row
 * table draws a screenful of chips; creating hosts is spread over frames within a time budget (fixing a
 * recycled row is never put off for the budget).
 *
 * While the table changes frame after frame (the user is scrolling a recycling table), the layer only
 * takes away chips that no longer belong to their row, and draws and measures nothing new until the table
 * has been still for `settleMs` (and at least every `maxDeferMs`): drawing chips on rows that scroll away a
 * frame later cost the page more layout and script than all the rest of the extension's work.
 *
 * The host page's layout never changes: a host starts taking no room, the cell is measured, the chips are
 * tried beside the name, and the cell measured again (one batch of reads per frame). Where the cell grew
 * or a chip would be cut off, the host goes back to taking no room and shows one compact chip laid over
 * the cell's corner. The verdict is kept per cell and tried again when the cell is resized.
 *
 * Anchors marked `float` (cells that clip what is put into them, tables moved by transform: TikTok's virtual
 * table) get a host outside the table instead, fixed over the cell and moved with it (`float-placer.ts`).
 */

export interface ChipLayerOptions {
  doc: Document;
  /** The rendered rows' anchors (the adapter's `rowAnchors`). */
  anchors(): RowAnchor[];
  /** The element to observe (the table container); null = not rendered yet. */
  findTable(): Element | null;
  /** Accessible name of one row's chip group. */
  groupLabel(row: RowChips): string;
  /** Milliseconds of host creation per frame. */
  frameBudgetMs?: number;
  /** While the table keeps changing: how long it must be still before chips are drawn again. */
  settleMs?: number;
  /** While the table keeps changing: chips are drawn at least this often all the same. */
  maxDeferMs?: number;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  requestFrame?: (callback: () => void) => number;
  cancelFrame?: (handle: number) => void;
  /**
   * Which anchor cells are on screen (default: an IntersectionObserver; null, or no such observer in the
   * environment: every cell counts as on screen).
   */
  visibility?: ((onChange: () => void) => VisibilityWatcher) | null;
}

export interface VisibilityWatcher {
  observe(cell: Element): void;
  unobserve(cell: Element): void;
  isVisible(cell: Element): boolean;
  disconnect(): void;
}

export interface ChipLayer {
  /** Replaces the evaluated rows (keyed by entity) and re-validates on the next frame. */
  setChips(rows: ReadonlyMap<string, RowChips>): void;
  /** Removes every host and forgets every row (e.g. after an in-app navigation). */
  clear(): void;
  /** Runs the pending frame's work now (tests, and the e2e hooks). */
  flush(): void;
  destroy(): void;
  readonly hostCount: number;
}

/** Two table changes closer than this are one burst (a scroll recycling rows frame after frame). */
const BURST_GAP_MS = 100;

/** Cells a screen away above and below count as on screen, so scrolling finds their chips ready. */
const VISIBLE_MARGIN = '100% 0px';

/** An IntersectionObserver over the anchor cells; null where the environment has none. */
export function intersectionVisibility(onChange: () => void): VisibilityWatcher | null {
  if (typeof IntersectionObserver === 'undefined') return null;
  const visible = new WeakSet<Element>();
  const observer = new IntersectionObserver(
    (entries) => {
      let changed = false;
      for (const entry of entries) {
        if (entry.isIntersecting === visible.has(entry.target)) continue;
        if (entry.isIntersecting) visible.add(entry.target);
        else visible.delete(entry.target);
        changed = true;
      }
      if (changed) onChange();
    },
    { rootMargin: VISIBLE_MARGIN },
  );
  return {
    observe: (cell) => observer.observe(cell),
    unobserve(cell) {
      observer.unobserve(cell);
      visible.delete(cell);
    },
    isVisible: (cell) => visible.has(cell),
    disconnect: () => observer.disconnect(),
  };
}

/** Mutations the layer made itself: hosts added to or removed from cells. */
function isOwnRecord(record: MutationRecord): boolean {
  if (record.type !== 'childList') return false;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every(isChipHost);
}

// `slot`: TikTok's virtual table can recycle a cell by renaming its slot (`cell-<rowId>_<field>`).
const OBSERVED_ATTRIBUTES = ['data-surface', 'data-row-key', 'essfield', 'href', 'aria-colindex', 'slot'];

/**
 * How a cell takes its row's chips: beside the name; under it, on a line of their own laid over the cell's free
 * space (where beside it they would squeeze the name); or as one compact chip laid over the cell's corner.
 */
type Verdict = 'inline' | 'below' | 'below-out-of-flow' | 'overlay' | 'overlay-out-of-flow';

interface Job {
  host: HTMLElement;
  cell: Element;
}

function styleOf(el: Element): CSSStyleDeclaration {
  return (el.ownerDocument.defaultView ?? window).getComputedStyle(el);
}

function boxOf(rect: DOMRect): Box {
  return { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
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

interface Size {
  width: number;
  height: number;
}

const sizeOf = (box: Box): Size => ({ width: box.right - box.left, height: box.bottom - box.top });
const sameSize = (a: Size | undefined, b: Size) =>
  a !== undefined && Math.abs(a.width - b.width) < 0.5 && Math.abs(a.height - b.height) < 0.5;

/** A cell's box of the size it was found to have without chips, where it is now. */
function boxAt(now: Box, size: Size): Box {
  return { left: now.left, top: now.top, right: now.left + size.width, bottom: now.top + size.height };
}

// eslint-disable-next-line max-lines-per-function -- temporary: the chip layer is being split into row finding, placement, rendering and lifecycle (#16.3)
export function createChipLayer(options: ChipLayerOptions): ChipLayer {
  const { doc } = options;
  const budget = options.frameBudgetMs ?? 6;
  const requestFrame = options.requestFrame ?? ((cb) => requestAnimationFrame(cb));
  const cancelFrame = options.cancelFrame ?? ((h) => cancelAnimationFrame(h));
  const settleMs = options.settleMs ?? 150;
  const maxDeferMs = options.maxDeferMs ?? 1000;
  const now = options.now ?? (() => performance.now());
  const setTimer = options.setTimer ?? ((cb, ms) => setTimeout(cb, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));

  let cache: ReadonlyMap<string, RowChips> = new Map();
  const hosts = new Set<HTMLElement>();
  const hostByCell = new WeakMap<Element, HTMLElement>();
  const rendered = new WeakMap<HTMLElement, string>();
  /** What each cell was found to take, and the cell's size when it was found (a resize asks again). */
  const verdicts = new WeakMap<Element, Verdict>();
  const fittedSize = new WeakMap<Element, Size>();
  /** The name of a probed cell and how many of its characters it showed without chips. */
  const nameWithout = new WeakMap<Element, { node: Text; chars: number } | null>();
  /** Hosts whose cell must be measured again (resized), or whose compact chip still needs a place. */
  const refit = new Set<HTMLElement>();
  const unplaced = new Set<HTMLElement>();
  let anchors: RowAnchor[] = [];
  let anchorsDirty = true;
  const watched = new Set<Element>();
  let frame: number | null = null;
  let observed: Node | null = null;
  let destroyed = false;
  /** When the table last changed, whether that change continued a burst, and when chips were last drawn. */
  let changedAt = -Infinity;
  let inBurst = false;
  let drawnAt = -Infinity;
  let settleTimer: unknown = null;
  const floats = createFloatPlacer({ doc, requestFrame, cancelFrame });
  /** Where floating hosts live: outside the table, so nothing of the table clips or moves them. */
  const floatHome = () => doc.body ?? doc.documentElement;

  const observer = new MutationObserver((records) => {
    if (records.every(isOwnRecord)) return;
    // A floating chip whose cell changed is hidden now: by the next frame the cell may be another row's.
    floats.hideTouched(records);
    const at = now();
    inBurst = at - changedAt < BURST_GAP_MS;
    changedAt = at;
    anchorsDirty = true;
    schedule();
  });

  /** Mid-burst: milliseconds until chips may be drawn again; 0 when they may be drawn now. */
  function deferFor(at: number): number {
    if (!inBurst) return 0;
    const untilStill = changedAt + settleMs - at;
    const untilDue = drawnAt + maxDeferMs - at;
    return Math.max(0, Math.min(untilStill, untilDue));
  }

  function wakeAfter(ms: number): void {
    // One timer at a time: when it fires, the next run asks again how long to wait (and sets another).
    if (settleTimer !== null) return;
    settleTimer = setTimer(() => {
      settleTimer = null;
      schedule();
    }, ms);
  }
  const makeVisibility = options.visibility === undefined ? intersectionVisibility : options.visibility;
  const visibility = makeVisibility ? makeVisibility(schedule) : null;
  const isVisible = (cell: Element) => !visibility || visibility.isVisible(cell);
  const resizes =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver((entries) => {
          let changed = false;
          for (const entry of entries) {
            const host = hostByCell.get(entry.target);
            if (!host || !hosts.has(host)) continue;
            const now = sizeOf(boxOf(entry.target.getBoundingClientRect()));
            if (sameSize(fittedSize.get(entry.target), now)) continue;
            refit.add(host);
            changed = true;
          }
          if (changed) schedule();
        });

  function observe(): void {
    const table = options.findTable();
    const target: Node | null = table ?? doc.body;
    if (target === observed && (!table || table.isConnected)) return;
    observer.disconnect();
    floats.watch(table);
    observed = target;
    anchorsDirty = true;
    if (!target) return;
    observer.observe(target, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: OBSERVED_ATTRIBUTES,
    });
  }

  /** Reads the anchors (the costly part on a big table) and watches which of their cells are on screen. */
  function refreshAnchors(): void {
    anchorsDirty = false;
    anchors = cache.size > 0 ? options.anchors() : [];
    if (!visibility) return;
    const current = new Set(anchors.map((a) => a.cell));
    for (const cell of watched)
      if (!current.has(cell)) {
        visibility.unobserve(cell);
        watched.delete(cell);
      }
    for (const cell of current)
      if (!watched.has(cell)) {
        visibility.observe(cell);
        watched.add(cell);
      }
  }

  function schedule(): void {
    if (frame !== null || destroyed) return;
    frame = requestFrame(run);
  }

  function removeHost(host: HTMLElement): void {
    const cell = host.parentElement;
    if (cell && resizes) resizes.unobserve(cell);
    floats.untrack(host);
    host.remove();
    hosts.delete(host);
    refit.delete(host);
    unplaced.delete(host);
  }

  // eslint-disable-next-line max-lines-per-function -- temporary: one frame's pass; goes with the chip layer's split (#16.3)
  function run(): void {
    frame = null;
    if (destroyed) return;
    observe();
    const started = now();
    const deferMs = deferFor(started);
    if (deferMs > 0 && hosts.size === 0) {
      // Mid-scroll with no chip left to check: nothing can be wrong, so the anchors wait for the table too.
      wakeAfter(deferMs);
      return;
    }
    if (deferMs === 0) drawnAt = started;
    if (anchorsDirty) refreshAnchors();
    let deferred = false;
    let created = 0;
    const seen = new Set<HTMLElement>();
    /**
     * Cells never measured are probed (measured without, then with the chips beside the name); cells known
     * to take them inline are checked (with the chips, against their size without); overlay hosts placed.
     */
    const probes: Job[] = [];
    const checks: Job[] = [];
    const places: Job[] = [];
    const fit = (host: HTMLElement, cell: Element) => {
      const verdict = verdicts.get(cell);
      if (verdict === undefined || !fittedSize.has(cell)) {
        setBelow(host, false);
        setFit(host, 'overlay', true); // out of flow: the cell is measured as if the host were not there
        probes.push({ host, cell });
      } else if (verdict === 'inline') {
        setBelow(host, false);
        setFit(host, 'inline');
        checks.push({ host, cell });
      } else {
        setFit(host, 'overlay', verdict.endsWith('out-of-flow'));
        setBelow(host, verdict.startsWith('below'));
        places.push({ host, cell });
      }
    };

    for (const { entityKey, cell, float } of anchors) {
      const row = cache.get(entityKey);
      let host = hostByCell.get(cell);
      const home = float ? floatHome() : cell;
      if (host && (host.parentNode !== home || !hosts.has(host))) host = undefined;
      if (!row) continue; // no evaluated row for this entity: its stale host (if any) goes below
      const stale =
        host !== undefined &&
        (rendered.get(host) !== row.signature || host.getAttribute(ENTITY_ATTR) !== entityKey);
      if (!isVisible(cell) || deferMs > 0) {
        // Off screen, or mid-scroll: a host showing the right row stays; a stale one goes, and is made again
        // when seen (once the table is still).
        if (host && !stale) seen.add(host);
        continue;
      }
      if (!host) {
        // At least one host per frame, so a slow frame still makes progress.
        if (created > 0 && now() - started > budget) {
          deferred = true;
          continue;
        }
        // A host this layer does not know (an earlier copy of the script) must not double the chips.
        for (const stray of cell.querySelectorAll(`:scope > ${CHIP_HOST_TAG}`)) stray.remove();
        host = createChipHost(doc, entityKey, float ? 'float' : 'overlay');
        created++;
        hostByCell.set(cell, host);
        hosts.add(host);
        renderChips(host, row, options.groupLabel(row));
        rendered.set(host, row.signature);
        if (float) {
          home.append(host);
          floats.track(host, cell);
        } else {
          fit(host, cell);
          cell.append(host);
          resizes?.observe(cell);
        }
      } else if (stale) {
        renderChips(host, row, options.groupLabel(row));
        rendered.set(host, row.signature);
        if (float) floats.invalidate(host);
        else fit(host, cell);
      } else if (float) {
        // Placed by the float placer below.
      } else if (refit.has(host)) {
        verdicts.delete(cell);
        fit(host, cell);
      } else if (unplaced.has(host)) {
        places.push({ host, cell });
      }
      refit.delete(host);
      unplaced.delete(host);
      seen.add(host);
    }
    for (const host of [...hosts]) if (!seen.has(host)) removeHost(host);
    const switched = measure(probes, checks, places);
    // In the same frame as the writes above: a re-keyed host never shows at its cell's old place.
    floats.place();
    if (deferred || switched > 0) schedule();
    if (deferMs > 0) wakeAfter(deferMs);
  }

  /**
   * The frame's layout reads, batched: the probed cells without chips (only cells never measured), then
   * every cell with its chips beside the name, and the overlay hosts' boxes. Writes happen between the
   * batches only, never in a read loop. Returns how many hosts went over to the overlay (placed on the
   * next frame, when the host takes no room again).
   */
  function measure(probes: Job[], checks: Job[], places: Job[]): number {
    if (probes.length + checks.length + places.length === 0) return 0;
    const natural = probes.map(({ cell }) => sizeOf(boxOf(cell.getBoundingClientRect())));
    for (const { cell } of probes) nameWithout.set(cell, shownName(cell));
    for (const { host } of probes) setFit(host, 'inline');

    const inline = [...probes, ...checks];
    const sizes = [...natural, ...checks.map(({ cell }) => fittedSize.get(cell)!)];
    const tried = inline.map(({ host, cell }) => {
      const style = styleOf(cell);
      return {
        withChips: boxOf(cell.getBoundingClientRect()),
        visible: cellBoxes(cell, style).padding,
        chips: chipElements(host).map((c) => boxOf(c.getBoundingClientRect())),
        name: shownName(cell, nameWithout.get(cell)?.node),
        outOfFlow: /flex|grid/.test(style.display),
      };
    });
    const spots = places.map(({ host, cell }) => {
      const style = styleOf(cell);
      const { padding, content } = cellBoxes(cell, style);
      const rtl = style.direction === 'rtl';
      if (host.hasAttribute(BELOW_ATTR)) {
        const group = chipGroup(host);
        const name = shownName(cell, nameWithout.get(cell)?.node);
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
    });

    let switched = 0;
    inline.forEach(({ host, cell }, i) => {
      const t = tried[i]!;
      const size = sizes[i]!;
      // A cell measured before its row was recycled: its name's length stands for what it showed.
      const without = nameWithout.get(cell);
      const before = without && without.node === t.name?.node ? without.chars : (t.name?.length ?? 0);
      const readable = !t.name || nameStaysReadable(before, t.name.chars);
      if (readable && inlineFits(boxAt(t.withChips, size), t.withChips, t.visible, t.chips)) {
        verdicts.set(cell, 'inline');
        fittedSize.set(cell, size);
        return;
      }
      // A name the chips would squeeze gets them on the line under it where the cell has room (placed next
      // frame, measured then); chips that do not fit the cell at all go straight to the compact chip.
      const below = !readable;
      const verdict: Verdict = `${below ? 'below' : 'overlay'}${t.outOfFlow ? '-out-of-flow' : ''}`;
      verdicts.set(cell, verdict);
      fittedSize.set(cell, size);
      setFit(host, 'overlay', t.outOfFlow);
      setBelow(host, below);
      unplaced.add(host);
      switched++;
    });
    places.forEach(({ host, cell }, i) => {
      const { below, at } = spots[i]!;
      if (below && !at) {
        // No room under the name either: the compact chip, placed next frame.
        const outOfFlow = verdicts.get(cell)?.endsWith('out-of-flow') ?? false;
        verdicts.set(cell, outOfFlow ? 'overlay-out-of-flow' : 'overlay');
        setBelow(host, false);
        unplaced.add(host);
        switched++;
      } else if (below) placeBelow(host, at!.left, at!.top);
      else placeCompact(host, at!.left, at!.top);
    });
    return switched;
  }

  return {
    setChips(rows) {
      if (cache.size === 0 && rows.size > 0) anchorsDirty = true; // anchors are not read without rows
      cache = rows;
      schedule();
    },
    clear() {
      cache = new Map();
      for (const host of [...hosts]) removeHost(host);
    },
    flush() {
      if (frame !== null) cancelFrame(frame);
      frame = null;
      run();
    },
    destroy() {
      destroyed = true;
      if (frame !== null) cancelFrame(frame);
      frame = null;
      if (settleTimer !== null) clearTimer(settleTimer);
      settleTimer = null;
      observer.disconnect();
      floats.destroy();
      visibility?.disconnect();
      resizes?.disconnect();
      for (const host of [...hosts]) removeHost(host);
      cache = new Map();
    },
    get hostCount() {
      return hosts.size;
    },
  };
}
