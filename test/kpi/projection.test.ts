import { describe, expect, it } from 'vitest';
import {
  entitiesOfReading,
  judgedEntitiesOfReading,
  judgedEntityOf,
  UNKNOWN_ACCOUNT,
  withAccountCurrencies,
} from '@/lib/kpi/projection';
import type { PageContext, Snapshot } from '@/lib/model';
import { reading, row } from '../overlay/make';

const currencyOf = (context: Partial<PageContext>, accountCurrencies = {}) =>
  judgedEntitiesOfReading(reading([row('1', { spend: 10 })], context), accountCurrencies).map((e) => [
    e.currency,
    e.currencySource,
  ])[0];

describe('entities of a reading (what is stored)', () => {
  it('one entity per key, the first reading of a twice-listed row; rows without id or name are not entities', () => {
    const r = reading([
      row('1', { spend: 10 }),
      row(null, { spend: 20 }, 'By name'),
      row('1', { spend: 99 }),
      row(null, { spend: 30 }, ''),
    ]);
    expect(entitiesOfReading(r).map((e) => [e.entityKey, e.metrics.spend])).toEqual([
      ['1', 10],
      ['name:By name', 20],
    ]);
  });

  it('a page that was not recognised has none', () => {
    const r = {
      ...reading([row('1', { spend: 10 })]),
      health: { status: 'not-recognised' as const, reason: 'x' },
    };
    expect(entitiesOfReading(r)).toEqual([]);
  });

  it('keeps the currency as read, an assumed one marked, and no source without a currency', () => {
    const assumed = entitiesOfReading(
      reading([row('1', {})], { currency: 'USD', currencySource: 'assumed' }),
    );
    expect(assumed[0]).toMatchObject({
      currency: 'USD',
      currencySource: 'assumed',
      accountId: '583920174615290',
    });
    const unknown = entitiesOfReading(reading([row('1', {})], { currency: null, currencySource: 'assumed' }));
    expect(unknown[0]).toMatchObject({ currency: null, currencySource: null });
  });

  it('a missing metric stays missing (never 0)', () => {
    const [e] = entitiesOfReading(reading([row('1', { spend: 10 })]));
    expect(e!.metrics).toEqual({ spend: 10 });
    expect('conversions' in e!.metrics).toBe(false);
  });
});

describe('entities as judged: one currency rule (lib/kpi/currency-policy.ts)', () => {
  const account = { 'meta:583920174615290': 'EUR' };

  it('a currency the page named is never overridden by the account setting', () => {
    expect(currencyOf({ currency: 'USD', currencySource: 'page' }, account)).toEqual(['USD', 'page']);
  });

  it('an assumed currency, and an unknown one, take the account setting', () => {
    expect(currencyOf({ currency: 'USD', currencySource: 'assumed' }, account)).toEqual(['EUR', 'account']);
    expect(currencyOf({ currency: null, currencySource: null }, account)).toEqual(['EUR', 'account']);
  });

  it('without a setting, an assumed currency stays assumed and an unknown one unknown', () => {
    expect(currencyOf({ currency: 'USD', currencySource: 'assumed' })).toEqual(['USD', 'assumed']);
    expect(currencyOf({ currency: null, currencySource: null })).toEqual([null, null]);
  });

  it('a page whose account is unknown gets no account’s setting, and an account id no target can have', () => {
    const settings = { 'meta:?': 'EUR', 'meta:': 'EUR' };
    expect(currencyOf({ accountId: null, currency: 'USD', currencySource: 'assumed' }, settings)).toEqual([
      'USD',
      'assumed',
    ]);
    const [e] = judgedEntitiesOfReading(reading([row('1', {})], { accountId: null }));
    expect(e!.accountId).toBe(UNKNOWN_ACCOUNT);
  });

  it('stored rows take the setting made after they were read; rows that do not change are the same objects', () => {
    const stored: Snapshot = {
      capturedAt: 1,
      platform: 'meta',
      accountId: '1',
      accountName: null,
      level: 'campaign',
      entityKey: 'c',
      entityId: 'c',
      entityName: null,
      dateStart: null,
      dateEnd: null,
      currency: 'USD',
      currencySource: 'assumed',
      metrics: { spend: 5 },
      clickKind: null,
      resultType: null,
    };
    const page = { ...stored, entityKey: 'p', currencySource: 'page' as const };
    const [a, b] = withAccountCurrencies([stored, page], { 'meta:1': 'CAD' });
    expect([a!.currency, a!.currencySource]).toEqual(['CAD', 'account']);
    expect(b).toBe(page);
    expect(judgedEntityOf(stored, { 'meta:1': 'CAD' })).toMatchObject({
      currency: 'CAD',
      currencySource: 'account',
    });
  });
});
