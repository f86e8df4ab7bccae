import { LEVELS, type Level } from '../model';
import type { FoundTable } from './discover';
import {
  dateParamsOf,
  mappingOfDraft,
  type DraftProblem,
  type MappingDraft,
  type PickedText,
} from './panel-draft';
import { pickTextOnPage } from './pick-text';
import { layer } from './picker';
import { readMappedTable } from './read';
import { COLUMN_USES, type ColumnUse, type Mapping } from './schema';
import { suggestColumns } from './suggest';

/** The panel's words, in the user's language (the entrypoint fills them from the locale files). */
export interface PanelText {
  title: string;
  use(use: ColumnUse | null): string;
  level(level: Level): string;
  fields: {
    label: string;
    path: string;
    level: string;
    account: string;
    currency: string;
    start: string;
    end: string;
  };
  problem(problem: DraftProblem): string;
  /** Said above the preview of the first rows. */
  preview: string;
  /** A previewed number as the user writes numbers (`1,500,000.5`, `1 500 000,5`). */
  number(value: number): string;
  /** "Pick on the page", its hint while picking, what was picked, and going back to typing. */
  pick: { button: string; active: string; picked(sample: string): string; clear: string };
  /** The range read from the address's query parameters `start` and `end`. */
  rangeFromUrl(start: string, end: string): string;
  save: string;
  cancel: string;
}

export interface PanelEvents {
  save(mapping: Mapping): void;
  cancel(): void;
}

const PANEL_STYLE = `
.panel { position: fixed; top: 56px; right: 8px; z-index: 2147483647; width: min(720px, 96vw);
  max-height: 80vh; overflow: auto; padding: 12px; border-radius: 8px; background: #fff; color: #111;
  font: 13px/1.4 system-ui, sans-serif; box-shadow: 0 2px 12px #0008; }
.panel table { border-collapse: collapse; width: 100%; }
.panel th, .panel td { border: 1px solid #ccc; padding: 2px 6px; text-align: left; }
.panel label { display: block; margin: 4px 0; }
.panel div > label { display: inline-block; margin-right: 8px; }
.panel :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
`;

function labelled(doc: Document, text: string, control: HTMLElement): HTMLLabelElement {
  const label = doc.createElement('label');
  label.textContent = `${text} `;
  label.append(control);
  return label;
}

function select<T extends string>(doc: Document, values: readonly T[], name: (v: T) => string, chosen: T) {
  const el = doc.createElement('select');
  for (const value of values) {
    const option = doc.createElement('option');
    option.value = value;
    option.textContent = name(value);
    el.append(option);
  }
  el.value = chosen;
  return el;
}

function input(doc: Document, value: string, type = 'text'): HTMLInputElement {
  const el = doc.createElement('input');
  el.type = type;
  el.value = value;
  return el;
}

type Picked = NonNullable<MappingDraft['picked']>;
type PickField = keyof Picked;

/**
 * A field's "Pick on the page" button and what it holds: once a text is picked the typed inputs are disabled
 * and the picked text is shown; the button then goes back to typing.
 */
function pickButton(
  doc: Document,
  text: PanelText,
  inputs: HTMLInputElement[],
  startPicking: (done: (picked: PickedText | null) => void) => void,
  changed: (picked: PickedText | null) => void,
) {
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = text.pick.button;
  const shown = doc.createElement('span');
  let picked: PickedText | null = null;
  const show = () => {
    shown.textContent = picked ? ` ${text.pick.picked(picked.sample)} ` : '';
    button.textContent = picked ? text.pick.clear : text.pick.button;
    for (const el of inputs) el.disabled = picked !== null;
  };
  button.addEventListener('click', () => {
    if (picked) {
      picked = null;
      show();
      changed(null);
      return;
    }
    startPicking((choice) => {
      picked = choice;
      show();
      changed(choice);
      button.focus();
    });
  });
  return [shown, button] as const;
}

