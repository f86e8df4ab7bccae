import { describe, expect, it } from 'vitest';
import { currencyChoices, currencyPrompt } from '@/lib/overlay/currency-prompt';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/store/settings';
import { reading, row } from './make';
import { translator } from './translate';

const t = translator('en');
const rows = [row('1', { spend: 10 })];
const assumedUsd = reading(rows, { currency: 'USD', currencySource: 'assumed' });
const KEY = 'meta:583920174615290';
const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...over });

describe('the currency question', () => {
  it('is asked for an assumed currency of an account, with the assumed one first among its choices', () => {
    const prompt = currencyPrompt(assumedUsd, settings(), t)!;
    expect(prompt).toMatchObject({
      key: KEY,
      platform: 'meta',
      accountId: '583920174615290',
      assumed: 'USD',
      question: 'This account’s amounts are in USD?',
    });
    expect(prompt.explanation).toMatch(/assumed USD/);
    expect(prompt.likely).toEqual([
      'USD',
      'CAD',
      'AUD',
      'NZD',
      'MXN',
      'SGD',
      'HKD',
      'TWD',
      'CLP',
      'ARS',
      'COP',
    ]);
    // Every other ISO code follows, sorted, each once, none of the likely ones again.
    expect(prompt.others).toContain('EUR');
    expect(prompt.others).not.toContain('USD');
    expect([...prompt.others].sort()).toEqual(prompt.others);
    expect(prompt.others.every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
  });

  it('¥ assumed as CNY (a Chinese UI) offers CNY, then JPY', () => {
    expect(currencyChoices('CNY').likely).toEqual(['CNY', 'JPY']);
    // A code no symbol is assumed as is offered alone at the top.
    expect(currencyChoices('EUR').likely).toEqual(['EUR']);
  });

  it('is not asked when the page named the currency, it is unknown, or there is no account to remember it for', () => {
    expect(currencyPrompt(reading(rows, { currencySource: 'page' }), settings(), t)).toBeNull();
    expect(
      currencyPrompt(reading(rows, { currency: 'USD', currencySource: 'account' }), settings(), t),
    ).toBeNull();
    expect(currencyPrompt(reading(rows, { currency: null, currencySource: null }), settings(), t)).toBeNull();
    expect(
      currencyPrompt(
        reading(rows, { currency: 'USD', currencySource: 'assumed', accountId: null }),
        settings(),
        t,
      ),
    ).toBeNull();
    expect(currencyPrompt(null, settings(), t)).toBeNull();
    expect(currencyPrompt(assumedUsd, null, t)).toBeNull();
    const notRecognised = {
      ...assumedUsd,
      health: { status: 'not-recognised' as const, reason: 'no table' },
    };
    expect(currencyPrompt(notRecognised, settings(), t)).toBeNull();
  });

  it('is asked once per account: not after the account has a currency or the user said not to ask again', () => {
    expect(currencyPrompt(assumedUsd, settings({ accountCurrencies: { [KEY]: 'CAD' } }), t)).toBeNull();
    expect(currencyPrompt(assumedUsd, settings({ currencyPromptDismissed: { [KEY]: 1 } }), t)).toBeNull();
    // Another account's answer does not count for this one; the same id on another platform neither.
    expect(
      currencyPrompt(assumedUsd, settings({ accountCurrencies: { 'meta:1': 'USD' } }), t),
    ).not.toBeNull();
    expect(
      currencyPrompt(assumedUsd, settings({ currencyPromptDismissed: { 'google:583920174615290': 1 } }), t),
    ).not.toBeNull();
  });

  it('asks in the UI language', () => {
    expect(currencyPrompt(assumedUsd, settings(), translator('uk'))!.question).toBe(
      'Суми цього акаунта в USD?',
    );
    expect(currencyPrompt(assumedUsd, settings(), translator('vi'))!.question).toBe(
      'Số tiền của tài khoản này tính bằng USD?',
    );
  });
});
