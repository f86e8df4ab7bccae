import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSummaryPanel, type SummaryPanelProps } from '@/components/overlay/summary-panel';
import { setLanguage } from '@/lib/i18n';
import type { SummaryModel } from '@/lib/overlay/summary';
import en from '@/public/_locales/en/messages.json';
import { installDom } from '../content/dom';

beforeAll(() => setLanguage('en', async () => en));
beforeEach(() => void installDom());

function model(overrides: Partial<SummaryModel> = {}): SummaryModel {
  return {
    title: 'KPI Lens · Meta Ads Manager',
    headline: '1 off track',
    notRecognised: null,
    partial: [],
    facts: [
      { label: 'Account', value: 'Northwind (583920174615290)' },
      { label: 'Rows read', value: '4 of 4' },
    ],
    totals: [
      {
        kpi: 'spend',
        label: 'Spend',
        value: '$7,401.85',
        status: 'none',
        symbol: '·',
        statusText: 'No target',
        detail: '',
        edit: null,
      },
      {
        kpi: 'cpa',
        label: 'CPA',
        value: '$24.10',
        status: 'off-track',
        symbol: '✕',
        statusText: 'Off track',
        detail: 'target ≤ $20.00 · 20.5% over',
        edit: { kpi: 'cpa', value: 24.1, currency: 'USD' },
      },
    ],
    budgets: [
      {
        title: 'Monthly budget $10,000.00',
        status: 'on-track',
        symbol: '✓',
        statusText: 'On track',
        facts: [{ label: 'Pacing', value: '96%' }],
        reason: null,
      },
    ],
    saveError: null,
    waiting: false,
    risks: { shown: [], more: 0 },
    comparison: null,
    ...overrides,
  };
}

function setup(collapsed = true) {
  const panel = createSummaryPanel(document);
  document.body.append(panel.element);
  const calls = { toggle: vi.fn(), hide: vi.fn(), options: vi.fn() };
  const props = (over: Partial<SummaryPanelProps> = {}): SummaryPanelProps => ({
    model: model(),
    platformLabel: 'Meta Ads Manager',
    collapsed,
    onToggle: calls.toggle,
    onHide: calls.hide,
    onOpenOptions: calls.options,
    ...over,
  });
  panel.render(props());
  const q = <T extends Element = HTMLElement>(s: string) => panel.element.querySelector(s) as T;
  return { panel, props, calls, q };
}