/** Each column's header, samples and a select with its suggested use, and the uses chosen. */
function columnControls(doc: Document, table: FoundTable, text: PanelText) {
  const suggestions = suggestColumns(table, doc.documentElement.getAttribute('lang'));
  const uses = ['', ...COLUMN_USES] as const;
  const selects = suggestions.map((s) =>
    select(doc, uses, (u) => text.use(u === '' ? null : u), s.use ?? ''),
  );
  const element = doc.createElement('table');
  suggestions.forEach((s, i) => {
    const tr = element.insertRow();
    const head = doc.createElement('th');
    head.textContent = s.header;
    tr.insertCell().textContent = s.samples.join(' · ');
    selects[i]!.setAttribute('aria-label', s.header);
    tr.insertCell().append(selects[i]!);
    tr.prepend(head);
  });
  const chosen = () =>
    suggestions.map((s, i) => ({ header: s.header, use: (selects[i]!.value || null) as ColumnUse | null }));
  return { element, chosen };
}

/**
 * Where the account, currency and range come from: typed, a text picked on the page, or (the range) the
 * address's query, suggested when it has one. Appended to `panel` as one line each.
 */
function sourceControls(
  doc: Document,
  panel: HTMLElement,
  url: URL,
  text: PanelText,
  startPicking: (done: (picked: PickedText | null) => void) => void,
) {
  const f = text.fields;
  const account = input(doc, '');
  const currency = input(doc, '');
  const start = input(doc, '', 'date');
  const end = input(doc, '', 'date');
  const picked: Picked = {};
  const pickFor = (field: PickField, inputs: HTMLInputElement[]) =>
    pickButton(doc, text, inputs, startPicking, (choice) => {
      picked[field] = choice;
      panel.dispatchEvent(new (doc.defaultView ?? window).Event('change'));
    });
  // A range in the address (`?from=…&to=…`) is the one that follows the page: suggested, and kept if left on.
  const params = dateParamsOf(url);
  const fromUrl = doc.createElement('input');
  fromUrl.type = 'checkbox';
  fromUrl.checked = params !== null;
  const syncRangeInputs = () => {
    for (const el of [start, end]) el.disabled = fromUrl.checked;
  };
  fromUrl.addEventListener('change', syncRangeInputs);
  syncRangeInputs();
  const line = (...parts: (HTMLElement | readonly HTMLElement[])[]) => {
    const p = doc.createElement('div');
    p.append(...parts.flat());
    panel.append(p);
  };
  line(labelled(doc, f.account, account), pickFor('account', [account]));
  line(labelled(doc, f.currency, currency), pickFor('currency', [currency]));
  if (params) line(labelled(doc, text.rangeFromUrl(params.start, params.end), fromUrl));
  line(labelled(doc, f.start, start), labelled(doc, f.end, end), pickFor('range', [start, end]));
  const draft = (): Pick<
    MappingDraft,
    'account' | 'currency' | 'dateStart' | 'dateEnd' | 'picked' | 'rangeParams'
  > => ({
    account: account.value,
    currency: currency.value,
    dateStart: start.value,
    dateEnd: end.value,
    picked,
    rangeParams: params && fromUrl.checked ? params : null,
  });
  return { draft };
}

function button(doc: Document, label: string): HTMLButtonElement {
  const el = doc.createElement('button');
  el.type = 'button';
  el.textContent = label;
  return el;
}

/** The panel's controls, filled with the suggestions, and what they hold as a draft. */
function buildPanel(
  doc: Document,
  table: FoundTable,
  url: URL,
  text: PanelText,
  startPicking: (done: (picked: PickedText | null) => void) => void,
) {
  const panel = doc.createElement('div');
  panel.className = 'panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', text.title);
  const heading = doc.createElement('h2');
  heading.textContent = text.title;
  const columns = columnControls(doc, table, text);
  const f = text.fields;
  const label = input(doc, url.host);
  const path = input(doc, url.pathname);
  const level = select(doc, LEVELS, text.level, 'campaign');
  panel.append(heading, columns.element);
  for (const [name, el] of [
    [f.label, label],
    [f.path, path],
    [f.level, level],
  ] as const)
    panel.append(labelled(doc, name, el));
  const sources = sourceControls(doc, panel, url, text, startPicking);
  const status = doc.createElement('p');
  status.setAttribute('role', 'status');
  const preview = doc.createElement('table');
  const caption = doc.createElement('p');
  caption.textContent = text.preview;
  const save = button(doc, text.save);
  const cancel = button(doc, text.cancel);
  panel.append(status, caption, preview, save, cancel);
  const draft = (): MappingDraft => ({
    label: label.value,
    pathPattern: path.value,
    level: level.value as Level,
    columns: columns.chosen(),
    ...sources.draft(),
  });
  return { panel, draft, status, preview, save, cancel };
}

