import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  BACKUP_FORMAT,
  BackupError,
  backupParts,
  exportBackup,
  importBackup,
  parseBackup,
  snapshotIdentity,
} from '@/lib/store/backup';
import { knownAccounts } from '@/lib/store/accounts';
import type { KpiLensDb } from '@/lib/store/db';
import { runRollup } from '@/lib/store/daily';
import {
  DEFAULT_SETTINGS,
  SETTINGS_VERSION,
  loadSettings,
  saveSettings,
  settingsSchema,
  type Settings,
} from '@/lib/store/settings';
import { storeReading } from '@/lib/store/snapshots';
import { latestRows } from '@/lib/store/latest';
import { listTargets, saveTarget } from '@/lib/store/targets';
import type { Snapshot } from '@/lib/model';
import { freshDb, reading, row } from './make';
import settingsV1 from './examples/settings-v1.json';
import backupBeforeMappings from './examples/backup-v1-before-mappings.json';
import mappingV1 from '../mapping/examples/mapping-v1.json';
import { importMappings, loadMappings, saveMapping } from '@/lib/mapping/store';
import { migrateMapping, type Mapping } from '@/lib/mapping/schema';

const dbs: KpiLensDb[] = [];
function db(): KpiLensDb {
  const made = freshDb();
  dbs.push(made);
  return made;
}
beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  for (const made of dbs.splice(0)) await made.delete();
});

const T0 = Date.UTC(2026, 10, 1, 10);
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 22, 12);
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const SETTINGS: Settings = settingsSchema.parse({
  version: SETTINGS_VERSION,
  accountCurrencies: { 'meta:1234567890': 'USD' },
  margin: 0.3,
  retentionDays: 400,
});

async function populated(): Promise<KpiLensDb> {
  const source = db();
  await saveTarget(source, {
    id: 'cpa-account',
    scope: { kind: 'account', platform: 'meta', accountId: '1234567890' },
    kpi: 'cpa',
    value: 25,
    currency: 'USD',
  });
  await saveTarget(source, { id: 'roas-all', scope: { kind: 'all' }, kpi: 'roas', value: 3, muted: true });
  await saveTarget(source, {
    id: 'example-ctr',
    scope: { kind: 'platform', platform: 'google' },
    kpi: 'ctr',
    value: 0.02,
    example: true,
  });
  for (let i = 0; i < 6; i++) {
    await storeReading(
      source,
      reading([
        row('1', { spend: 100 + i, clicks: 40 + i, conversions: 3, conversionValue: 321.5 }),
        row('2', { spend: 50, impressions: 1000 + i * 10 }, { entityName: '=HYPERLINK("x") — кампанія' }),
      ]),
      T0 + i * 5 * HOUR,
    );
  }
  await storeReading(
    source,
    reading([row('g1', { spend: 9.99 })], { platform: 'google', accountId: '123-456-7890', currency: 'UAH' }),
    T0,
  );
  // A bare `$`: USD, assumed — the source travels with the row.
  await storeReading(
    source,
    reading([row('t1', { spend: 12.5 })], {
      platform: 'tiktok',
      accountId: '7000000000000000001',
      currency: 'USD',
      currencySource: 'assumed',
    }),
    T0,
  );
  await runRollup(source, { dayOf: utcDay });
  await source.alerts.add({
    key: 'a1',
    day: '2026-11-01',
    at: T0,
    targetId: 'cpa-account',
    platform: 'meta',
    accountId: '1234567890',
    level: 'campaign',
    entityKey: '1',
    entityName: 'Campaign 1',
  });
  return source;
}

const deps = (current: Settings = DEFAULT_SETTINGS) => ({ currentSettings: current, saveSettings });

describe('backup export', () => {
  it('is versioned JSON with settings, targets and snapshots (no database ids)', async () => {
    const source = await populated();
    const backup = JSON.parse(await exportBackup(source, SETTINGS, NOW));
    expect(backup.format).toBe(BACKUP_FORMAT);
    expect(backup.version).toBe(1);
    expect(backup.exportedAt).toBe('2026-11-22T12:00:00.000Z');
    expect(backup.settings).toEqual(SETTINGS);
    expect(backup.targets.map((t: { id: string }) => t.id)).toEqual([
      'cpa-account',
      'roas-all',
      'example-ctr',
    ]);
    // The example label travels with its target, and only with it.
    expect(backup.targets.map((t: { example?: boolean }) => t.example ?? null)).toEqual([null, null, true]);
    expect(backup.snapshots).toHaveLength(await source.snapshots.count());
    expect(backup.snapshots.every((s: object) => !('id' in s))).toBe(true);
    expect(backup.daily.length).toBeGreaterThan(0);
    expect(backup.alerts).toHaveLength(1);
  });

  it('is produced in parts, not as one in-memory array', async () => {
    const source = db();
    const rows = Array.from({ length: 4500 }, (_, i) => row(String(i + 1), { spend: i }));
    await storeReading(source, reading(rows), T0);
    const parts: string[] = [];
    for await (const part of backupParts(source, SETTINGS, NOW)) parts.push(part);
    expect(parts.length).toBeGreaterThan(5);
    expect(JSON.parse(parts.join('')).snapshots).toHaveLength(4500);
  });
});

