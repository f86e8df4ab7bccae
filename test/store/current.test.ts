import { afterEach, describe, expect, it } from 'vitest';
import type { TargetInput } from '@/lib/kpi/targets';
import type { Level, Platform } from '@/lib/model';
import { knownAccounts } from '@/lib/store/accounts';
import { currentLatestRows, currentRangeFloor, targetEntities } from '@/lib/store/current';
import type { KpiLensDb } from '@/lib/store/db';
import { saveReading } from '@/lib/store/snapshots';
import { latestRows } from '@/lib/store/latest';
import { EMPTY_STATUS } from '@/lib/store/status';
import { buildPopupModel } from '@/lib/ui/popup-model';
import { ALL, type ViewScope } from '@/lib/ui/scope';
import { settings, target } from '../ui/make';
import { freshDb, reading, row } from './make';

let db: KpiLensDb;
afterEach(async () => {
  await db?.delete();
});

/** Small seeded PRNG (mulberry32): the generated histories are the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Account {
  platform: Platform;
  accountId: string;
}
const ACCOUNTS: Account[] = [
  { platform: 'meta', accountId: 'A1' },
  { platform: 'meta', accountId: 'A2' },
  { platform: 'google', accountId: 'G1' },
];
const ZONES = ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Ho_Chi_Minh', 'America/Los_Angeles'];

/** Reporting ranges a buyer looks at around `now`: single days back to 40 days ago, month to date, weeks… */
function rangesAround(now: number): { dateStart: string | null; dateEnd: string | null }[] {
  const today = iso(now);
  const monthStart = `${today.slice(0, 8)}01`;
  const out: { dateStart: string | null; dateEnd: string | null }[] = [
    { dateStart: null, dateEnd: null },
    { dateStart: monthStart, dateEnd: today },
    { dateStart: monthStart, dateEnd: iso(now - DAY) },
    { dateStart: iso(now - 7 * DAY), dateEnd: iso(now - DAY) },
    { dateStart: iso(now - 14 * DAY), dateEnd: iso(now - 8 * DAY) },
    { dateStart: iso(now - 13 * DAY), dateEnd: iso(now - 7 * DAY) },
    { dateStart: iso(now + DAY), dateEnd: iso(now + DAY) },
  ];
  for (let k = 0; k < 40; k++) out.push({ dateStart: iso(now - k * DAY), dateEnd: iso(now - k * DAY) });
  return out;
}

/** Writes a random history through the background's own write path; returns what the popup needs besides. */
async function randomHistory(seed: number) {
  const r = prng(seed);
  const now = Date.UTC(2026, 10, 22, r.int(24), r.int(60));
  const ranges = rangesAround(now);
  const accounts = ACCOUNTS.slice(0, 1 + r.int(ACCOUNTS.length));
  const readings = 5 + r.int(40);
  for (let i = 0; i < readings; i++) {
    const account = r.pick(accounts);
    const level: Level = r.pick(['campaign', 'campaign', 'adset', 'ad']);
    // Recent ranges are read more often, as they are in real use.
    const range = r.next() < 0.6 ? r.pick(ranges.slice(0, 10)) : r.pick(ranges);
    const entities = 1 + r.int(6);
    const rows = [];
    for (let e = 0; e < entities; e++) {
      if (r.next() < 0.3) continue;
      const id = `${level[0]}${e}`;
      rows.push(
        row(
          id,
          {
            spend: Math.round(r.next() * 50_000) / 100,
            conversions: r.int(30),
            ...(r.next() < 0.5
              ? { conversionValue: Math.round(r.next() * 90_000) / 100, clicks: r.int(900) }
              : {}),
          },
          { entityName: r.next() < 0.1 ? null : `${level} ${e}` },
        ),
      );
    }
    const capturedAt = now - (readings - i) * 7 * 60_000;
    await saveReading(
      db,
      reading(rows, {
        ...account,
        accountName: r.next() < 0.2 ? null : `Account ${account.accountId}`,
        level,
        ...range,
        currency: r.next() < 0.1 ? null : account.platform === 'google' ? 'EUR' : 'USD',
      }),
      capturedAt,
    );
  }

  const targetInputs: (Partial<TargetInput> & Pick<TargetInput, 'kpi' | 'value'>)[] = [
    { kpi: 'cpa', value: 20 },
    { kpi: 'roas', value: 2, scope: { kind: 'account', ...r.pick(accounts) } },
    { kpi: 'cpc', value: 1, scope: { kind: 'platform', platform: r.pick(accounts).platform } },
    { kpi: 'cpa', value: 15, scope: { kind: 'campaign', ...r.pick(accounts), entityKey: `c${r.int(7)}` } },
    { kpi: 'cpa', value: 25, scope: { kind: 'campaign', ...r.pick(accounts), entityKey: `a${r.int(7)}` } },
    { kpi: 'budget', value: 900, period: 'month' },
    { kpi: 'budget', value: 300, period: 'day', scope: { kind: 'account', ...r.pick(accounts) } },
  ];
  const targets = targetInputs.filter(() => r.next() < 0.7).map((t, i) => target({ ...t, id: `t${i}` }));
  const accountTimeZones = Object.fromEntries(
    accounts.map((a) => [`${a.platform}:${a.accountId}`, r.pick(ZONES)] as const),
  );
  const views: ViewScope[] = [
    ALL,
    ...[...new Set(accounts.map((a) => a.platform))].map((platform) => ({
      kind: 'platform' as const,
      platform,
    })),
    ...accounts.map((a) => ({ kind: 'account' as const, ...a })),
  ];
  return { now, targets, settings: settings({ accountTimeZones }), views };
}

