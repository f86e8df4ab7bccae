import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countOffTrack } from '@/lib/background/alerts';
import { backgroundJudge } from '@/lib/background/evaluate';
import { judgeSettingsOf, verdictsOf, type Verdict } from '@/lib/kpi/judge';
import { targetSchema, TARGET_KPIS, type Target, type TargetInput } from '@/lib/kpi/targets';
import type { MessageKey } from '@/lib/i18n';
import type { CurrencySource, EntityRow, Metrics, Platform, TableReading } from '@/lib/model';
import { chipsForReading, type RowChips } from '@/lib/overlay/chips';
import { overlayPrefs } from '@/lib/overlay/prefs';
import { NO_SAVE, summaryModel, type SummaryInput } from '@/lib/overlay/summary';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/store/settings';
import { EMPTY_STATUS } from '@/lib/store/status';
import { snapshotsOf } from '@/lib/store/snapshots';
import { buildPopupModel, goalSettingsOf } from '@/lib/ui/popup-model';
import { CHIP_CHOICES, type ChipKpi } from '@/lib/ui/overlay-form';

/**
 * Property test (fast-check, fixed seed and case count in the title): for any reading (mixed currencies and
 * currency sources, the account's currency set or not, missing metrics, twice-listed rows, unknown
 * accounts), any targets (every KPI; all / platform / account / campaign scopes; at most / at least; with
 * and without a currency; muted or not; budgets) and any settings (margin, FX, chips shown, account
 * currencies), the surfaces agree on every row:
 *
 * - the worker's judgement (lib/background/evaluate.ts, as the handler calls it for the badge and the
 *   notifications) and the chips (lib/overlay/chips.ts, with the inputs lib/content/overlay-controller.ts
 *   builds) give each row the same verdicts;
 * - the badge's off-track count (alerts.ts `countOffTrack`) is the number of rows whose chips show an
 *   unmuted target off track;
 * - the panel's headline (lib/overlay/summary.ts) counts the rows the chips show off track / at risk /
 *   on track;
 * - a one-row table's panel totals judge each KPI as that row's chip does, when both are judged against
 *   the same user target (the assumed-currency rule included: a guess is never converted to meet a target);
 * - once stored (a reading that names its account), the popup's list of entities furthest off target gives
 *   each entity it lists the verdicts of its chips.
 *
 * Every surface is called through its own public function; the judge is never called directly.
 */

const SEED = 16_001;
const RUNS = 600;
const NOW = Date.UTC(2026, 10, 22, 10);
const PLATFORM_OF_PAGE: Platform[] = ['meta', 'google'];
const ACCOUNTS = ['111', '222'];
const ENTITY_IDS = ['a', 'b', 'c', 'd'];
const CURRENCIES = ['USD', 'EUR', 'VND'];

const amount = fc.option(
  fc.oneof(
    fc.constant(0),
    fc.integer({ min: 1, max: 5000 }),
    fc.double({ min: 0.01, max: 5000, noNaN: true }),
  ),
  { nil: undefined, freq: 3 },
);

const metrics: fc.Arbitrary<Metrics> = fc
  .record({
    spend: amount,
    impressions: amount,
    clicks: amount,
    conversions: amount,
    conversionValue: amount,
    leads: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined, freq: 2 }),
    roasShown: fc.option(fc.double({ min: 0, max: 20, noNaN: true }), { nil: undefined, freq: 6 }),
  })
  // An unknown metric is an absent key, never a key holding undefined or 0.
  .map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as Metrics);

const entityRow: fc.Arbitrary<EntityRow> = fc.record({
  entityId: fc.option(fc.constantFrom(...ENTITY_IDS), { nil: null, freq: 6 }),
  entityName: fc.option(fc.constantFrom('Spring', 'Autumn'), { nil: null, freq: 4 }),
  metrics,
  clickKind: fc.constant('link' as const),
  resultType: fc.constant(null),
});

const currencyRead = fc.oneof(
  fc.constant({ currency: null, currencySource: null }),
  fc.record({
    currency: fc.constantFrom(...CURRENCIES),
    currencySource: fc.constantFrom<CurrencySource>('page', 'account', 'assumed'),
  }),
);

/** This month to date, this month to yesterday, today, or another range (budgets need the current one). */
const range = fc.constantFrom<[string | null, string | null]>(
  ['2026-11-01', '2026-11-22'],
  ['2026-11-01', '2026-11-21'],
  ['2026-11-22', '2026-11-22'],
  ['2026-10-01', '2026-10-31'],
  [null, null],
);

