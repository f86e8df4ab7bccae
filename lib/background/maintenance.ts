import { browser } from 'wxt/browser';
import type { KpiLensDb } from '../store/db';
import { localDay, runRollup } from '../store/daily';
import { classifyStoreError, describeStoreError } from '../store/errors';
import { pruneBefore, retentionCutoff, type PruneReport } from '../store/retention';
import type { Settings } from '../store/settings';
import { recordError, recordMaintenance } from '../store/status';

/**
 * Periodic work of the background worker. MV3 stops the worker at will, so the schedule lives in
 * `browser.alarms` (which survives the worker) and every step resumes from what the database says.
 */
export const MAINTENANCE_ALARM = 'kpi-lens-maintenance';
export const MAINTENANCE_PERIOD_MINUTES = 60;

interface AlarmsApi {
  get(name: string): Promise<{ name: string; periodInMinutes?: number } | undefined>;
  create(name: string, info: { delayInMinutes?: number; periodInMinutes?: number }): void | Promise<void>;
}

/** Creates the maintenance alarm unless it already exists with the right period (idempotent). */
export async function ensureMaintenanceAlarm(
  alarms: AlarmsApi = browser.alarms as unknown as AlarmsApi,
): Promise<void> {
  const existing = await alarms.get(MAINTENANCE_ALARM);
  if (existing?.periodInMinutes === MAINTENANCE_PERIOD_MINUTES) return;
  await alarms.create(MAINTENANCE_ALARM, { delayInMinutes: 1, periodInMinutes: MAINTENANCE_PERIOD_MINUTES });
}

export interface MaintenanceReport {
  rolledUp: number;
  /** null when the user keeps everything. */
  pruned: PruneReport | null;
}

export interface MaintenanceOptions {
  /** Local day of a time (default: the browser's time zone). */
  dayOf?: (ms: number) => string;
}

/** Rolls new snapshots into daily rows, then applies the user's retention. Roll-up first: never prune unsummarised rows. */
export async function runMaintenance(
  db: KpiLensDb,
  settings: Settings,
  now: number,
  options: MaintenanceOptions = {},
): Promise<MaintenanceReport> {
  const dayOf = options.dayOf ?? ((ms: number) => localDay(ms));
  const rolledUp = await runRollup(db, { dayOf });
  const cutoff = retentionCutoff(now, settings.retentionDays);
  const pruned = cutoff === null ? null : await pruneBefore(db, cutoff, { dayOf });
  return { rolledUp, pruned };
}

export interface AlarmDeps {
  db: KpiLensDb;
  now(): number;
  loadSettings(): Promise<Settings>;
  dayOf?: (ms: number) => string;
}

/** The `alarms.onAlarm` listener: runs maintenance for our alarm, records the outcome for the popup. */
export async function onAlarm(alarm: { name: string }, deps: AlarmDeps): Promise<MaintenanceReport | null> {
  if (alarm.name !== MAINTENANCE_ALARM) return null;
  const now = deps.now();
  try {
    const report = await runMaintenance(deps.db, await deps.loadSettings(), now, { dayOf: deps.dayOf });
    await recordMaintenance(now).catch(() => undefined);
    return report;
  } catch (error) {
    await recordError(
      now,
      classifyStoreError(error),
      `Daily summary failed: ${describeStoreError(error)}`,
    ).catch(() => undefined);
    return null;
  }
}
