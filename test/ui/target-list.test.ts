import { describe, expect, it } from 'vitest';
import { currentSets } from '@/lib/ui/current';
import { liveCounts } from '@/lib/ui/target-form';
import {
  emptyCounts,
  entityChoices,
  findEntity,
  groupTargets,
  searchEntities,
  searchText,
  sumCounts,
  type EntityChoice,
} from '@/lib/ui/target-list';
import { GOAL_SETTINGS, row, T0, target } from './make';

describe('groupTargets', () => {
  const entity = target({
    id: 'e',
    kpi: 'cpa',
    value: 20,
    scope: { kind: 'campaign', platform: 'meta', accountId: 'A1', entityKey: 'c1' },
  });
  const everywhereCpa = target({ id: 'all-cpa', kpi: 'cpa', value: 20, currency: 'USD' });
  const everywhereRoas = target({ id: 'all-roas', kpi: 'roas', value: 2 });
  const meta = target({ id: 'p', kpi: 'roas', value: 3, scope: { kind: 'platform', platform: 'meta' } });

  it('puts targets in groups, most specific first, in the user’s order, leaving out empty groups', () => {
    const groups = groupTargets([everywhereCpa, meta, entity, everywhereRoas], () => undefined);
    expect(groups.map((g) => [g.kind, g.targets.map((t) => t.id)])).toEqual([
      ['campaign', ['e']],
      ['platform', ['p']],
      ['all', ['all-cpa', 'all-roas']],
    ]);
    expect(groups.every((g) => g.counts.total === 0)).toBe(true);
    expect(groupTargets([], () => emptyCounts())).toEqual([]);
  });

  it('sums the live counts of the one judge over the group’s targets', () => {
    const latest = [
      row({ entityKey: 'c1', metrics: { spend: 100, conversions: 5 } }), // CPA 20, ROAS unknown
      row({ entityKey: 'c2', metrics: { spend: 105, conversions: 5, conversionValue: 420 } }), // 21, ROAS 4
      row({ entityKey: 'c3', metrics: { spend: 300, conversions: 10, conversionValue: 300 } }), // 30, ROAS 1
    ];
    const sets = currentSets(latest);
    const countsOf = (t: Parameters<typeof liveCounts>[0]) => liveCounts(t, sets, latest, GOAL_SETTINGS, T0);
    const groups = groupTargets([everywhereCpa, everywhereRoas, entity], countsOf);
    expect(groups.find((g) => g.kind === 'campaign')?.counts).toEqual({
      'on-track': 1,
      'at-risk': 0,
      'off-track': 0,
      unknown: 0,
      total: 1,
    });
    // CPA ≤ 20 USD: on track, at risk, off track; ROAS ≥ 2: unknown, on track, off track.
    expect(groups.find((g) => g.kind === 'all')?.counts).toEqual({
      'on-track': 2,
      'at-risk': 1,
      'off-track': 2,
      unknown: 1,
      total: 6,
    });
  });

  it('sumCounts adds every status and the total', () => {
    const one = { 'on-track': 1, 'at-risk': 2, 'off-track': 3, unknown: 4, total: 10 };
    expect(sumCounts([one, one, emptyCounts()])).toEqual({
      'on-track': 2,
      'at-risk': 4,
      'off-track': 6,
      unknown: 8,
      total: 20,
    });
  });
});

describe('entityChoices', () => {
  it('names every entity as the page showed it, from current readings and remembered campaigns', () => {
    const latest = [
      row({ entityKey: 'c1', entityName: 'BF26 | Prospecting' }),
      row({ entityKey: 'as1', level: 'adset', entityName: 'Lookalike 1%' }),
      // An older reading of the same campaign: the newest name (listed first) wins.
      row({ entityKey: 'c1', entityName: 'old name', capturedAt: T0 - 1000 }),
      row({ entityKey: 'c9', entityId: '999', entityName: null }),
      row({ entityKey: 'acc', level: 'account', entityName: 'Shop' }),
    ];
    const accounts: Parameters<typeof entityChoices>[0] = [
      {
        platform: 'meta',
        accountId: 'A1',
        accountName: 'Shop',
        campaigns: { c1: { name: 'BF26 | Prospecting' }, c0: { name: 'Older campaign' } },
      },
      {
        platform: 'google' as const,
        accountId: '123-456-7890',
        accountName: null,
        campaigns: { g: { name: null } },
      },
    ];
    const choices = entityChoices(accounts, latest);
    expect(choices.map((c) => [c.platform, c.level, c.entityKey, c.name, c.accountName])).toEqual([
      ['meta', 'campaign', 'c9', '999', 'Shop'],
      ['meta', 'campaign', 'c1', 'BF26 | Prospecting', 'Shop'],
      ['google', 'campaign', 'g', 'g', null],
      ['meta', 'adset', 'as1', 'Lookalike 1%', 'Shop'],
      ['meta', 'campaign', 'c0', 'Older campaign', 'Shop'],
    ]);
    expect(findEntity(choices, { platform: 'meta', accountId: 'A1', entityKey: 'as1' })?.name).toBe(
      'Lookalike 1%',
    );
    expect(findEntity(choices, { platform: '', accountId: '', entityKey: '' })).toBeNull();
  });
});

describe('searchEntities', () => {
  const choice = (name: string, over: Partial<EntityChoice> = {}): EntityChoice => ({
    platform: 'meta',
    accountId: 'A1',
    accountName: 'Shop',
    entityKey: name,
    entityId: null,
    level: 'campaign',
    name,
    ...over,
  });
  const choices = [
    choice('Brand search'),
    choice('Khuyến mãi Tết', { accountName: 'Cửa hàng Đà Nẵng' }),
    choice('Non-Brand, Generic'),
    choice('Retargeting 7d', { entityId: '120212345678900027' }),
    choice('Кампанія весна', { platform: 'google', accountId: '123-456-7890', accountName: null }),
  ];
  const names = (query: string, limit?: number) => searchEntities(choices, query, limit).map((c) => c.name);

  it('finds a name by any part of it, case-insensitively, names that start with it first', () => {
    expect(names('brand')).toEqual(['Brand search', 'Non-Brand, Generic']);
    expect(names('GENER')).toEqual(['Non-Brand, Generic']);
    expect(names('  ')).toEqual(choices.map((c) => c.name));
    expect(names('', 2)).toEqual(['Brand search', 'Khuyến mãi Tết']);
    expect(names('nothing like it')).toEqual([]);
  });

  it('needs every word, in any order, and matches without accents (Vietnamese typed without marks)', () => {
    expect(names('tet khuyen')).toEqual(['Khuyến mãi Tết']);
    expect(names('mãi')).toEqual(['Khuyến mãi Tết']);
    expect(names('da nang')).toEqual(['Khuyến mãi Tết']);
    expect(names('весна')).toEqual(['Кампанія весна']);
    expect(names('brand retargeting')).toEqual([]);
  });

  it('finds an entity by its id or its account’s id too', () => {
    expect(names('900027')).toEqual(['Retargeting 7d']);
    expect(names('123-456')).toEqual(['Кампанія весна']);
  });

  it('searchText drops case, marks and extra spaces', () => {
    expect(searchText('  Đà   NẴNG ')).toBe('da nang');
    // Ukrainian ї and й lose their marks too, on both sides of the comparison alike.
    expect(searchText('Київ')).toBe('киів');
  });
});
