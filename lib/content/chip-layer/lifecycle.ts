import { isChipHost } from '../../overlay/chip-dom';

/**
 * The chip layer's lifecycle: a MutationObserver on the table that only queues, frames asked for one at a
 * time (and none after destroy), and the burst clock that holds new chips back while the table changes frame
 * after frame.
 */

/** Two table changes closer than this are one burst (a scroll recycling rows frame after frame). */
const BURST_GAP_MS = 100;

// `slot`: TikTok's virtual table can recycle a cell by renaming its slot (`cell-<rowId>_<field>`).
const OBSERVED_ATTRIBUTES = ['data-surface', 'data-row-key', 'essfield', 'href', 'aria-colindex', 'slot'];

/** Mutations the layer made itself: hosts added to or removed from cells. */
function isOwnRecord(record: MutationRecord): boolean {
  if (record.type !== 'childList') return false;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every(isChipHost);
}

export interface TableObserver {
  /** Observes the table (or the body until there is one), again when the page replaced it. */
  observe(): void;
  disconnect(): void;
}

export interface TableObserverOptions {
  doc: Document;
  findTable(): Element | null;
  /** The page changed the table (not only the layer's own hosts): queue work, do none here. */
  onChange(records: readonly MutationRecord[]): void;
  /** Another element is observed now (`table`: null while there is none): its anchors are unknown. */
  onRetarget(table: Element | null): void;
}

export function createTableObserver(options: TableObserverOptions): TableObserver {
  let observed: Node | null = null;
  const observer = new MutationObserver((records) => {
    if (records.every(isOwnRecord)) return;
    options.onChange(records);
  });
  return {
    observe() {
      const table = options.findTable();
      const target: Node | null = table ?? options.doc.body;
      if (target === observed && (!table || table.isConnected)) return;
      observer.disconnect();
      observed = target;
      options.onRetarget(table);
      if (!target) return;
      observer.observe(target, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
        attributeFilter: OBSERVED_ATTRIBUTES,
      });
    },
    disconnect: () => observer.disconnect(),
  };
}

/** When the table last changed, whether that change continued a burst, and when chips were last drawn. */
export interface BurstClock {
  changed(at: number): void;
  drawn(at: number): void;
  /** Mid-burst: milliseconds until chips may be drawn again; 0 when they may be drawn now. */
  deferFor(at: number): number;
}

export function createBurstClock(settleMs: number, maxDeferMs: number): BurstClock {
  let changedAt = -Infinity;
  let inBurst = false;
  let drawnAt = -Infinity;
  return {
    changed(at) {
      inBurst = at - changedAt < BURST_GAP_MS;
      changedAt = at;
    },
    drawn(at) {
      drawnAt = at;
    },
    deferFor(at) {
      if (!inBurst) return 0;
      const untilStill = changedAt + settleMs - at;
      const untilDue = drawnAt + maxDeferMs - at;
      return Math.max(0, Math.min(untilStill, untilDue));
    },
  };
}

export interface FrameScheduler {
  /** Asks for a frame unless one is pending (or the layer is destroyed). */
  schedule(): void;
  /** Asks for a frame after `ms` (one timer at a time). */
  wakeAfter(ms: number): void;
  /** Runs the pending frame's work now. */
  flush(): void;
  destroy(): void;
}

export interface FrameSchedulerOptions {
  requestFrame(callback: () => void): number;
  cancelFrame(handle: number): void;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** One frame's work. */
  run(): void;
}

export function createFrameScheduler(options: FrameSchedulerOptions): FrameScheduler {
  let frame: number | null = null;
  let timer: unknown = null;
  let destroyed = false;
  const cancel = () => {
    if (frame !== null) options.cancelFrame(frame);
    frame = null;
  };
  const tick = () => {
    frame = null;
    if (!destroyed) options.run();
  };
  const schedule = () => {
    if (frame !== null || destroyed) return;
    frame = options.requestFrame(tick);
  };
  return {
    schedule,
    wakeAfter(ms) {
      // When it fires, the next run asks again how long to wait (and sets another).
      if (timer !== null) return;
      timer = options.setTimer(() => {
        timer = null;
        schedule();
      }, ms);
    },
    flush() {
      cancel();
      tick();
    },
    destroy() {
      destroyed = true;
      cancel();
      if (timer !== null) options.clearTimer(timer);
      timer = null;
    },
  };
}
