import type { RowAnchor } from '../../platforms/types';

/**
 * Row finding: the rendered rows' anchors, read from the adapter once per change of the table (not once per
 * frame: on a big table that read is the costly part), and which of their cells are on screen.
 */

export interface VisibilityWatcher {
  observe(cell: Element): void;
  unobserve(cell: Element): void;
  isVisible(cell: Element): boolean;
  disconnect(): void;
}

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

export interface RowFinder {
  /** The table changed: the anchors are read afresh when next asked for. */
  invalidate(): void;
  /** The anchors as of the last change of the table. */
  current(): readonly RowAnchor[];
  /** Whether a cell is on screen (every cell is, without a visibility watcher). */
  isVisible(cell: Element): boolean;
  disconnect(): void;
}

/**
 * `readAnchors`: the adapter's `rowAnchors`; not called while `hasRows()` says there is nothing to show.
 * `visibility`: null counts every cell as on screen.
 */
export function createRowFinder(
  readAnchors: () => RowAnchor[],
  hasRows: () => boolean,
  visibility: VisibilityWatcher | null,
): RowFinder {
  let anchors: RowAnchor[] = [];
  let dirty = true;
  const watched = new Set<Element>();

  /** Watches the cells of the anchors just read, and no others. */
  function watch(): void {
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

  return {
    invalidate() {
      dirty = true;
    },
    current() {
      if (dirty) {
        dirty = false;
        anchors = hasRows() ? readAnchors() : [];
        watch();
      }
      return anchors;
    },
    isVisible: (cell) => !visibility || visibility.isVisible(cell),
    disconnect: () => visibility?.disconnect(),
  };
}
