import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS } from '@/lib/store/settings';
import { parseRiskDraft, riskDraftOf } from '@/lib/ui/risk-form';

describe('the risk thresholds as typed in the options page', () => {
  it.each(['en-US', 'vi-VN', 'uk-UA'])(
    'the defaults shown in %s parse back to the same settings',
    (locale) => {
      const draft = riskDraftOf(DEFAULT_RISK_SETTINGS, locale);
      expect(parseRiskDraft(draft, true, locale)).toEqual({ ok: true, value: DEFAULT_RISK_SETTINGS });
    },
  );

  it('the change is typed as a percent and stored as a fraction; a comma decimal in Vietnamese', () => {
    const draft = { ...riskDraftOf(DEFAULT_RISK_SETTINGS, 'vi-VN'), changePercent: '35', zThreshold: '3,5' };
    expect(parseRiskDraft(draft, false, 'vi-VN')).toEqual({
      ok: true,
      value: { ...DEFAULT_RISK_SETTINGS, enabled: false, changeThreshold: 0.35, zThreshold: 3.5 },
    });
  });

  it('names every wrong field and saves nothing', () => {
    const draft = {
      ...riskDraftOf(DEFAULT_RISK_SETTINGS, 'en-US'),
      noResultsMultiple: '0',
      changePercent: 'abc',
      spikeMultiple: '1',
      stoppedDays: '2.5',
      minSpend: '-1',
    };
    const parsed = parseRiskDraft(draft, true, 'en-US');
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? null : Object.keys(parsed.errors).sort()).toEqual(
      ['changePercent', 'minSpend', 'noResultsMultiple', 'spikeMultiple', 'stoppedDays'].sort(),
    );
  });
});