const readingArb: fc.Arbitrary<TableReading> = fc
  .record({
    platform: fc.constantFrom(...PLATFORM_OF_PAGE),
    accountId: fc.option(fc.constantFrom(...ACCOUNTS), { nil: null, freq: 5 }),
    currency: currencyRead,
    range,
    rows: fc.array(entityRow, { minLength: 0, maxLength: 7 }),
    health: fc.constantFrom('recognised', 'recognised', 'partial', 'not-recognised'),
  })
  .map(({ platform, accountId, currency, range: [dateStart, dateEnd], rows, health }) => ({
    context: {
      platform,
      accountId,
      accountName: null,
      level: 'campaign' as const,
      dateStart,
      dateEnd,
      ...currency,
      uiLocale: 'en',
    },
    rows,
    health:
      health === 'recognised'
        ? { status: 'recognised' as const }
        : health === 'partial'
          ? { status: 'partial' as const, missing: ['clicks'] }
          : { status: 'not-recognised' as const, reason: 'no table' },
    coverage: { read: rows.length, total: null },
  }));

const scopeArb = fc.oneof(
  fc.constant({ kind: 'all' as const }),
  fc.record({ kind: fc.constant('platform' as const), platform: fc.constantFrom(...PLATFORM_OF_PAGE) }),
  fc.record({
    kind: fc.constant('account' as const),
    platform: fc.constantFrom(...PLATFORM_OF_PAGE),
    accountId: fc.constantFrom(...ACCOUNTS),
  }),
  fc.record({
    kind: fc.constant('campaign' as const),
    platform: fc.constantFrom(...PLATFORM_OF_PAGE),
    accountId: fc.constantFrom(...ACCOUNTS),
    entityKey: fc.constantFrom(...ENTITY_IDS, 'name:Spring'),
  }),
);

const targetArb: fc.Arbitrary<Omit<TargetInput, 'id'>> = fc
  .record({
    scope: scopeArb,
    kpi: fc.constantFrom(...TARGET_KPIS),
    direction: fc.option(fc.constantFrom('atMost' as const, 'atLeast' as const), { nil: undefined }),
    value: fc.oneof(fc.double({ min: 0.01, max: 50, noNaN: true }), fc.integer({ min: 1, max: 20000 })),
    currency: fc.option(fc.constantFrom(...CURRENCIES), { nil: null }),
    period: fc.constantFrom('day' as const, 'month' as const),
    tolerance: fc.constantFrom(0, 0.1, 0.25),
    muted: fc.boolean(),
  })
  .map((t) => ({ ...t, period: t.kpi === 'budget' ? t.period : null }));

const targetsArb: fc.Arbitrary<Target[]> = fc
  .array(targetArb, { maxLength: 6 })
  .map((list) => list.map((t, i) => targetSchema.parse({ ...t, id: `t${i}` })));

const settingsArb: fc.Arbitrary<Settings> = fc
  .record({
    margin: fc.option(fc.constantFrom(0.25, 0.4), { nil: null }),
    reportingCurrency: fc.option(fc.constantFrom('USD', 'EUR'), { nil: null }),
    fxRates: fc.constantFrom<Record<string, number>>(
      {},
      { EUR: 1.08 },
      { EUR: 1.08, USD: 0.93, VND: 0.00004 },
    ),
    accountCurrencies: fc.dictionary(
      fc.constantFrom('meta:111', 'meta:222', 'google:111'),
      fc.constantFrom(...CURRENCIES),
      { maxKeys: 2 },
    ),
    chipKpis: fc.option(fc.subarray([...CHIP_CHOICES], { minLength: 1 }), { nil: undefined }),
    accountTimeZones: fc.constantFrom<Record<string, string>>({}, { 'meta:111': 'Asia/Ho_Chi_Minh' }),
  })
  .map(({ chipKpis, ...s }) => ({
    ...DEFAULT_SETTINGS,
    ...s,
    overlay: { enabled: true, ...(chipKpis ? { chipKpis: chipKpis as ChipKpi[] } : {}) },
  }));

/** Messages as `key:substitutions`, so the headline's counts can be read back. */
const t = (key: MessageKey, subs?: string | string[]) =>
  `${key}:${(Array.isArray(subs) ? subs : subs === undefined ? [] : [subs]).join(',')}`;

/** The chips as the overlay controller makes them: its judge settings and its shown KPIs. */
function chipsOf(reading: TableReading, targets: Target[], settings: Settings) {
  return chipsForReading({
    reading,
    targets,
    chipKpis: overlayPrefs(settings, reading.context.platform).chipKpis,
    evaluation: judgeSettingsOf(settings, NOW, 'UTC'),
    text: { locale: 'en-US', t },
    // As the controller does: rows made with other targets or settings are not reused.
    version: JSON.stringify([targets, settings, NOW]),
  });
}