describe('backup import', () => {
  it('round-trips losslessly: export → import into an empty database → export is equal', async () => {
    const source = await populated();
    const text = await exportBackup(source, SETTINGS, NOW);
    const target = db();
    const report = await importBackup(target, parseBackup(text), deps());
    expect(report.snapshotsAdded).toBe(await source.snapshots.count());
    expect(report.snapshotsSkipped).toBe(0);
    expect(await exportBackup(target, await loadSettings(), NOW)).toBe(text);
    // `latest` is rebuilt: the same newest rows as in the source.
    expect(await latestRows(target)).toEqual(await latestRows(source));
    // …and so are the account rows the popup starts from.
    expect(await knownAccounts(target)).toEqual(await knownAccounts(source));
    expect(await listTargets(target)).toEqual(await listTargets(source));
    expect((await listTargets(target)).find((t) => t.id === 'example-ctr')?.example).toBe(true);
  });

  it('importing the same backup twice adds nothing the second time', async () => {
    const source = await populated();
    const backup = parseBackup(await exportBackup(source, SETTINGS, NOW));
    const target = db();
    await importBackup(target, backup, deps());
    const count = await target.snapshots.count();
    const again = await importBackup(target, backup, deps(await loadSettings()));
    expect(again.snapshotsAdded).toBe(0);
    expect(again.snapshotsSkipped).toBe(count);
    expect(again.alertsAdded).toBe(0);
    expect(await target.snapshots.count()).toBe(count);
    expect(await target.targets.count()).toBe(3);
  });

  it('merges into existing data: only rows with a new entity, capture or numbers are added', async () => {
    const source = await populated();
    const backup = parseBackup(await exportBackup(source, SETTINGS, NOW));
    const target = db();
    // The target already has the first capture, plus one reading the backup lacks.
    await storeReading(
      target,
      reading([row('1', { spend: 100, clicks: 40, conversions: 3, conversionValue: 321.5 })]),
      T0,
    );
    await storeReading(target, reading([row('1', { spend: 777 })]), NOW);
    const report = await importBackup(target, backup, deps());
    expect(report.snapshotsSkipped).toBe(1);
    expect(report.snapshotsAdded).toBe(backup.snapshots.length - 1);
    // The newer local reading stays the latest one.
    const latest = await latestRows(target, { entityKey: '1', newestPerEntity: true });
    expect(latest[0]?.metrics.spend).toBe(777);
  });

  it('same entity and capture time but different numbers is a different row', () => {
    const base: Omit<Snapshot, 'id'> = {
      capturedAt: T0,
      platform: 'meta',
      accountId: '1',
      accountName: null,
      level: 'campaign',
      entityKey: 'e',
      entityId: 'e',
      entityName: 'E',
      dateStart: null,
      dateEnd: null,
      currency: null,
      currencySource: null,
      metrics: { spend: 1, clicks: 2 },
      clickKind: null,
      resultType: null,
    };
    expect(snapshotIdentity(base)).toBe(snapshotIdentity({ ...base, metrics: { clicks: 2, spend: 1 } }));
    expect(snapshotIdentity(base)).not.toBe(snapshotIdentity({ ...base, metrics: { spend: 1, clicks: 3 } }));
    expect(snapshotIdentity(base)).not.toBe(snapshotIdentity({ ...base, dateEnd: '2026-11-02' }));
  });

  it('merges settings: imported values win, per-account maps are combined', async () => {
    const source = await populated();
    const backup = parseBackup(await exportBackup(source, SETTINGS, NOW));
    const current = settingsSchema.parse({
      version: SETTINGS_VERSION,
      accountCurrencies: { 'tiktok:77': 'VND' },
      language: 'vi',
    });
    const report = await importBackup(db(), backup, deps(current));
    expect(report.settings.accountCurrencies).toEqual({ 'tiktok:77': 'VND', 'meta:1234567890': 'USD' });
    expect(report.settings.margin).toBe(0.3);
    expect((await loadSettings()).margin).toBe(0.3);
  });

  it('keeps currency sources losslessly, and gives rows of a file written before them the v3 source', async () => {
    const source = await populated();
    const text = await exportBackup(source, SETTINGS, NOW);
    const parsed = parseBackup(text);
    const sources = (rows: readonly { currency: string | null; currencySource: string | null }[]) =>
      [...new Set(rows.map((r) => `${r.currency}/${r.currencySource}`))].sort();
    expect(sources(parsed.snapshots)).toEqual(['UAH/page', 'USD/assumed', 'USD/page']);
    expect(sources(parsed.daily)).toContain('USD/assumed');

    const old = JSON.parse(text);
    for (const r of [...old.snapshots, ...old.daily]) {
      if (r.currencySource === 'assumed') r.currency = null; // v3 dropped assumed currencies
      delete r.currencySource;
    }
    const legacy = parseBackup(JSON.stringify(old));
    expect(sources(legacy.snapshots)).toEqual(['UAH/page', 'USD/page', 'null/null']);
    const target = db();
    await importBackup(target, legacy, deps());
    expect(sources(await target.snapshots.toArray())).toEqual(['UAH/page', 'USD/page', 'null/null']);
  });

  it('accepts a backup whose settings are of an older version (migrated)', async () => {
    const source = await populated();
    const raw = JSON.parse(await exportBackup(source, SETTINGS, NOW));
    raw.settings = settingsV1;
    const backup = parseBackup(JSON.stringify(raw));
    expect(backup.settings.version).toBe(SETTINGS_VERSION);
    expect(backup.settings.accountCurrencies).toEqual(settingsV1.accountCurrencies);
  });
});

