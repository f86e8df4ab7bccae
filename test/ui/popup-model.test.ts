import { describe, expect, it } from 'vitest';
import type { UrlContext } from '@/lib/platforms/types';
import type { PlatformAdapter } from '@/lib/platforms/types';
import { EMPTY_STATUS } from '@/lib/store/status';
import { currentSets } from '@/lib/ui/current';
import { buildPopupModel, trendChoices, trendQueries } from '@/lib/ui/popup-model';
import {
  ALL,
  csvFilterOfView,
  inScope,
  parseScopeKey,
  scopeFromTabUrl,
  scopeKey,
  scopeOptions,
  type ViewScope,
} from '@/lib/ui/scope';
import { row, settings, T0, target } from './make';

const base = {
  targets: [],
  settings: settings(),
  status: EMPTY_STATUS,
  view: ALL,
  now: T0,
  defaultTimeZone: 'UTC',
  trendSnapshots: [],
  trendKpi: null,
} as const;

describe('scope', () => {
  it('round-trips keys, including account ids with colons', () => {
    const scopes: ViewScope[] = [
      ALL,
      { kind: 'platform', platform: 'google' },
      { kind: 'account', platform: 'generic', accountId: 'sheet:1' },
    ];
    for (const s of scopes) expect(parseScopeKey(scopeKey(s))).toEqual(s);
    expect(parseScopeKey('account:nope:1')).toBeNull();
    expect(parseScopeKey('platform:meta:x')).toBeNull();
  });

  it('finds the active tab’s account from its URL, and falls back when the URL is hidden', () => {
    const adapter = {
      id: 'meta',
      detect: (url: URL): UrlContext | null =>
        url.pathname.startsWith('/adsmanager/manage')
          ? { level: 'campaign', accountId: url.searchParams.get('act'), dateStart: null, dateEnd: null }
          : null,
    } as unknown as PlatformAdapter;
    const lookup = (url: URL) => (url.host === 'adsmanager.facebook.com' ? adapter : null);
    expect(
      scopeFromTabUrl('https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=42', lookup),
    ).toEqual({ kind: 'account', platform: 'meta', accountId: '42' });
    expect(scopeFromTabUrl('https://adsmanager.facebook.com/adsmanager/manage/campaigns', lookup)).toEqual({
      kind: 'platform',
      platform: 'meta',
    });
    expect(scopeFromTabUrl('https://example.com/', lookup)).toBeNull();
    expect(scopeFromTabUrl(undefined, lookup)).toBeNull();
    expect(scopeFromTabUrl('not a url', lookup)).toBeNull();
  });

  it('offers the tab first, then everything, platforms and accounts', () => {
    const options = scopeOptions(
      [
        { platform: 'google', accountId: '123-456-7890', accountName: 'B' },
        { platform: 'meta', accountId: '2', accountName: 'Z' },
        { platform: 'meta', accountId: '1', accountName: 'A' },
      ],
      { kind: 'account', platform: 'meta', accountId: '2' },
    );
    expect(options.map((o) => [o.key, o.fromTab, o.accountName])).toEqual([
      ['account:meta:2', true, 'Z'],
      ['all', false, null],
      ['platform:meta', false, null],
      ['platform:google', false, null],
      ['account:meta:1', false, 'A'],
      ['account:google:123-456-7890', false, 'B'],
    ]);
  });

  it('filters rows and CSV exports by the view', () => {
    const r = row({ entityKey: 'x' });
    expect(inScope(r, { kind: 'platform', platform: 'google' })).toBe(false);
    expect(inScope(r, { kind: 'account', platform: 'meta', accountId: 'A1' })).toBe(true);
    expect(csvFilterOfView(ALL)).toEqual({});
    expect(csvFilterOfView({ kind: 'account', platform: 'meta', accountId: 'A1' })).toEqual({
      platform: 'meta',
      accountId: 'A1',
    });
  });
});

