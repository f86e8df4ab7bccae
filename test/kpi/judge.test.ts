import { describe, expect, it } from 'vitest';
import {
  isAlertingOffTrack,
  judgeEntity,
  judgeSettingsOf,
  judgeTotal,
  kpisToJudge,
  shownKpisOf,
  verdictsOf,
  type JudgeSettings,
} from '@/lib/kpi/judge';
import { judgedEntitiesOfReading, type JudgedEntity } from '@/lib/kpi/projection';
import type { CurrencySource, Metrics } from '@/lib/model';
import { DEFAULT_SETTINGS } from '@/lib/store/settings';
import { reading, row, targets } from '../overlay/make';

function entity(
  metrics: Metrics,
  currency: string | null = 'USD',
  currencySource: CurrencySource | null = 'page',
): JudgedEntity {
  return {
    platform: 'meta',
    accountId: '1',
    entityKey: 'c1',
    currency,
    currencySource: currency === null ? null : currencySource,
    metrics,
    dateStart: '2026-11-01',
    dateEnd: '2026-11-21',
  };
}

// CPA = 100 ÷ 5 = 20 (in the row's currency).
const CPA_20 = { spend: 100, conversions: 5 };
const cpaTarget = (value: number, currency: string | null) =>
  targets({ id: 'cpa', scope: { kind: 'all' }, kpi: 'cpa', value, currency })[0]!;
// One EUR is worth 1.1 USD.
const FX: JudgeSettings = { fx: { reportingCurrency: 'USD', rates: { EUR: 1.1 } } };

function cpaResult(e: JudgedEntity, target = cpaTarget(18, 'EUR'), settings: JudgeSettings = FX) {
  return judgeEntity(e, [target], ['cpa'], settings).results.find((r) => r.kpi === 'cpa')!;
}

describe('judgeSettingsOf: the one place Settings become the judge’s settings', () => {
  it('takes the margin, FX table, time zones and account currencies, with the clock and the default zone', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      margin: 0.3,
      reportingCurrency: 'EUR',
      fxRates: { USD: 0.9 },
      accountTimeZones: { 'meta:1': 'Asia/Ho_Chi_Minh' },
      accountCurrencies: { 'meta:1': 'USD' },
    };
    expect(judgeSettingsOf(settings, 42, 'UTC')).toEqual({
      margin: 0.3,
      fx: { reportingCurrency: 'EUR', rates: { USD: 0.9 } },
      now: 42,
      timeZones: { 'meta:1': 'Asia/Ho_Chi_Minh' },
      defaultTimeZone: 'UTC',
      accountCurrencies: { 'meta:1': 'USD' },
    });
  });

  it('no reporting currency: no FX table (rates alone convert nothing); settings not loaded: nothing set', () => {
    expect(judgeSettingsOf({ ...DEFAULT_SETTINGS, fxRates: { EUR: 1.1 } }, 1, null).fx).toBeNull();
    expect(judgeSettingsOf(null, 1, 'UTC')).toMatchObject({ margin: null, fx: null, timeZones: {} });
  });

  it('the shown KPIs: the chosen chips once each, CPA and ROAS by default', () => {
    expect(shownKpisOf(DEFAULT_SETTINGS)).toEqual(['cpa', 'roas']);
    expect(shownKpisOf({ overlay: { enabled: true, chipKpis: ['ctr', 'cpa', 'ctr'] } })).toEqual([
      'ctr',
      'cpa',
    ]);
  });
});

describe('money targets and the row’s currency (currency-policy rule 4), hand-computed', () => {
  it('a currency the page named is converted with the user’s rate: 18 EUR = 19.80 USD, CPA 20 is 1 % over', () => {
    const r = cpaResult(entity(CPA_20, 'USD', 'page'));
    expect(r.target!.comparedWith).toBeCloseTo(19.8, 10);
    expect(r.distance).toBeCloseTo(0.2 / 19.8, 10);
    expect(r.status).toBe('at-risk');
  });

  it('an account currency (the user confirmed it) is converted like a page one', () => {
    const [e] = judgedEntitiesOfReading(
      reading([row('1', CPA_20)], { accountId: '1', currency: 'USD', currencySource: 'assumed' }),
      { 'meta:1': 'USD' },
    );
    expect(e).toMatchObject({ currency: 'USD', currencySource: 'account' });
    expect(cpaResult(e!).status).toBe('at-risk');
  });

  it('an assumed currency is never converted: against a EUR target it is unknown, not judged', () => {
    const r = cpaResult(entity(CPA_20, 'USD', 'assumed'));
    expect([r.status, r.reason, r.distance]).toEqual(['unknown', 'currency-unknown', null]);
  });

  it('an assumed currency meets a target in that same currency: CPA 20 against 18 USD is 11 % over', () => {
    const r = cpaResult(entity(CPA_20, 'USD', 'assumed'), cpaTarget(18, 'USD'));
    expect(r.distance).toBeCloseTo(2 / 18, 10);
    expect(r.status).toBe('off-track');
  });

  it('an unknown currency meets no target that names one, and a target that names none', () => {
    expect(cpaResult(entity(CPA_20, null)).reason).toBe('currency-unknown');
    const any = cpaResult(entity(CPA_20, null), cpaTarget(25, null));
    expect([any.status, any.distance]).toEqual(['on-track', -0.2]);
  });

  it('a target in another currency without a rate is unknown (no FX rate), never compared as if equal', () => {
    expect(cpaResult(entity(CPA_20), cpaTarget(18, 'EUR'), {}).reason).toBe('no-fx-rate');
    const noEurRate: JudgeSettings = { fx: { reportingCurrency: 'USD', rates: {} } };
    const r = cpaResult(entity(CPA_20), cpaTarget(18, 'EUR'), noEurRate);
    expect([r.status, r.reason, r.target!.comparedWith]).toEqual(['unknown', 'no-fx-rate', null]);
  });
});