describe('backup of mapped tables', () => {
  const mapping = migrateMapping(mappingV1)!;
  const second: Mapping = { ...mapping, id: 'map-second', pathPattern: '/second' };
  const withMappings = { ...deps(), importMappings };

  it('carries the mappings: export → import into a fresh profile gives the same records', async () => {
    const text = await exportBackup(await populated(), SETTINGS, NOW, [mapping, second]);
    expect(JSON.parse(text).mappings).toEqual([mapping, second]);
    const report = await importBackup(db(), parseBackup(text), withMappings);
    expect(report.mappings).toBe(2);
    expect(await loadMappings()).toEqual([mapping, second]);
  });

  it('merges them into the stored ones by id', async () => {
    await saveMapping({ ...second, label: 'Local' });
    await saveMapping({ ...mapping, id: 'map-local' });
    const text = await exportBackup(await populated(), SETTINGS, NOW, [second]);
    await importBackup(db(), parseBackup(text), withMappings);
    expect((await loadMappings()).map((m) => [m.id, m.label])).toEqual([
      ['map-local', mapping.label],
      ['map-second', mapping.label],
    ]);
  });

  it('imports a backup made before mappings as before, with no mappings', async () => {
    expect('mappings' in backupBeforeMappings).toBe(false);
    const backup = parseBackup(JSON.stringify(backupBeforeMappings));
    expect(backup.mappings).toEqual([]);
    const target = db();
    const report = await importBackup(target, backup, withMappings);
    expect(report).toMatchObject({ snapshotsAdded: 1, targets: 1, mappings: 0 });
    expect(await loadMappings()).toEqual([]);
    expect(await target.snapshots.count()).toBe(1);
  });

  it('refuses a backup with a damaged mapping, naming it, and imports nothing', async () => {
    const raw = JSON.parse(await exportBackup(await populated(), SETTINGS, NOW, [mapping]));
    raw.mappings[0].columns = [];
    const target = db();
    expect(() => parseBackup(JSON.stringify(raw))).toThrow(/mappings\.0\.columns/);
    expect(await target.snapshots.count()).toBe(0);
    expect(await loadMappings()).toEqual([]);
  });
});

describe('backup validation', () => {
  async function validText() {
    return exportBackup(await populated(), SETTINGS, NOW);
  }

  it('rejects what is not a KPI Lens backup', () => {
    expect(() => parseBackup('not json')).toThrow(BackupError);
    expect(() => parseBackup('{"format":"other"}')).toThrow(/not a KPI Lens backup/);
  });

  it('rejects a backup from a newer format version', async () => {
    const raw = JSON.parse(await validText());
    raw.version = 99;
    expect(() => parseBackup(raw)).toThrow(/newer KPI Lens/);
  });

  it('rejects a damaged row, naming where, and imports nothing', async () => {
    const raw = JSON.parse(await validText());
    raw.snapshots[3].metrics.spend = 'NaN';
    expect(() => parseBackup(raw)).toThrow(/snapshots\.3\.metrics\.spend/);
    const broken = JSON.parse(await validText());
    broken.targets[0].value = -5;
    expect(() => parseBackup(broken)).toThrow(/targets\.0\.value/);
  });

  it('rejects unknown metric keys (a snapshot row is strict)', async () => {
    const raw = JSON.parse(await validText());
    raw.snapshots[0].metrics.revenue = 5;
    expect(() => parseBackup(raw)).toThrow(BackupError);
  });
});