describe('currentSets', () => {
  it('uses, per account, the newest reading’s range at its highest level', () => {
    const latest = [
      row({ entityKey: 'ad1', level: 'ad', capturedAt: T0 }),
      row({ entityKey: 'c1', level: 'campaign', capturedAt: T0 - 1000 }),
      row({ entityKey: 'c2', level: 'campaign', capturedAt: T0 - 5000, dateEnd: '2026-11-20' }),
      row({ entityKey: 'g1', platform: 'google', accountId: 'G', capturedAt: T0 - 100 }),
    ];
    const sets = currentSets(latest);
    expect(sets.map((s) => [s.platform, s.accountId, s.level, s.rows.map((r) => r.entityKey)])).toEqual([
      ['google', 'G', 'campaign', ['g1']],
      ['meta', 'A1', 'campaign', ['c1']],
    ]);
    expect(trendQueries(sets, T0)[1]).toMatchObject({
      platform: 'meta',
      accountId: 'A1',
      level: 'campaign',
      to: T0,
    });
  });
});

describe('buildPopupModel', () => {
  it('is the first-run state with nothing stored', () => {
    const model = buildPopupModel({ ...base, latest: [] });
    expect(model).toMatchObject({ empty: true, viewEmpty: true, trend: null, goals: [], entities: [] });
  });

  it('is empty for a view without readings while others exist', () => {
    const model = buildPopupModel({
      ...base,
      latest: [row({ entityKey: 'c1' })],
      view: { kind: 'platform', platform: 'tiktok' },
    });
    expect(model).toMatchObject({ empty: false, viewEmpty: true });
  });

  it('sums the view, lists goals, the trend KPI and the last reading time', () => {
    const latest = [
      row({
        entityKey: 'c1',
        capturedAt: T0 - 1000,
        metrics: { spend: 100, conversions: 5, conversionValue: 400 },
      }),
      row({ entityKey: 'c2', metrics: { spend: 300, conversions: 10, conversionValue: 600 } }),
    ];
    const model = buildPopupModel({
      ...base,
      latest,
      targets: [target({ kpi: 'roas', value: 3 }), target({ kpi: 'budget', value: 5000, period: 'month' })],
      trendSnapshots: latest,
    });
    expect(model.summary).toMatchObject({
      spend: 400,
      spendCurrency: 'USD',
      conversions: 15,
      roas: 2.5,
      problem: null,
    });
    expect(model.summary.cpa).toBeCloseTo(400 / 15, 10);
    expect(model.goals.map((g) => g.target.kpi)).toEqual(['roas']);
    expect(model.budgets.map((g) => g.target.kpi)).toEqual(['budget']);
    expect(model.lastReadingAt).toBe(T0);
    expect(model.trend).toMatchObject({ kpi: 'roas', targetValue: 3 });
    expect(model.trend!.points.map((p) => p.value)).toEqual([4, 2.5]);
    expect(model.entities.map((e) => e.row.entityKey)).toEqual(['c2', 'c1']);
  });

  it('a one-account view with an LTV set shows LTV ROAS and CAC payback from its CPA; other views none', () => {
    const latest = [
      row({ entityKey: 'c1', metrics: { spend: 100, conversions: 5 } }),
      row({ entityKey: 'c2', metrics: { spend: 300, conversions: 15 } }),
    ];
    const settings = { ...base.settings, accountLtv: { 'meta:A1': 80 } };
    const account = buildPopupModel({
      ...base,
      latest,
      settings,
      view: { kind: 'account', platform: 'meta', accountId: 'A1' },
    });
    // CPA = 400 ÷ 20 = 20: LTV ROAS 80 ÷ 20 = 4, payback 20 ÷ 80 = 25 %.
    expect(account.ltv).toEqual({ ltv: 80, ltvRoas: 4, cacPayback: 0.25, currency: 'USD' });
    expect(buildPopupModel({ ...base, latest, settings }).ltv).toBeNull();
    expect(
      buildPopupModel({ ...base, latest, view: { kind: 'account', platform: 'meta', accountId: 'A1' } }).ltv,
    ).toBeNull();
  });

  it('shows the store’s last error only when it is newer than the last save', () => {
    const latest = [row({ entityKey: 'c1' })];
    const error = { at: T0, kind: 'quota' as const, message: 'full' };
    expect(
      buildPopupModel({ ...base, latest, status: { ...EMPTY_STATUS, lastSavedAt: T0 - 1, lastError: error } })
        .problem,
    ).toEqual(error);
    expect(
      buildPopupModel({ ...base, latest, status: { ...EMPTY_STATUS, lastSavedAt: T0 + 1, lastError: error } })
        .problem,
    ).toBeNull();
  });

  it('offers the goals’ KPIs first for the trend', () => {
    expect(trendChoices([])).toEqual(['cpa', 'roas', 'ctr', 'cpc']);
  });
});

