/**
 * Calls `onQuiet` once the observed document has stopped changing for `quietMs` (or at least every
 * `maxWaitMs` during a long burst). The MutationObserver callback only records that something changed:
 * all reading happens later, in one batch, so a burst of thousands of mutations costs one re-read.
 */
export function watchForQuiet(
  target: Node,
  onQuiet: () => void,
  signal: AbortSignal,
  {
    quietMs = 400,
    maxWaitMs = 2000,
    ignore,
  }: { quietMs?: number; maxWaitMs?: number; ignore?: (n: Node) => boolean } = {},
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstChangeAt: number | null = null;

  const fire = () => {
    timer = undefined;
    firstChangeAt = null;
    if (!signal.aborted) onQuiet();
  };
  // The overlay's own nodes (and its hosts being added to or removed from cells) are not the table changing.
  const own = (r: MutationRecord) =>
    ignore!(r.target) ||
    (r.type === 'childList' &&
      r.addedNodes.length + r.removedNodes.length > 0 &&
      [...r.addedNodes, ...r.removedNodes].every((n) => ignore!(n)));
  const observer = new MutationObserver((records) => {
    if (ignore && records.every(own)) return;
    const now = performance.now();
    firstChangeAt ??= now;
    clearTimeout(timer);
    const wait = Math.max(0, Math.min(quietMs, firstChangeAt + maxWaitMs - now));
    timer = setTimeout(fire, wait);
  });
  observer.observe(target, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['data-surface', 'style', 'aria-checked'],
  });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
  });
}
