// The page's own script for the scrolling benchmark: a virtualised Meta-like table that renders only the
// visible 46 px rows (plus a little overscan) and recycles their elements as the table scrolls, rewriting
// attributes and text in place as Meta's React table does. It also counts long tasks and drives a scripted
// scroll, so the same page measures the same scroll with and without the extension.
import { chromeHtml, COLUMNS, ROW_HEIGHT, rowData, rowHtml, TABLE_CSS, tableHtml } from './meta-table';

interface Slot {
  index: number;
  row: HTMLElement;
  frame: HTMLElement;
  surfaces: { el: Element; suffix: string }[];
  texts: { col: number; node: Text }[];
  tip: Element | null;
}

interface ScrollResult {
  frames: number;
  ms: number;
  longTasks: number;
  longTaskMs: number;
}

/** One entity that was on screen during a paced scroll: what the page showed for it, and for how long. */
export interface SeenRow {
  id: string;
  name: string;
  /** The numbers its cells showed (as the page formatted them, parsed back). */
  spend: number | null;
  impressions: number | null;
  /** Its longest stretch on screen without a break, in ms. */
  onScreenMs: number;
}

interface PacedResult extends ScrollResult {
  steps: number;
  seen: SeenRow[];
}

declare global {
  interface Window {
    benchScroll(options: { pxPerFrame: number; settleMs: number }): Promise<ScrollResult>;
    /**
     * Scrolls the table down `rowsPerStep` rows every `stepMs` until `rows` rows have been on screen, then
     * keeps the last screen still for `settleMs`; records how long each entity was on screen (any part of
     * its row inside the viewport, from the moment its row's nodes showed it).
     */
    benchScrollPaced(options: {
      rows: number;
      rowsPerStep: number;
      stepMs: number;
      settleMs: number;
    }): Promise<PacedResult>;
    /** What the table shows for each of these entity ids (null: an id the table never had). */
    benchRowTruth(ids: string[]): Record<string, Omit<SeenRow, 'id' | 'onScreenMs'> | null>;
    benchReady: boolean;
  }
}

const params = new URLSearchParams(location.hash.slice(1));
const ROWS = Number(params.get('rows') ?? 2000);
const SEED = Number(params.get('seed') ?? 1);
const VIEWPORT = 640;
const OVERSCAN = 2;
const POOL = Math.min(ROWS, Math.ceil(VIEWPORT / ROW_HEIGHT) + 2 * OVERSCAN + 1);

const longTasks: PerformanceEntry[] = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask' });

function mount(): void {
  const style = document.createElement('style');
  style.textContent = TABLE_CSS;
  document.head.append(style);
  let rows = '';
  for (let s = 0; s < POOL; s++) rows += rowHtml(rowData(SEED, s), s * ROW_HEIGHT, true);
  document.body.insertAdjacentHTML('beforeend', chromeHtml() + tableHtml(rows, ROWS, VIEWPORT));
}

function slotsOf(): Slot[] {
  const body = document.querySelector('#bench-viewport ._1t0w')!;
  return [...body.children].map((row, s) => {
    const texts: Slot['texts'] = [];
    let tip: Element | null = null;
    for (const el of row.querySelectorAll('[data-bench-slot]')) {
      const [col, what] = el.getAttribute('data-bench-slot')!.split(':');
      el.removeAttribute('data-bench-slot');
      if (what === 'tip') tip = el;
      else if (el.firstChild instanceof Text) texts.push({ col: Number(col), node: el.firstChild });
    }
    const surfaces = [row, ...row.querySelectorAll('[data-surface]')].map((el) => ({
      el,
      suffix: el.getAttribute('data-surface')!.replace(/^\/am\/table\/table_row:\d+unit/, ''),
    }));
    return {
      index: s,
      row: row as HTMLElement,
      frame: row.firstElementChild as HTMLElement,
      surfaces,
      texts,
      tip,
    };
  });
}

/** Points a recycled row element at another entity: ids, texts and position change, elements stay. */
function recycle(slot: Slot, index: number): void {
  const data = rowData(SEED, index);
  for (const s of slot.surfaces)
    s.el.setAttribute('data-surface', `/am/table/table_row:${data.id}unit${s.suffix}`);
  for (const t of slot.texts) {
    const text = data.cells[t.col] ?? '';
    if (t.node.nodeValue !== text) t.node.nodeValue = text;
  }
  slot.tip?.setAttribute('data-tooltip-content', data.name);
  slot.frame.style.transform = `translate(0px, ${index * ROW_HEIGHT}px)`;
  slot.index = index;
}

mount();
const viewport = document.getElementById('bench-viewport')!;
const slots = slotsOf();