describe('which KPIs a row is judged on', () => {
  const sales = entity({ spend: 100, conversions: 5, conversionValue: 400, clicks: 50, impressions: 1000 });

  it('the shown KPIs, then each KPI a target of the user sets for the row, when the row can have it', () => {
    const list = targets(
      { id: 'cpc', scope: { kind: 'all' }, kpi: 'cpc', value: 1 },
      { id: 'cpl', scope: { kind: 'all' }, kpi: 'cpl', value: 1 }, // no leads: CPL cannot be known
      { id: 'cpm', scope: { kind: 'platform', platform: 'google' }, kpi: 'cpm', value: 1 }, // another platform
    );
    expect(kpisToJudge(sales, list, ['cpa', 'roas'])).toEqual(['cpa', 'roas', 'cpc']);
  });

  it('a lead row is judged on CPL instead of CPA, and not on ROAS or ROMI', () => {
    const lead = entity({ spend: 100, leads: 20 });
    const list = targets({ id: 'romi', scope: { kind: 'all' }, kpi: 'romi', value: 0 });
    expect(kpisToJudge(lead, list, ['cpa', 'roas', 'ctr'])).toEqual(['cpl', 'ctr']);
  });

  it('a budget is judged on a row only when it is that campaign’s own', () => {
    const budget = (scope: object) =>
      targets({ id: 'b', scope: scope as never, kpi: 'budget', value: 1000, period: 'month' });
    expect(kpisToJudge(sales, budget({ kind: 'account', platform: 'meta', accountId: '1' }), [])).toEqual([]);
    expect(
      kpisToJudge(sales, budget({ kind: 'campaign', platform: 'meta', accountId: '1', entityKey: 'c1' }), []),
    ).toEqual(['budget']);
    expect(
      kpisToJudge(sales, budget({ kind: 'campaign', platform: 'meta', accountId: '1', entityKey: 'c2' }), []),
    ).toEqual([]);
  });

  it('with a margin, a shown ROAS without a target is judged against break-even (1 ÷ 0.25 = 4): 400 ÷ 100 = 4', () => {
    const results = judgeEntity(sales, [], ['roas'], { margin: 0.25 }).results;
    expect(verdictsOf(results)).toEqual([
      { kpi: 'roas', targetId: 'break-even:roas', breakEven: true, muted: false, status: 'on-track' },
    ]);
  });
});

describe('verdicts and alerts', () => {
  it('a muted target’s verdict is kept (the chip shows it) but does not alert', () => {
    const list = targets({ id: 'cpa', scope: { kind: 'all' }, kpi: 'cpa', value: 10, muted: true });
    const [cpa] = judgeEntity(entity(CPA_20), list, ['cpa'], {}).results;
    expect(verdictsOf([cpa!])).toEqual([
      { kpi: 'cpa', targetId: 'cpa', breakEven: false, muted: true, status: 'off-track' },
    ]);
    expect(isAlertingOffTrack(cpa!)).toBe(false);
    expect(isAlertingOffTrack({ ...cpa!, target: { ...cpa!.target!, muted: false } })).toBe(true);
  });

  it('a KPI without a target is no verdict', () => {
    expect(verdictsOf(judgeEntity(entity(CPA_20), [], ['cpa'], {}).results)).toEqual([]);
  });
});

describe('judgeTotal: a total of several rows, rule 4 applied to the total', () => {
  const usd = { currency: 'USD', currencySource: 'page' as const, metrics: { spend: 100 } };
  const eurAssumed = { currency: 'EUR', currencySource: 'assumed' as const, metrics: { spend: 50 } };

  it('rows in several currencies with a guess among them, converted: unknown against a money target', () => {
    const r = judgeTotal(20, 'USD', [usd, eurAssumed], cpaTarget(30, 'USD'), FX);
    expect([r.status, r.reason]).toEqual(['unknown', 'currency-unknown']);
  });

  it('one assumed currency, nothing converted: judged against a target in that currency only', () => {
    const one = [{ ...usd, currencySource: 'assumed' as const }];
    expect(judgeTotal(20, 'USD', one, cpaTarget(25, 'USD'), FX).status).toBe('on-track');
    expect(judgeTotal(20, 'USD', one, cpaTarget(18, 'EUR'), FX).reason).toBe('currency-unknown');
  });

  it('confirmed currencies are converted: 18 EUR = 19.80 USD', () => {
    const r = judgeTotal(
      20,
      'USD',
      [usd, { ...eurAssumed, currencySource: 'page' }],
      cpaTarget(18, 'EUR'),
      FX,
    );
    expect(r.targetValue).toBeCloseTo(19.8, 10);
    expect(r.status).toBe('at-risk');
  });
});