describe('currentSets with the popup: a level read later does not double count', () => {
  it('keeps totals from one table per account', () => {
    const latest = [
      row({ entityKey: 'c1', metrics: { spend: 100 } }),
      row({ entityKey: 's1', level: 'adset', capturedAt: T0 - 1, metrics: { spend: 60 } }),
      row({ entityKey: 's2', level: 'adset', capturedAt: T0 - 1, metrics: { spend: 40 } }),
    ];
    expect(buildPopupModel({ ...base, latest }).summary.spend).toBe(100);
    expect(currentSets(latest)[0]!.level).toBe('campaign');
  });
});

describe('mixed currencies (#13.3)', () => {
  it('shows spend per currency instead of one blank total, and names only accounts of unknown currency', () => {
    const latest = [
      row({ entityKey: 'c1', metrics: { spend: 100, conversions: 4 } }),
      row({ entityKey: 'c2', metrics: { spend: 50 } }),
      row({
        entityKey: 'v',
        platform: 'meta',
        accountId: 'VN',
        currency: 'VND',
        metrics: { spend: 2_500_000 },
      }),
    ];
    const mixed = buildPopupModel({ ...base, latest }).summary;
    expect(mixed).toMatchObject({
      spend: null,
      problem: 'no-reporting-currency',
      unknownCurrencyAccounts: [],
    });
    expect(mixed.spendByCurrency).toEqual([
      { currency: 'VND', value: 2_500_000 },
      { currency: 'USD', value: 150 },
    ]);
    // With rates for every currency: one blended total, no list.
    const rates = { reportingCurrency: 'USD', fxRates: { VND: 0.00004 } };
    const blended = buildPopupModel({ ...base, latest, settings: settings(rates) }).summary;
    expect(blended.spend).toBeCloseTo(250, 6);
    expect(blended.spendByCurrency).toEqual([]);
    // An account whose currency is not known is named, the others still add up per currency.
    const unknown = [
      ...latest,
      row({ entityKey: 'g', platform: 'google', accountId: 'G', currency: null, metrics: { spend: 9 } }),
    ];
    const withUnknown = buildPopupModel({ ...base, latest: unknown }).summary;
    expect(withUnknown.unknownCurrencyAccounts).toEqual(['google:G']);
    expect(withUnknown.spendByCurrency.map((c) => c.currency)).toEqual(['VND', 'USD']);
  });
});

describe('currencies the pages did not name', () => {
  it('adds up one account’s amounts even when its currency is unknown, but not two accounts’', () => {
    const one = [
      row({ entityKey: 'c1', currency: null, metrics: { spend: 100, conversions: 4 } }),
      row({ entityKey: 'c2', currency: null, metrics: { spend: 50, conversions: 1 } }),
    ];
    expect(buildPopupModel({ ...base, latest: one }).summary).toMatchObject({
      spend: 150,
      spendCurrency: null,
      cpa: 30,
      problem: null,
    });
    const two = [
      ...one,
      row({ entityKey: 'g', platform: 'google', accountId: 'G', currency: null, metrics: { spend: 1 } }),
    ];
    expect(buildPopupModel({ ...base, latest: two }).summary).toMatchObject({
      spend: null,
      problem: 'unknown-currency',
    });
  });

  it('takes the currency set for the account in the options', () => {
    const latest = [row({ entityKey: 'c1', currency: null, metrics: { spend: 100, conversions: 4 } })];
    const model = buildPopupModel({
      ...base,
      latest,
      settings: settings({ accountCurrencies: { 'meta:A1': 'EUR' } }),
      targets: [target({ kpi: 'cpa', value: 20, currency: 'EUR' })],
    });
    expect(model.summary.spendCurrency).toBe('EUR');
    expect(model.goals[0]).toMatchObject({ value: 25, currency: 'EUR', status: 'off-track' });
    // Without the setting, a target in a named currency cannot be judged against an unknown one.
    const unknown = buildPopupModel({
      ...base,
      latest,
      targets: [target({ kpi: 'cpa', value: 20, currency: 'EUR' })],
    });
    expect(unknown.goals[0]).toMatchObject({ value: 25, status: 'unknown', reason: 'currency-unknown' });
  });
});
