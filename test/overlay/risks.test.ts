import { beforeEach, describe, expect, it } from 'vitest';
import type { EntityRisk } from '@/lib/kpi/entity-risks';
import { createChipHost, renderChips } from '@/lib/overlay/chip-dom';
import { chipsForReading } from '@/lib/overlay/chips';
import { PANEL_RISKS, panelRisksOf, rowRisksOf } from '@/lib/overlay/risks';
import { installDom } from '../content/dom';
import { reading, row } from './make';
import { translator } from './translate';

const t = translator('en');
const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u2009\u202f\u00a0]/g, ' ');

const SPIKE: EntityRisk = {
  entityKey: '111',
  currency: 'USD',
  flags: [
    {
      rule: 'spend-spike',
      day: '2026-11-26',
      numbers: { value: 300, baseline: 100, change: 2, multiple: 2, days: 4, baselineKind: 'recent' },
    },
    { rule: 'no-results', day: '2026-11-26', numbers: { value: 300, kpi: 'cpa', target: 20, multiple: 2 } },
  ],
};

beforeEach(() => void installDom());

describe('risk flags on the chips', () => {
  it('a flagged row gets one flag chip before its KPI chips: names read out, numbers as the tip', () => {
    const risks = rowRisksOf([SPIKE], 'en-US', t);
    const r = reading([
      row('111', { spend: 300, conversions: 0 }),
      row('222', { spend: 50, conversions: 2 }),
    ]);
    const chips = chipsForReading({
      reading: r,
      targets: [],
      chipKpis: ['cpa'],
      evaluation: {},
      text: { locale: 'en-US', t },
      risks,
    });
    const flagged = createChipHost(document, '111', 'inline');
    const quiet = createChipHost(document, '222', 'inline');
    document.body.append(flagged, quiet);
    renderChips(flagged, chips.get('111')!, 'KPIs');
    renderChips(quiet, chips.get('222')!, 'KPIs');

    const flag = flagged.shadowRoot!.querySelector<HTMLElement>('.chips > .flag')!;
    expect(flagged.shadowRoot!.querySelector('.chips')!.firstElementChild).toBe(flag);
    expect(flag.getAttribute('aria-label')).toBe('Risk: Spend spike, Spend without results');
    expect(plain(flag.dataset.tip)).toBe(
      'Spend spike: Spend today $300.00 against $100.00 a day on average on the 4 days before (3×).\n' +
        'Spend without results: Spent $300.00 with 0 conversions: at least 2 × the CPA target of $20.00.',
    );
    // The compact chip stands for the flags too.
    const sum = flagged.shadowRoot!.querySelector<HTMLElement>('.sum')!;
    expect(sum.hasAttribute('data-flagged')).toBe(true);
    expect(plain(sum.dataset.tip)).toMatch(/^Spend spike: /);
    expect(quiet.shadowRoot!.querySelector('.flag')).toBeNull();
    expect(quiet.shadowRoot!.querySelector('.sum')!.hasAttribute('data-flagged')).toBe(false);
  });

  it('the panel lists the first flagged rows by the names the page shows, and counts the rest', () => {
    const many = Array.from({ length: PANEL_RISKS + 2 }, (_, i) => ({ ...SPIKE, entityKey: `e${i}` }));
    const names = new Map(many.map((r, i) => [r.entityKey, i === 0 ? null : `Campaign ${i}`]));
    const { shown, more } = panelRisksOf(many, names, 'en-US', t);
    expect(shown.map((r) => r.name)).toEqual(['e0', 'Campaign 1', 'Campaign 2', 'Campaign 3', 'Campaign 4']);
    expect(shown[1]!.flags.map((f) => f.title)).toEqual(['Spend spike', 'Spend without results']);
    expect(more).toBe(2);
  });
});
