import { describe, expect, it, vi } from 'vitest';
import { findTables } from '@/lib/mapping/discover';
import { showMappingPanel, type PanelText } from '@/lib/mapping/panel';
import { OVERLAY_ATTR } from '@/lib/overlay/chip-dom';
import { loadPage, PAGE_URLS } from './pages';

const TEXT: PanelText = {
  title: 'Map the columns',
  use: (u) => u ?? 'not used',
  level: (l) => l,
  fields: {
    label: 'Source',
    path: 'Path',
    level: 'Level',
    account: 'Account',
    currency: 'Currency',
    start: 'From',
    end: 'To',
  },
  problem: (p) => `problem:${p}`,
  preview: 'Preview',
  number: (value) => `#${value}`,
  pick: {
    button: 'Pick',
    active: 'Click the text',
    picked: (sample) => `picked “${sample}”`,
    clear: 'Type',
  },
  rangeFromUrl: (start, end) => `range from ?${start}&${end}`,
  save: 'Save',
  cancel: 'Cancel',
};

function open() {
  const doc = loadPage('plain-table-en');
  const table = findTables(doc)[0]!;
  const save = vi.fn();
  const cancel = vi.fn();
  const url = new URL(PAGE_URLS['plain-table-en']);
  showMappingPanel(doc, table, { url, id: 'map-x', now: () => 9 }, TEXT, { save, cancel });
  const root = doc.querySelector(`[${OVERLAY_ATTR}="table-picker"]`)!.shadowRoot!;
  const button = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name)!;
  return { doc, root, save, cancel, button };
}

describe('mapping panel', () => {
  it('suggests each column’s use, previews the read rows with unknowns as —, and saves the mapping', () => {
    const { doc, root, save, button } = open();
    const selects = [...root.querySelectorAll<HTMLSelectElement>('table select')];
    expect(selects.map((s) => s.getAttribute('aria-label'))).toContain('Campaign');
    expect(selects[0]!.value).toBe('name');
    expect(root.activeElement ?? doc.activeElement).toBe(selects[0]);
    const preview = [...root.querySelectorAll('table')][1]!;
    expect(preview.rows.length).toBeGreaterThan(1);
    expect(preview.rows[1]!.cells[0]!.textContent).toBe('Black Friday – Search');
    // Every previewed number goes through the user's number format; an unknown stays "—".
    const values = [...preview.rows]
      .slice(1)
      .flatMap((row) => [...row.cells].slice(1).map((c) => c.textContent));
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value).toMatch(/^(#-?\d+(\.\d+)?|—)$/);
    expect(values.some((value) => value !== '—')).toBe(true);
    expect(button('Save').disabled).toBe(false);
    button('Save').click();
    expect(save).toHaveBeenCalledTimes(1);
    const mapping = save.mock.calls[0]![0];
    expect(mapping.origin).toBe('https://tracker.example.net');
    expect(mapping.columns.find((c: { use: string }) => c.use === 'name').header).toBe('Campaign');
    expect(doc.querySelector(`[${OVERLAY_ATTR}]`)).toBeNull();
  });

  it('with no name column it says why and cannot save; Escape cancels', () => {
    const { doc, root, save, cancel, button } = open();
    const first = root.querySelector<HTMLSelectElement>('table select')!;
    first.value = '';
    first.dispatchEvent(new doc.defaultView!.Event('change', { bubbles: true }));
    expect(root.querySelector('[role="status"]')!.textContent).toBe('problem:columns');
    expect(button('Save').disabled).toBe(true);
    doc.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(save).not.toHaveBeenCalled();
  });

  it('takes the account from a text the user clicks on the page, and the range from the address', () => {
    const { doc, root, save, button } = open();
    const win = doc.defaultView!;
    button('Pick').click();
    expect(root.querySelector('[role="status"]')!.textContent).toBe('Click the text');
    // Escape while picking ends the picking, not the panel.
    doc.dispatchEvent(new win.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(doc.querySelector(`[${OVERLAY_ATTR}]`)).not.toBeNull();
    button('Pick').click();
    const workspace = doc.getElementById('workspace')!;
    const click = new win.MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    workspace.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(root.textContent).toContain('picked “Acme Growth”');
    const range = [...root.querySelectorAll('label')].find((l) => l.textContent?.startsWith('range from'))!;
    expect(range.textContent).toBe('range from ?from&to ');
    expect(range.querySelector('input')!.checked).toBe(true);
    button('Save').click();
    const mapping = save.mock.calls[0]![0];
    expect(mapping.account).toEqual({ from: 'page', selector: '#workspace', sample: 'Acme Growth' });
    expect(mapping.dateRange).toEqual({ from: 'url-params', start: 'from', end: 'to' });
  });
});
