import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  MAINTENANCE_ALARM,
  MAINTENANCE_PERIOD_MINUTES,
  ensureMaintenanceAlarm,
  onAlarm,
  runMaintenance,
} from '@/lib/background/maintenance';
import type { KpiLensDb } from '@/lib/store/db';
import { dailySeries } from '@/lib/store/daily';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/store/settings';
import { entitySeries, storeReading } from '@/lib/store/snapshots';
import { loadStatus } from '@/lib/store/status';
import { freshDb, reading, row } from '../store/make';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 1, 12);
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

let db: KpiLensDb;
beforeEach(() => {
  fakeBrowser.reset();
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

async function thirtyDays() {
  for (let d = 0; d < 30; d++) await storeReading(db, reading([row('1', { spend: d })]), T0 + d * DAY);
}

describe('maintenance alarm', () => {
  it('is created once with its period, and re-ensuring it keeps the same alarm', async () => {
    await ensureMaintenanceAlarm();
    const alarm = await fakeBrowser.alarms.get(MAINTENANCE_ALARM);
    expect(alarm?.periodInMinutes).toBe(MAINTENANCE_PERIOD_MINUTES);
    const scheduled = alarm?.scheduledTime;
    await ensureMaintenanceAlarm();
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);
    expect((await fakeBrowser.alarms.get(MAINTENANCE_ALARM))?.scheduledTime).toBe(scheduled);
  });

  it('the alarm rolls up the history and keeps everything by default', async () => {
    await thirtyDays();
    const now = T0 + 30 * DAY;
    const report = await onAlarm(
      { name: MAINTENANCE_ALARM },
      { db, now: () => now, loadSettings: async () => DEFAULT_SETTINGS, dayOf: utcDay },
    );
    expect(report).toEqual({ rolledUp: 30, pruned: null });
    expect(await db.snapshots.count()).toBe(30);
    expect(await dailySeries(db, 'meta', '1234567890', 'campaign', '1')).toHaveLength(30);
    expect((await loadStatus()).lastMaintenanceAt).toBe(now);
  });

  it('applies the user’s retention after rolling up', async () => {
    await thirtyDays();
    const settings: Settings = { ...DEFAULT_SETTINGS, retentionDays: 10 };
    const report = await runMaintenance(db, settings, T0 + 30 * DAY, { dayOf: utcDay });
    expect(report.rolledUp).toBe(30);
    expect(report.pruned?.snapshots).toBe(20);
    expect(
      (await entitySeries(db, 'meta', '1234567890', 'campaign', '1')).map((s) => s.metrics.spend),
    ).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    // The trend survives as daily points.
    expect(await dailySeries(db, 'meta', '1234567890', 'campaign', '1')).toHaveLength(30);
  });

  it('ignores other alarms', async () => {
    await thirtyDays();
    expect(
      await onAlarm(
        { name: 'something-else' },
        { db, now: () => T0, loadSettings: async () => DEFAULT_SETTINGS },
      ),
    ).toBeNull();
    expect(await db.daily.count()).toBe(0);
  });

  it('a failure is recorded for the popup, not thrown', async () => {
    db.close({ disableAutoOpen: true });
    const report = await onAlarm(
      { name: MAINTENANCE_ALARM },
      { db, now: () => T0, loadSettings: async () => DEFAULT_SETTINGS },
    );
    expect(report).toBeNull();
    expect((await loadStatus()).lastError).toMatchObject({
      kind: 'closed',
      message: expect.stringMatching(/^Daily summary failed/),
    });
    await db.open();
  });
});
