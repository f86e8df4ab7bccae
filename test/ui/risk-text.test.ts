import { describe, expect, it } from 'vitest';
import type { MessageKey } from '@/lib/i18n';
import { RISK_RULES, type RiskFlag } from '@/lib/kpi/risk-flags';
import { riskLine, riskText } from '@/lib/ui/risk-text';
import en from '@/public/_locales/en/messages.json';
import uk from '@/public/_locales/uk/messages.json';
import vi from '@/public/_locales/vi/messages.json';

type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** A catalogue as `browser.i18n.getMessage` answers it. */
function translator(catalog: Catalog) {
  return (key: MessageKey, subs?: string | string[]) => {
    const list = Array.isArray(subs) ? subs : subs === undefined ? [] : [subs];
    const entry = catalog[key];
    if (!entry) throw new Error(`missing ${key}`);
    return entry.message.replace(/\$([A-Z]+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return list[Number(content.slice(1)) - 1] ?? '';
    });
  };
}

const plain = (s: string) => s.replace(/[\u2009\u202f\u00a0]/g, ' ');
const DAY = '2026-11-26'; // a Thursday

const FLAGS: Record<(typeof RISK_RULES)[number], RiskFlag> = {
  'no-results': { rule: 'no-results', day: DAY, numbers: { value: 45, kpi: 'cpa', target: 20, multiple: 2 } },
  'cpa-surge': {
    rule: 'cpa-surge',
    day: DAY,
    numbers: { value: 45, baseline: 20, change: 1.25, z: 3.14, days: 6, baselineKind: 'weekday' },
  },
  'cpl-surge': {
    rule: 'cpl-surge',
    day: DAY,
    numbers: { value: 12, baseline: 6, change: 1, z: null, days: 4, baselineKind: 'recent' },
  },
  'cpc-surge': {
    rule: 'cpc-surge',
    day: DAY,
    numbers: { value: 1.5, baseline: 0.5, change: 2, z: 4, days: 14, baselineKind: 'recent' },
  },
  'ctr-collapse': {
    rule: 'ctr-collapse',
    day: DAY,
    numbers: { value: 0.004, baseline: 0.012, change: -2 / 3, z: -3, days: 5, baselineKind: 'weekday' },
  },
  'cvr-collapse': {
    rule: 'cvr-collapse',
    day: DAY,
    numbers: { value: 0.01, baseline: 0.04, change: -0.75, z: -2.6, days: 3, baselineKind: 'weekday' },
  },
  'spend-stopped': {
    rule: 'spend-stopped',
    day: DAY,
    numbers: { value: 0, baseline: 100, days: 7, baselineKind: 'recent' },
  },
  'spend-spike': {
    rule: 'spend-spike',
    day: DAY,
    numbers: { value: 300, baseline: 100, change: 2, multiple: 2, days: 3, baselineKind: 'weekday' },
  },
  pacing: {
    rule: 'pacing',
    day: DAY,
    numbers: { budget: 1000, forecast: 1300, low: 900, high: 1100, change: 0.3 },
  },
};

describe('risk flags in words', () => {
  const t = translator(en as Catalog);
  it.each(
    Object.entries({
      'no-results':
        'Spend without results: Spent $45.00 with 0 conversions: at least 2 × the CPA target of $20.00.',
      'cpa-surge':
        'CPA surge: CPA today $45.00 against $20.00 on average on 6 earlier Thursdays (+125%, 3.1 standard deviations).',
      'cpl-surge':
        'CPL surge: CPL today $12.00 against $6.00 on average on the 4 days before (+100%, — standard deviations).',
      'cpc-surge':
        'CPC surge: CPC today $1.50 against $0.50 on average on the 14 days before (+200%, 4 standard deviations).',
      'ctr-collapse':
        'CTR collapse: CTR today 0.4% against 1.2% on average on 5 earlier Thursdays (-67%, 3 standard deviations).',
      'cvr-collapse':
        'CVR collapse: CVR today 1% against 4% on average on 3 earlier Thursdays (-75%, 2.6 standard deviations).',
      'spend-stopped':
        'Spend stopped: No spend today after spending on each of the 7 days before ($100.00 a day on average).',
      'spend-spike':
        'Spend spike: Spend today $300.00 against $100.00 a day on average on 3 earlier Thursdays (3×).',
      pacing:
        'Budget pacing: Forecast for the period $1,300.00, outside the budget band $900.00 – $1,100.00 (budget $1,000.00).',
    }),
  )('%s: the numbers behind it, in English', (rule, expected) => {
    expect(plain(riskLine(FLAGS[rule as keyof typeof FLAGS], 'USD', 'en-US', t))).toBe(expected);
  });

  it('a money figure without a known currency is a plain number, never a guessed sign', () => {
    expect(riskText(FLAGS['spend-stopped'], null, 'en-US', t).explanation).toContain(
      '(100 a day on average)',
    );
  });

  it.each([
    ['vi', vi, 'vi-VN'],
    ['uk', uk, 'uk-UA'],
  ] as const)('every rule has a title and an explanation with its numbers in %s', (_, catalog, locale) => {
    const tr = translator(catalog as Catalog);
    for (const flag of Object.values(FLAGS)) {
      const text = riskText(flag, 'EUR', locale, tr);
      expect(text.title.length).toBeGreaterThan(3);
      expect(text.explanation).not.toMatch(/\$\d|\$[A-Z]+\$/);
      expect(text.explanation).toMatch(/\d/);
    }
  });
});
