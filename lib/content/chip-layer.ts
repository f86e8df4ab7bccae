import type { RowChips } from '../overlay/chips';
import type { RowAnchor } from '../platforms/types';
import { createFloatPlacer } from './chip-layer/float-placer';
import { runFrame, type FrameParts } from './chip-layer/frame';
import { createChipHosts } from './chip-layer/hosts';
import { createBurstClock, createFrameScheduler, createTableObserver } from './chip-layer/lifecycle';
import { createPlacement } from './chip-layer/placement';
import { createRowFinder, intersectionVisibility, type VisibilityWatcher } from './chip-layer/rows';

export { intersectionVisibility, type VisibilityWatcher } from './chip-layer/rows';

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
 * table) get a host outside the table instead, fixed over the cell and moved with it (`chip-layer/float-placer.ts`).
 *
 * The parts, one job each, in `chip-layer/`: `rows.ts` finds the rows (anchors, visibility), `placement.ts`
 * (with `measure.ts`) decides and writes how each cell takes its chips, `hosts.ts` renders the hosts,
 * `lifecycle.ts` observes the table and schedules frames, `frame.ts` is one frame's pass over them all.
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

type Timing = Required<
  Pick<
    ChipLayerOptions,
    | 'frameBudgetMs'
    | 'settleMs'
    | 'maxDeferMs'
    | 'now'
    | 'setTimer'
    | 'clearTimer'
    | 'requestFrame'
    | 'cancelFrame'
  >
>;

function timingOf(options: ChipLayerOptions): Timing {
  return {
    frameBudgetMs: options.frameBudgetMs ?? 6,
    settleMs: options.settleMs ?? 150,
    maxDeferMs: options.maxDeferMs ?? 1000,
    now: options.now ?? (() => performance.now()),
    setTimer: options.setTimer ?? ((cb, ms) => setTimeout(cb, ms)),
    clearTimer: options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>)),
    requestFrame: options.requestFrame ?? ((cb) => requestAnimationFrame(cb)),
    cancelFrame: options.cancelFrame ?? ((h) => cancelAnimationFrame(h)),
  };
}

export function createChipLayer(options: ChipLayerOptions): ChipLayer {
  const { doc } = options;
  const time = timingOf(options);
  let cache: ReadonlyMap<string, RowChips> = new Map();
  const floats = createFloatPlacer({ doc, requestFrame: time.requestFrame, cancelFrame: time.cancelFrame });
  const scheduler = createFrameScheduler({ ...time, run: () => runFrame(parts) });
  const schedule = scheduler.schedule;
  const burst = createBurstClock(time.settleMs, time.maxDeferMs);
  const makeVisibility = options.visibility === undefined ? intersectionVisibility : options.visibility;
  const rows = createRowFinder(options.anchors, () => cache.size > 0, makeVisibility?.(schedule) ?? null);
  const table = createTableObserver({
    doc,
    findTable: options.findTable,
    onChange(records) {
      // A floating chip whose cell changed is hidden now: by the next frame the cell may be another row's.
      floats.hideTouched(records);
      burst.changed(time.now());
      rows.invalidate();
      schedule();
    },
    onRetarget(found) {
      floats.watch(found);
      rows.invalidate();
    },
  });
  const hosts = createChipHosts(doc, options.groupLabel, (host) => {
    placement.forget(host);
    floats.untrack(host);
  });
  const placement = createPlacement(hosts.ofCell, schedule);
  const parts: FrameParts = {
    rows,
    hosts,
    placement,
    floats,
    table,
    burst,
    scheduler,
    chips: () => cache,
    floatHome: () => doc.body ?? doc.documentElement,
    now: time.now,
    budget: time.frameBudgetMs,
  };

  return {
    setChips(next) {
      if (cache.size === 0 && next.size > 0) rows.invalidate(); // anchors are not read without rows
      cache = next;
      schedule();
    },
    clear() {
      cache = new Map();
      hosts.removeAll();
    },
    flush: () => scheduler.flush(),
    destroy() {
      scheduler.destroy();
      table.disconnect();
      floats.destroy();
      rows.disconnect();
      placement.disconnect();
      hosts.removeAll();
      cache = new Map();
    },
    get hostCount() {
      return hosts.size;
    },
  };
}