describe('currentLatestRows', () => {
  it('gives the popup the same model as the whole latest table, on generated histories', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      db = freshDb();
      const { now, targets, settings: s, views } = await randomHistory(seed);
      const all = await latestRows(db);
      const current = await currentLatestRows(db, {
        floor: currentRangeFloor(now),
        entities: targetEntities(targets),
      });
      for (const view of views) {
        const input = {
          targets,
          settings: s,
          status: EMPTY_STATUS,
          view,
          now,
          defaultTimeZone: 'Europe/Berlin',
          trendSnapshots: [],
          trendKpi: null,
        };
        expect(
          buildPopupModel({ ...input, latest: current }),
          `seed ${seed}, view ${JSON.stringify(view)}`,
        ).toEqual(buildPopupModel({ ...input, latest: all }));
      }
      await db.delete();
    }
  });

  it('reads what the current ranges hold, not a year of history', async () => {
    db = freshDb();
    const now = Date.UTC(2026, 10, 22, 12);
    const rows = Array.from({ length: 20 }, (_, i) => row(`c${i}`, { spend: 10 + i, conversions: 1 }));
    for (let day = 365; day >= 0; day--) {
      const date = iso(now - day * DAY);
      await saveReading(db, reading(rows, { dateStart: date, dateEnd: date }), now - day * DAY);
    }
    expect(await db.latestSets.count()).toBe(366);
    expect(await latestRows(db)).toHaveLength(366 * 20);
    const current = await currentLatestRows(db, { floor: currentRangeFloor(now) });
    // Today (the current range), and yesterday and the day before (ranges that may still be "today"
    // or "yesterday" in some time zone).
    expect(new Set(current.map((r) => r.dateEnd))).toEqual(
      new Set([iso(now), iso(now - DAY), iso(now - 2 * DAY)]),
    );
    expect(current).toHaveLength(60);
    const [account] = await knownAccounts(db);
    expect(account).toMatchObject({ dateStart: iso(now), dateEnd: iso(now), lastCapturedAt: now });
    expect(Object.keys(account!.campaigns)).toHaveLength(20);
  });

  it('includes the range that holds a campaign target’s newest row, however old', async () => {
    db = freshDb();
    const now = Date.UTC(2026, 10, 22, 12);
    await saveReading(
      db,
      reading([row('12', { spend: 1 }), row('123', { spend: 2 })], {
        dateStart: '2026-01-01',
        dateEnd: '2026-01-31',
      }),
      now - 300 * DAY,
    );
    await saveReading(db, reading([row('9', { spend: 3 })], { dateStart: iso(now), dateEnd: iso(now) }), now);
    const current = await currentLatestRows(db, {
      floor: currentRangeFloor(now),
      entities: [{ platform: 'meta', accountId: '1234567890', entityKey: '12' }],
    });
    // The set that holds campaign 12's newest row comes whole (123 was read with it); the model picks 12.
    expect(current.map((r) => r.entityKey)).toEqual(['9', '12', '123']);
  });
});