/** The panel as the overlay controller makes it (goal settings from the same settings). */
function panelOf(reading: TableReading, chips: Map<string, RowChips>, targets: Target[], settings: Settings) {
  const input: SummaryInput = {
    platform: reading.context.platform,
    platformLabel: 'Meta',
    reading,
    chips,
    targets,
    chipKpis: overlayPrefs(settings, reading.context.platform).chipKpis,
    goalSettings: goalSettingsOf(settings, 'UTC'),
    save: NO_SAVE,
    now: NOW,
    locale: 'en-US',
    t,
  };
  return summaryModel(input);
}

/** The popup of the stored reading (lib/ui/popup-model.ts), as popup-app builds it: entity → verdicts. */
function popupVerdicts(reading: TableReading, targets: Target[], settings: Settings) {
  const stored = snapshotsOf(reading, NOW);
  if (typeof stored === 'string') return new Map<string, Verdict[]>();
  const model = buildPopupModel({
    latest: stored,
    targets,
    settings,
    status: EMPTY_STATUS,
    view: { kind: 'all' },
    now: NOW,
    defaultTimeZone: 'UTC',
    trendSnapshots: [],
    trendKpi: null,
  });
  return new Map(model.entities.map((e) => [e.row.entityKey, verdictsOf(e.results)]));
}

function headlineCount(headline: string, key: string): number {
  const part = headline.split(' · ').find((p) => p.startsWith(`${key}:`));
  return part ? Number(part.slice(key.length + 1)) : 0;
}

function worst(verdicts: readonly Verdict[]): 'off-track' | 'at-risk' | 'on-track' | null {
  for (const s of ['off-track', 'at-risk', 'on-track'] as const)
    if (verdicts.some((v) => v.status === s)) return s;
  return null;
}

describe('the badge, the chips and the panel judge every row alike', () => {
  it(`on ${RUNS} generated readings, targets and settings (seed ${SEED})`, () => {
    let rowsCompared = 0;
    let offTrackRows = 0;
    let totalsCompared = 0;
    let popupCompared = 0;
    fc.assert(
      fc.property(readingArb, targetsArb, settingsArb, (reading, targets, settings) => {
        const badge = backgroundJudge(settings, targets, NOW, 'UTC').reading(reading);
        const chips = chipsOf(reading, targets, settings);
        const panel = panelOf(reading, chips, targets, settings);

        // The same rows are entities, in the same order.
        expect([...chips.keys()]).toEqual(badge.map((r) => r.entityKey));
        // The same verdicts on every row.
        for (const row of badge) {
          expect(chips.get(row.entityKey)!.verdicts, row.entityKey).toEqual(verdictsOf(row.results));
          rowsCompared++;
        }
        // The badge counts the rows whose chips show an unmuted target off track.
        const shownOff = [...chips.values()].filter((c) =>
          c.verdicts.some((v) => v.status === 'off-track' && !v.muted),
        ).length;
        expect(countOffTrack(badge)).toBe(shownOff);
        offTrackRows += shownOff;

        // The panel's headline counts each row once, under its worst status, as its chips show it.
        if (reading.health.status !== 'not-recognised') {
          const worstOf = [...chips.values()].map((c) => worst(c.verdicts));
          for (const [status, key] of [
            ['off-track', 'overlay_count_off_track'],
            ['at-risk', 'overlay_count_at_risk'],
            ['on-track', 'overlay_count_on_track'],
          ] as const)
            expect(headlineCount(panel.headline, key), `${key} in ${panel.headline}`).toBe(
              worstOf.filter((w) => w === status).length,
            );
        }

        // The popup, from what was stored, lists entities with the verdicts of their chips.
        for (const [key, verdicts] of popupVerdicts(reading, targets, settings)) {
          expect(verdicts, `popup ${key}`).toEqual(chips.get(key)!.verdicts);
          popupCompared++;
        }

        // One row: the panel's totals are that row, judged against the same user target as its chip.
        if (badge.length === 1) {
          const row = badge[0]!;
          for (const verdict of chips.get(row.entityKey)!.verdicts) {
            const target = targets.find((x) => x.id === verdict.targetId);
            if (!target || target.kpi === 'budget' || target.scope.kind === 'campaign') continue;
            const line = panel.totals.find((l) => l.kpi === verdict.kpi);
            expect(line, `${verdict.kpi} total`).toBeDefined();
            expect(line!.status, `${verdict.kpi} total: ${line!.detail}`).toBe(verdict.status);
            totalsCompared++;
          }
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The generators reach the cases that matter (not only empty tables and rows without targets).
    expect(rowsCompared).toBeGreaterThan(RUNS);
    expect(offTrackRows).toBeGreaterThan(50);
    expect(totalsCompared).toBeGreaterThan(30);
    expect(popupCompared).toBeGreaterThan(RUNS / 2);
  });
});
