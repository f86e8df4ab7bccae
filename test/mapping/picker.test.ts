import { describe, expect, it, vi } from 'vitest';
import { findTables, type FoundTable } from '@/lib/mapping/discover';
import { showTablePicker, type PickerText } from '@/lib/mapping/picker';
import { OVERLAY_ATTR } from '@/lib/overlay/chip-dom';
import { loadPage } from './pages';

const TEXT: PickerText = {
  title: 'Pick the table to read',
  cancel: 'Cancel',
  none: 'No table found',
  tableLabel: (i, t: FoundTable) => `Table ${i + 1}: ${t.headers.join(', ')}`,
};

function open(doc: Document) {
  const tables = findTables(doc);
  const pick = vi.fn();
  const cancel = vi.fn();
  const stop = showTablePicker(doc, tables, TEXT, { pick, cancel });
  const root = doc.querySelector(`[${OVERLAY_ATTR}="table-picker"]`)?.shadowRoot ?? null;
  return { tables, pick, cancel, stop, root };
}

const picker = (doc: Document) => doc.querySelector(`[${OVERLAY_ATTR}="table-picker"]`);

describe('table picker', () => {
  it('puts a named button over each found table, the first focused; a click picks that table', () => {
    const doc = loadPage('plain-table-en');
    const { tables, pick, cancel, root } = open(doc);
    expect(tables.length).toBeGreaterThan(0);
    const buttons = [...root!.querySelectorAll<HTMLButtonElement>('button.pick')];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(
      tables.map((t, i) => `Table ${i + 1}: ${t.headers.join(', ')}`),
    );
    expect(root!.activeElement ?? doc.activeElement).toBe(buttons[0]);
    // The picker is KPI Lens's own: discovery does not find it as a table of the page.
    expect(findTables(doc)).toHaveLength(tables.length);
    buttons[0]!.click();
    expect(pick).toHaveBeenCalledWith(tables[0]);
    expect(cancel).not.toHaveBeenCalled();
    expect(picker(doc)).toBeNull();
  });

  it('Escape or Cancel ends it without a pick', () => {
    const doc = loadPage('div-grid-uk');
    const first = open(doc);
    doc.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(first.cancel).toHaveBeenCalledTimes(1);
    expect(picker(doc)).toBeNull();
    const second = open(doc);
    [...second.root!.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!.click();
    expect(second.cancel).toHaveBeenCalledTimes(1);
    expect(second.pick).not.toHaveBeenCalled();
    expect(picker(doc)).toBeNull();
  });

  it('finds the table inside an open shadow root too, and says so when there is none', () => {
    const shadow = open(loadPage('shadow-table-vi'));
    expect(shadow.tables.length).toBeGreaterThan(0);
    expect(shadow.root!.querySelectorAll('button.pick')).toHaveLength(shadow.tables.length);
    shadow.stop();
    const empty = loadPage('plain-table-en');
    empty.body.replaceChildren();
    const none = open(empty);
    expect(none.root!.querySelector('[role="status"]')!.textContent).toBe('No table found');
  });
});

describe('picker notice', () => {
  it('shows its text with a focused Close button; Close or Escape removes it', async () => {
    const { showPickerNotice } = await import('@/lib/mapping/picker');
    const doc = loadPage('plain-table-en');
    showPickerNotice(doc, 'KPI Lens', 'Table 1 picked.', 'Close');
    const root = picker(doc)!.shadowRoot!;
    expect(root.querySelector('[role="status"]')!.textContent).toBe('Table 1 picked.');
    const close = root.querySelector('button')!;
    expect(root.activeElement ?? doc.activeElement).toBe(close);
    close.click();
    expect(picker(doc)).toBeNull();
    showPickerNotice(doc, 'KPI Lens', 'Again', 'Close');
    doc.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(picker(doc)).toBeNull();
  });
});
