// The page's own script for the scrolling benchmark: a virtualised Meta-like table that renders only the
// visible 46 px rows (plus a little overscan) and recycles their elements as the table scrolls, rewriting
// attributes and text in place as Meta's React table does. It also counts long tasks and drives a scripted
// scroll, so the same page measures the same scroll with and without the extension.
import { chromeHtml, ROW_HEIGHT, rowData, rowHtml, TABLE_CSS, tableHtml } from './meta-table';

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

declare global {
  interface Window {
    benchScroll(options: { pxPerFrame: number; settleMs: number }): Promise<ScrollResult>;
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

function render(): void {
  const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(ROWS, first + POOL);
  for (let index = Math.max(0, last - POOL); index < last; index++) {
    const slot = slots[index % POOL]!;
    if (slot.index !== index) recycle(slot, index);
  }
}
viewport.addEventListener('scroll', render, { passive: true });

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
          const inWindow = longTasks.filter((t) => t.startTime >= start && t.startTime < stop);
          resolve({
            frames,
            ms: stop - start,
            longTasks: inWindow.length,
            longTaskMs: inWindow.reduce((a, t) => a + t.duration, 0),
          });
        }, settleMs);
        return;
      }
      viewport.scrollTop = Math.min(end, viewport.scrollTop + pxPerFrame);
      frames++;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
window.benchReady = true;
