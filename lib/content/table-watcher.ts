/**
 * How often the page is read while its table keeps changing, from what the last read cost: a 20-row window
 * (a few ms) is read every ~150–250 ms, so a row on screen for 300 ms is read at least once, while a huge
 * table that costs 100 ms a read is read at most every 4 s. The bound keeps reading to a few per cent of
 * the main thread whatever the table's size (`READ_SHARE`).
 */
export const READ_INTERVAL = { minMs: 150, maxMs: 10_000 } as const;
/**
 * Longest share of the main thread the reader may take while the table changes without a pause: a 46-row
 * window of a 30-column Meta table (~6 ms a read) is read every ~250 ms, still at least once for a row on
 * screen 300 ms (`npm run bench` row 8, e2e coverage), for ~2.5 % of the thread (row 2).
 */
export const READ_SHARE = 1 / 40;

export function readIntervalMs(lastReadMs: number): number {
  const ms = Number.isFinite(lastReadMs) ? lastReadMs / READ_SHARE : READ_INTERVAL.maxMs;
  return Math.min(READ_INTERVAL.maxMs, Math.max(READ_INTERVAL.minMs, ms));
}

export interface WatchOptions {
  /** Waits this long after a change before reading, so one burst of mutations costs one read. */
  settleMs?: number;
  /** The shortest time between two reads, asked again before each one (it follows the last read's cost). */
  intervalMs?: () => number;
  /** Nodes that are not the table (the overlay's own). */
  ignore?: (n: Node) => boolean;
}

/**
 * Calls `onChange` after the observed document changed: `settleMs` after the change, and never sooner than
 * `intervalMs()` after the previous call, so a table that changes every frame (a virtualised table being
 * scrolled) is read at a steady pace instead of only when the scrolling stops. The MutationObserver
 * callback only records that something changed: the reading happens later, in one task.
 */
export function watchForChanges(
  target: Node,
  onChange: () => void,
  signal: AbortSignal,
  { settleMs = 50, intervalMs = () => READ_INTERVAL.minMs, ignore }: WatchOptions = {},
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastCallAt = -Infinity;

  const fire = () => {
    timer = undefined;
    if (signal.aborted) return;
    lastCallAt = performance.now();
    onChange();
  };
  // The overlay's own nodes (and its hosts being added to or removed from cells) are not the table changing.
  const own = (r: MutationRecord) =>
    ignore!(r.target) ||
    (r.type === 'childList' &&
      r.addedNodes.length + r.removedNodes.length > 0 &&
      [...r.addedNodes, ...r.removedNodes].every((n) => ignore!(n)));
  const observer = new MutationObserver((records) => {
    if (timer !== undefined) return; // a read is already due: it will see this change too
    if (ignore && records.every(own)) return;
    const now = performance.now();
    timer = setTimeout(fire, Math.max(settleMs, lastCallAt + intervalMs() - now));
  });
  observer.observe(target, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['data-surface', 'style', 'aria-checked', 'slot', 'essfield'],
  });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
  });
}

/**
 * Runs `task` once things have been quiet for `quietMs` after the last `poke()`, or at the latest `maxWaitMs`
 * after the first poke of a burst; `flush()` runs a pending task now (the page is being hidden or left).
 */
export function quietScheduler(
  task: () => void,
  signal: AbortSignal,
  { quietMs = 400, maxWaitMs = 2000 }: { quietMs?: number; maxWaitMs?: number } = {},
): { poke(): void; flush(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstPokeAt: number | null = null;
  const run = () => {
    clearTimeout(timer);
    timer = undefined;
    firstPokeAt = null;
    if (!signal.aborted) task();
  };
  signal.addEventListener('abort', () => clearTimeout(timer));
  return {
    poke() {
      const now = performance.now();
      firstPokeAt ??= now;
      clearTimeout(timer);
      timer = setTimeout(run, Math.max(0, Math.min(quietMs, firstPokeAt + maxWaitMs - now)));
    },
    flush() {
      if (firstPokeAt !== null) run();
    },
  };
}