/**
 * The column mapping panel (#15.2), after a table was picked: each column's header, sample values and a select
 * with the suggested use; the level, account, currency and range as fixed values; a live preview of the first
 * rows read by lib/mapping/read.ts (unknowns "—"). Page text only as textContent. Returns its remover.
 */
export function showMappingPanel(
  doc: Document,
  table: FoundTable,
  at: { url: URL; id: string; now: () => number },
  text: PanelText,
  events: PanelEvents,
): () => void {
  const { host, root } = layer(doc, text.title, PANEL_STYLE);
  root.querySelector('.bar')?.remove();
  let picking: (() => void) | null = null;
  const startPicking = (done: (picked: PickedText | null) => void) => {
    picking?.();
    status.textContent = text.pick.active;
    picking = pickTextOnPage(doc, host, (picked) => {
      picking = null;
      done(picked);
    });
  };
  const { panel, draft, status, preview, save, cancel } = buildPanel(doc, table, at.url, text, startPicking);
  const result = () => mappingOfDraft(draft(), { origin: at.url.origin, id: at.id, now: at.now() });
  function refresh() {
    const r = result();
    preview.replaceChildren();
    save.disabled = !r.ok;
    if (!r.ok) {
      status.textContent = text.problem(r.problem);
      return;
    }
    status.textContent = '';
    drawPreview(doc, preview, r.mapping, at.url, text);
  }
  root.append(panel);
  panel.addEventListener('input', refresh);
  panel.addEventListener('change', refresh);

  const onKey = (event: KeyboardEvent) => {
    // While a text is being picked, Escape ends the picking (lib/mapping/pick-text.ts), not the panel.
    if (event.key !== 'Escape' || picking) return;
    event.preventDefault();
    finish(events.cancel);
  };
  let done = false;
  function finish(then: () => void) {
    if (done) return;
    done = true;
    picking?.();
    doc.removeEventListener('keydown', onKey, true);
    host.remove();
    then();
  }
  save.addEventListener('click', () => {
    const r = result();
    if (r.ok) finish(() => events.save(r.mapping));
  });
  cancel.addEventListener('click', () => finish(events.cancel));
  doc.addEventListener('keydown', onKey, true);
  (doc.body ?? doc.documentElement).append(host);
  refresh();
  panel.querySelector('select')?.focus();
  return () => finish(() => undefined);
}

const PREVIEW_ROWS = 5;

/** The first rows as the reader will read them: the name and every mapped metric, unknown as "—". */
function drawPreview(doc: Document, preview: HTMLTableElement, mapping: Mapping, url: URL, text: PanelText) {
  const reading = readMappedTable(doc, url, mapping, { accountCurrency: () => null });
  const metrics = mapping.columns.filter((c) => c.use !== 'name' && c.use !== 'id');
  const head = preview.insertRow();
  for (const name of [text.use('name'), ...metrics.map((c) => text.use(c.use))]) {
    const th = doc.createElement('th');
    th.textContent = name;
    head.append(th);
  }
  for (const row of reading.rows.slice(0, PREVIEW_ROWS)) {
    const tr = preview.insertRow();
    tr.insertCell().textContent = row.entityName ?? row.entityId ?? '—';
    for (const c of metrics) {
      const value = row.metrics[c.use as keyof typeof row.metrics];
      tr.insertCell().textContent = value === undefined || value === null ? '—' : text.number(value);
    }
  }
}
