import { OVERLAY_ATTR } from '../overlay/chip-dom';
import type { FoundTable } from './discover';

/** The picker's words, in the user's language (the entrypoint fills them from the locale files). */
export interface PickerText {
  title: string;
  cancel: string;
  none: string;
  /** The accessible name and visible tag of one table's button. */
  tableLabel(index: number, table: FoundTable): string;
}

export interface PickerEvents {
  pick(table: FoundTable): void;
  cancel(): void;
}

const STYLE = `
:host { all: initial; }
.bar { position: fixed; top: 8px; left: 50%; transform: translateX(-50%); z-index: 2147483647;
  display: flex; gap: 10px; align-items: center; padding: 8px 12px; border-radius: 8px;
  background: #1f2937; color: #fff; font: 14px/1.4 system-ui, sans-serif; box-shadow: 0 2px 8px #0006; }
.bar button, .pick { font: inherit; cursor: pointer; }
.pick { position: absolute; z-index: 2147483646; box-sizing: border-box; margin: 0; padding: 0;
  border: 3px dashed #2563eb; border-radius: 4px; background: #2563eb14; color: #fff; text-align: left;
  display: flex; align-items: flex-start; }
.pick span { background: #1d4ed8; padding: 2px 6px; border-radius: 0 0 4px 0; font-size: 13px; }
.pick:hover, .pick:focus-visible { border-style: solid; background: #2563eb2e; outline: 3px solid #f59e0b;
  outline-offset: 2px; }
`;

/** Places a button over each table, in page coordinates (so it scrolls with the page). */
function place(button: HTMLElement, table: FoundTable, win: Window): void {
  const rect = table.element.getBoundingClientRect();
  button.style.top = `${rect.top + win.scrollY}px`;
  button.style.left = `${rect.left + win.scrollX}px`;
  button.style.width = `${Math.max(rect.width, 24)}px`;
  button.style.height = `${Math.max(rect.height, 24)}px`;
}

/**
 * Highlights the found tables and lets the user pick one, by pointer or keyboard (each table is a button in
 * the Tab order; the first takes the focus; Escape or Cancel ends it). Everything lives in one shadow root
 * marked as KPI Lens's own, so that the page's styles do not reach it and table discovery skips it. Page
 * text reaches it only as text. Returns the function that removes it.
 */
/** KPI Lens's own shadow-rooted layer on the page, with its style and a bar for the message and buttons. */
export function layer(doc: Document, title: string, extraStyle = '') {
  const host = doc.createElement('div');
  host.setAttribute(OVERLAY_ATTR, 'table-picker');
  Object.assign(host.style, { position: 'absolute', top: '0', left: '0', width: '0', height: '0' });
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = STYLE + extraStyle;
  const bar = doc.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'region');
  bar.setAttribute('aria-label', title);
  root.append(style, bar);
  return { host, root, bar };
}

/**
 * A message in the picker's bar with one button that closes it (Escape too), e.g. after a table was picked.
 * Returns the function that removes it.
 */
export function showPickerNotice(doc: Document, title: string, text: string, closeLabel: string): () => void {
  const { host, bar } = layer(doc, title);
  const message = doc.createElement('span');
  message.setAttribute('role', 'status');
  message.textContent = text;
  const close = doc.createElement('button');
  close.type = 'button';
  close.textContent = closeLabel;
  bar.append(message, close);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') stop();
  };
  function stop() {
    doc.removeEventListener('keydown', onKey, true);
    host.remove();
  }
  close.addEventListener('click', stop);
  doc.addEventListener('keydown', onKey, true);
  (doc.body ?? doc.documentElement).append(host);
  close.focus();
  return stop;
}

export function showTablePicker(
  doc: Document,
  tables: readonly FoundTable[],
  text: PickerText,
  events: PickerEvents,
): () => void {
  const win = doc.defaultView ?? window;
  const { host, root, bar } = layer(doc, text.title);
  const message = doc.createElement('span');
  message.setAttribute('role', 'status');
  message.textContent = tables.length > 0 ? text.title : text.none;
  const cancel = doc.createElement('button');
  cancel.type = 'button';
  cancel.textContent = text.cancel;
  bar.append(message, cancel);

  const buttons = tables.map((table, index) => {
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'pick';
    const label = doc.createElement('span');
    label.textContent = text.tableLabel(index, table);
    button.append(label);
    button.setAttribute('aria-label', label.textContent);
    place(button, table, win);
    button.addEventListener('click', () => finish(() => events.pick(table)));
    root.append(button);
    return button;
  });
  const replace = () => buttons.forEach((button, i) => place(button, tables[i]!, win));
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    finish(events.cancel);
  };
  let done = false;
  function stop() {
    if (done) return;
    done = true;
    doc.removeEventListener('keydown', onKey, true);
    win.removeEventListener('resize', replace);
    host.remove();
  }
  function finish(then: () => void) {
    stop();
    then();
  }
  cancel.addEventListener('click', () => finish(events.cancel));
  doc.addEventListener('keydown', onKey, true);
  win.addEventListener('resize', replace);
  (doc.body ?? doc.documentElement).append(host);
  (buttons[0] ?? cancel).focus();
  return stop;
}