/** Row indexes with any part inside the viewport. */
function onScreen(): { first: number; end: number } {
  const top = viewport.scrollTop;
  return {
    first: Math.floor(top / ROW_HEIGHT),
    end: Math.min(ROWS, Math.ceil((top + VIEWPORT) / ROW_HEIGHT)),
  };
}

/** While a paced scroll runs: since when each on-screen row has been shown, and each row's longest stint. */
let stints: { since: Map<number, number>; longest: Map<number, number> } | null = null;

function trackOnScreen(now: number): void {
  if (!stints) return;
  const { first, end } = onScreen();
  for (const [index, since] of stints.since)
    if (index < first || index >= end) {
      stints.longest.set(index, Math.max(stints.longest.get(index) ?? 0, now - since));
      stints.since.delete(index);
    }
  for (let index = first; index < end; index++) if (!stints.since.has(index)) stints.since.set(index, now);
}

function render(): void {
  const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(ROWS, first + POOL);
  for (let index = Math.max(0, last - POOL); index < last; index++) {
    const slot = slots[index % POOL]!;
    if (slot.index !== index) recycle(slot, index);
  }
  // The rows' nodes show their new entities from now on.
  trackOnScreen(performance.now());
}
viewport.addEventListener('scroll', render, { passive: true });

const SPEND = COLUMNS.findIndex((c) => c.key === 'spend');
const IMPRESSIONS = COLUMNS.findIndex((c) => c.key === 'impressions');
/** A shown number back as a number ("$1,234.56" → 1234.56; "—" → null). */
const shownNumber = (text: string | null | undefined) => {
  const n = Number((text ?? '').replace(/[$,]/g, ''));
  return text && text !== '—' && Number.isFinite(n) ? n : null;
};

function truthOf(index: number): Omit<SeenRow, 'id' | 'onScreenMs'> {
  const data = rowData(SEED, index);
  return {
    name: data.name,
    spend: shownNumber(data.cells[SPEND]),
    impressions: shownNumber(data.cells[IMPRESSIONS]),
  };
}

window.benchRowTruth = (ids) =>
  Object.fromEntries(
    ids.map((id) => {
      const index = Number(id.slice(-8));
      const known = Number.isInteger(index) && index < ROWS && rowData(SEED, index).id === id;
      return [id, known ? truthOf(index) : null];
    }),
  );

function longTasksBetween(start: number, stop: number) {
  const inWindow = longTasks.filter((t) => t.startTime >= start && t.startTime < stop);
  return { longTasks: inWindow.length, longTaskMs: inWindow.reduce((a, t) => a + t.duration, 0) };
}

window.benchScroll = ({ pxPerFrame, settleMs }) =>
  new Promise((resolve) => {
    const start = performance.now();
    const end = ROWS * ROW_HEIGHT - VIEWPORT;
    const maxFrames = Math.ceil(end / pxPerFrame) + 5;
    let frames = 0;
    const step = () => {
      if (viewport.scrollTop >= end || frames >= maxFrames) {
        setTimeout(() => {
          const stop = performance.now();
          resolve({ frames, ms: stop - start, ...longTasksBetween(start, stop) });
        }, settleMs);
        return;
      }
      viewport.scrollTop = Math.min(end, viewport.scrollTop + pxPerFrame);
      frames++;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
window.benchScrollPaced = ({ rows, rowsPerStep, stepMs, settleMs }) =>
  new Promise((resolve) => {
    const start = performance.now();
    const visibleRows = Math.ceil(VIEWPORT / ROW_HEIGHT);
    // The first row of the last screen that brings `rows` rows on screen (from where the table is now).
    const from = onScreen().first;
    const lastFirst = Math.min(ROWS - visibleRows, from + Math.max(0, rows - visibleRows));
    stints = { since: new Map(), longest: new Map() };
    trackOnScreen(start);
    let steps = 0;
    const step = () => {
      const next = Math.min(lastFirst, onScreen().first + rowsPerStep);
      if (onScreen().first >= lastFirst) {
        setTimeout(() => {
          const stop = performance.now();
          const done = stints!;
          trackOnScreen(stop);
          for (const [index, since] of done.since)
            done.longest.set(index, Math.max(done.longest.get(index) ?? 0, stop - since));
          stints = null;
          const seen = [...done.longest].map(([index, ms]): SeenRow => ({
            id: rowData(SEED, index).id,
            ...truthOf(index),
            onScreenMs: ms,
          }));
          resolve({ frames: steps, steps, ms: stop - start, seen, ...longTasksBetween(start, stop) });
        }, settleMs);
        return;
      }
      viewport.scrollTop = next * ROW_HEIGHT;
      steps++;
      setTimeout(step, stepMs);
    };
    setTimeout(step, stepMs);
  });
window.benchReady = true;