/** The element's words as a reader gets them: separate elements' texts apart. */
function text(el: Element): string {
  const parts: string[] = [];
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  while (walker.nextNode()) parts.push(walker.currentNode.nodeValue ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

describe('summary panel (plain DOM)', () => {
  it('collapsed: one bar that names the panel, says what needs attention and controls the body', () => {
    const { q, panel } = setup();
    const bar = q<HTMLButtonElement>('button.bar');
    expect(panel.element.getAttribute('aria-label')).toBe('KPI Lens · Meta Ads Manager');
    expect(bar.getAttribute('aria-expanded')).toBe('false');
    expect(bar.type).toBe('button');
    expect(text(q('.title'))).toBe('KPI Lens · Meta Ads Manager');
    expect(text(q('.headline'))).toBe('1 off track');
    expect(q('.logo').getAttribute('aria-hidden')).toBe('true');
    const body = panel.element.querySelector(`#${bar.getAttribute('aria-controls')}`) as HTMLElement;
    expect(body).toBe(q('.body'));
    expect(body.hidden).toBe(true);
    // Nothing is drawn that is not shown.
    expect(body.querySelector('.totals')).toBeNull();
    expect(panel.element.dataset.collapsed).toBe('true');
  });

  it('open: totals with statuses in words, budgets, facts, and the two buttons by name', () => {
    const { q, panel } = setup(false);
    expect(q('button.bar').getAttribute('aria-expanded')).toBe('true');
    expect(q('.body').hidden).toBe(false);
    const lines = [...panel.element.querySelectorAll('.totals > li')].map(text);
    expect(lines).toEqual(['Spend $7,401.85', 'CPA $24.10 ✕ Off track target ≤ $20.00 · 20.5% over']);
    expect(q('.totals [data-kpi="cpa"] .badge').dataset.status).toBe('off-track');
    // The spend line has no target, so no badge.
    expect(q('.totals [data-kpi="spend"] .badge')).toBeNull();
    expect(q('section[aria-label="This table"] h3')).not.toBeNull();
    expect(text(q('.budgets .budget'))).toBe('Monthly budget $10,000.00 ✓ On track Pacing 96%');
    expect([...panel.element.querySelectorAll('.body > div > dl.facts dt')].map(text)).toEqual([
      'Account',
      'Rows read',
    ]);
    const buttons = [...panel.element.querySelectorAll('.actions button')].map(text);
    expect(buttons).toEqual(['Hide on Meta Ads Manager', 'Options']);
  });

  it('the buttons call the latest handlers', () => {
    const { q, calls, panel, props } = setup(false);
    q('button.bar').click();
    expect(calls.toggle).toHaveBeenCalledTimes(1);
    const later = vi.fn();
    panel.render(props({ onHide: later }));
    panel.element.querySelectorAll<HTMLButtonElement>('.actions button')[0]!.click();
    panel.element.querySelectorAll<HTMLButtonElement>('.actions button')[1]!.click();
    expect(calls.hide).not.toHaveBeenCalled();
    expect(later).toHaveBeenCalledTimes(1);
    expect(calls.options).toHaveBeenCalledTimes(1);
  });

  it('keyboard focus stays on the bar and on the buttons when a new reading re-renders the panel', () => {
    const { q, panel, props } = setup(false);
    const bar = q<HTMLButtonElement>('button.bar');
    bar.focus();
    panel.render(props({ model: model({ headline: '2 off track' }), collapsed: true }));
    expect(document.activeElement).toBe(bar);
    expect(bar.getAttribute('aria-expanded')).toBe('false');
    panel.render(props({ collapsed: false }));
    const hide = panel.element.querySelector<HTMLButtonElement>('.actions button')!;
    hide.focus();
    panel.render(props({ model: model({ headline: '3 off track' }) }));
    expect(document.activeElement).toBe(hide);
    // Focus order: the bar, then the buttons (nothing else in the panel is a tab stop).
    const tabbable = [...panel.element.querySelectorAll('button, [tabindex]')].map(
      (e) => e.className || text(e),
    );
    expect(tabbable).toEqual(['bar', 'Hide on Meta Ads Manager', 'Options']);
  });

  it("a totals line's KPI opens the target editor beside it (click or Enter: a button), and keeps the focus when redrawn", () => {
    const { panel, props } = setup(false);
    // Without a handler the KPI is text.
    expect(panel.element.querySelector('[data-edit-kpi]')).toBeNull();
    const onEditTarget = vi.fn();
    panel.render(props({ onEditTarget }));
    const cpa = panel.element.querySelector<HTMLButtonElement>('[data-edit-kpi="cpa"]')!;
    expect(cpa.localName).toBe('button');
    expect(cpa.type).toBe('button');
    expect(cpa.getAttribute('aria-label')).toBe('Set a target for CPA');
    expect(cpa.getAttribute('aria-haspopup')).toBe('dialog');
    // Spend has no target of its own here (budgets are set in the options page).
    expect(panel.element.querySelector('[data-kpi="spend"] button')).toBeNull();
    cpa.click();
    expect(onEditTarget).toHaveBeenCalledWith('cpa', cpa);
    // The editor gives the focus back; a new reading redraws the line and the focus stays on its KPI.
    expect(panel.focusKpi('cpa')).toBe(true);
    panel.render(props({ onEditTarget, model: model({ headline: '2 off track' }) }));
    const again = panel.element.querySelector('[data-edit-kpi="cpa"]');
    expect(again).not.toBe(cpa);
    expect(document.activeElement).toBe(again);
    expect(panel.focusKpi('roas')).toBe(false);
  });

  it('not recognised and save errors: notices with their roles, the bar asks for attention', () => {
    const { q, panel, props } = setup(false);
    expect(q('button.bar').dataset.attention).toBeUndefined();
    panel.render(
      props({
        model: model({
          headline: 'Page not recognised',
          notRecognised: 'No table with a campaign column.',
          saveError: 'Could not save this reading: disk full',
          totals: [],
          budgets: [],
          facts: [],
          partial: ['currency'],
        }),
      }),
    );
    expect(q('button.bar').dataset.attention).toBe('true');
    expect(text(q('[data-kind="not-recognised"]'))).toBe(
      'KPI Lens does not recognise this page No table with a campaign column.',
    );
    expect(q('[data-kind="not-recognised"]').getAttribute('role')).toBe('status');
    expect(q('[data-kind="save-error"]').getAttribute('role')).toBe('alert');
    expect(text(q('.partial'))).toMatch(/ currency$/);
    expect(panel.element.querySelector('.totals')).toBeNull();
    panel.render(props());
    expect(q('button.bar').dataset.attention).toBeUndefined();
    expect(q('[data-kind]')).toBeNull();
  });

  it('waiting for the first reading', () => {
    const { q, panel, props } = setup(false);
    panel.render(props({ model: model({ waiting: true, totals: [], budgets: [], facts: [] }) }));
    expect(text(q('.muted'))).toBe(en.overlay_waiting.message);
  });

  it('page text stays text', () => {
    const { panel, props } = setup(false);
    const evil = '<img src=x onerror=alert(1)>';
    panel.render(
      props({
        model: model({ notRecognised: evil, facts: [{ label: 'Account', value: evil }] }),
        platformLabel: evil,
      }),
    );
    expect(panel.element.querySelector('img')).toBeNull();
    expect(panel.element.textContent).toContain(evil);
  });
});
