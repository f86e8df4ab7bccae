import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSummaryPanel, type SummaryPanelProps } from '@/components/overlay/summary-panel';
import { setLanguage } from '@/lib/i18n';
import { currencyPrompt, type CurrencyPrompt } from '@/lib/overlay/currency-prompt';
import type { SummaryModel } from '@/lib/overlay/summary';
import { DEFAULT_SETTINGS } from '@/lib/store/settings';
import en from '@/public/_locales/en/messages.json';
import { installDom } from '../content/dom';
import { reading, row } from './make';
import { translator } from './translate';

beforeAll(() => setLanguage('en', async () => en));
beforeEach(() => void installDom());

const model: SummaryModel = {
  title: 'KPI Lens · Meta Ads Manager',
  headline: 'No targets yet',
  notRecognised: null,
  partial: [],
  facts: [],
  totals: [],
  budgets: [],
  saveError: null,
  waiting: false,
  risks: { shown: [], more: 0 },
  comparison: null,
};

function asked(accountId = '583920174615290'): CurrencyPrompt {
  const read = reading([row('1', { spend: 10 })], { currency: 'USD', currencySource: 'assumed', accountId });
  return currencyPrompt(read, DEFAULT_SETTINGS, translator('en'))!;
}

function setup(prompt: CurrencyPrompt | null = asked(), onAnswer = vi.fn(async () => {})) {
  const panel = createSummaryPanel(document);
  document.body.append(panel.element);
  const props = (over: Partial<SummaryPanelProps> = {}): SummaryPanelProps => ({
    model,
    platformLabel: 'Meta Ads Manager',
    collapsed: true,
    onToggle: () => {},
    onHide: () => {},
    onOpenOptions: () => {},
    currencyPrompt: prompt,
    onAnswerCurrency: onAnswer,
    ...over,
  });
  panel.render(props());
  const q = <T extends Element = HTMLElement>(s: string) => panel.element.querySelector(s) as T;
  const button = (name: string) =>
    [...panel.element.querySelectorAll<HTMLButtonElement>('.prompt button')].find(
      (b) => b.textContent === name && !b.closest('[hidden]'),
    );
  return { panel, props, q, button, onAnswer };
}

const escape = () =>
  new (window as unknown as typeof globalThis).KeyboardEvent('keydown', { key: 'Escape', bubbles: true });

describe('the panel’s currency question', () => {
  it('shows while the panel is collapsed, as a group named by its question, with three buttons', () => {
    const { q, button } = setup();
    const group = q('.prompt');
    expect(group.hidden).toBe(false);
    expect(group.getAttribute('role')).toBe('group');
    expect(q(`#${group.getAttribute('aria-labelledby')}`).textContent).toBe(
      'This account’s amounts are in USD?',
    );
    expect(q('.body').hidden).toBe(true);
    expect(
      [...group.querySelectorAll('.prompt-actions button')]
        .filter((b) => !b.closest('[hidden]'))
        .map((b) => b.textContent),
    ).toEqual(['Confirm', 'Choose another', 'Don’t ask again']);
    expect(button('Confirm')!.type).toBe('button');
  });

  it('Confirm answers with the assumed currency; Don’t ask again with a dismissal', async () => {
    const prompt = asked();
    const { button, onAnswer } = setup(prompt);
    button('Confirm')!.click();
    await Promise.resolve();
    expect(onAnswer).toHaveBeenCalledWith(prompt, { kind: 'set', currency: 'USD' });
    await new Promise((r) => setTimeout(r, 0));
    button('Don’t ask again')!.click();
    expect(onAnswer).toHaveBeenLastCalledWith(prompt, { kind: 'dismiss' });
  });

  it('Choose another: a labelled select (likely codes first), focused; Save answers with the choice', async () => {
    const prompt = asked();
    const { q, button, onAnswer } = setup(prompt);
    button('Choose another')!.click();
    const select = q<HTMLSelectElement>('select');
    expect(document.activeElement).toBe(select);
    expect(q(`label[for="${select.id}"]`).textContent).toBe('Currency of this account');
    const groups = [...select.querySelectorAll('optgroup')];
    expect(groups.map((g) => g.label)).toEqual(['Written with this symbol', 'All currencies']);
    expect([...groups[0]!.querySelectorAll('option')].slice(0, 3).map((o) => o.value)).toEqual([
      'USD',
      'CAD',
      'AUD',
    ]);
    expect(select.value).toBe('USD');
    expect(button('Confirm')).toBeUndefined();
    select.value = 'CAD';
    button('Save')!.click();
    expect(onAnswer).toHaveBeenCalledWith(prompt, { kind: 'set', currency: 'CAD' });
  });

  it('Escape (or Cancel) while choosing goes back to the question, focus on “Choose another”; nothing is answered', () => {
    const { q, button, onAnswer, panel, props } = setup();
    button('Choose another')!.click();
    // A new reading redraws the panel: the choice stays open and focused.
    panel.render(props());
    const select = q<HTMLSelectElement>('select');
    expect(document.activeElement).toBe(select);
    select.dispatchEvent(escape());
    expect(q('.prompt-choose').hidden).toBe(true);
    expect(document.activeElement).toBe(button('Choose another'));
    button('Choose another')!.click();
    button('Cancel')!.click();
    expect(document.activeElement).toBe(button('Choose another'));
    expect(onAnswer).not.toHaveBeenCalled();
  });

  it('goes away when the settings say it was answered; focus goes to the panel’s bar', () => {
    const { q, button, panel, props } = setup();
    button('Confirm')!.focus();
    panel.render(props({ currencyPrompt: null }));
    expect(q('.prompt')).toBeNull();
    expect(document.activeElement).toBe(q('button.bar'));
  });

  it('another account’s question starts over (not in the last account’s choice)', () => {
    const { q, button, panel, props } = setup();
    button('Choose another')!.click();
    panel.render(props({ currencyPrompt: asked('42') }));
    expect(q('.prompt-choose').hidden).toBe(true);
    expect(button('Confirm')).toBeDefined();
  });

  it('an answer that could not be saved says why, and can be given again', async () => {
    const onAnswer = vi.fn(async () => {
      throw new Error('The setting could not be saved: storage is full');
    });
    const { q, button } = setup(asked(), onAnswer);
    button('Confirm')!.click();
    await new Promise((r) => setTimeout(r, 0));
    const error = q('.prompt-error');
    expect(error.hidden).toBe(false);
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe(
      'The currency was not saved: The setting could not be saved: storage is full',
    );
    button('Confirm')!.click();
    expect(onAnswer).toHaveBeenCalledTimes(2);
  });

  it('no question: nothing of it is in the panel (no hidden tab stops)', () => {
    const { q, panel, props } = setup(null);
    expect(q('.prompt')).toBeNull();
    panel.render(props({ currencyPrompt: asked() }));
    expect(q('.prompt')!.nextElementSibling).toBe(q('.body'));
    expect(q('.prompt')!.previousElementSibling).toBe(q('button.bar'));
  });
});
