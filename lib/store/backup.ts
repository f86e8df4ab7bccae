import * as z from '../zod';
import { snapshotSchema, type Snapshot } from '../model';
import { targetSchema, type Target } from '../kpi/targets';
import { withLegacyCurrencySource, type AlertRow, type DailyRow, type KpiLensDb } from './db';
import { dailyRowSchema, mergeDailyRows } from './daily';
import { anyVersionMappingSchema, mappingSchema, type Mapping } from '../mapping/schema';
import { settingsSchema, SETTINGS_VERSION, upgradeSettings, type Settings } from './settings';
import { updateAccounts } from './accounts';
import { latestKeyOf } from './keys';
import { mergeIntoStoredSets } from './latest';
import { parseRows } from './snapshots';
import { listTargets, saveTargets } from './targets';

/**
 * Backup file: everything the user has, as one versioned JSON document. Snapshots are written without
 * their database ids (ids are local; identity is entity + capture + numbers). `latest` and the roll-up
 * watermark are derived and rebuilt on import; daily roll-ups are included because they outlive
 * retention pruning of the raw snapshots.
 */
export const BACKUP_FORMAT = 'kpi-lens-backup';
export const BACKUP_VERSION = 1;
const CHUNK = 2000;

/** A row of a file written before the currency's source was kept gets the source it had then. */
function legacyFilled<T extends z.ZodMiniType>(schema: T) {
  return z.pipe(
    z.transform((raw: unknown) => (raw && typeof raw === 'object' ? withLegacyCurrencySource(raw) : raw)),
    schema,
  );
}

const storedSnapshotSchema = legacyFilled(z.omit(snapshotSchema, { id: true }));

export const alertRowSchema = z.object({
  key: z.nonEmptyString(),
  day: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  at: z.count(),
  targetId: z.nonEmptyString(100),
  platform: snapshotSchema.shape.platform,
  accountId: z.nonEmptyString(64),
  level: snapshotSchema.shape.level,
  entityKey: z.nonEmptyString(1100),
  entityName: z.nullable(z.boundedString(1000)),
});

/** Settings in a backup may be of an older version: they go through the numbered migrations. */
const backupSettingsSchema = z.pipe(
  z.pipe(
    z.looseObject({ version: z.int().check(z.gte(1), z.lte(SETTINGS_VERSION)) }),
    z.transform((raw) => upgradeSettings(raw)),
  ),
  settingsSchema,
);

export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.iso.datetime(),
  settings: backupSettingsSchema,
  targets: z.array(targetSchema),
  snapshots: z.array(storedSnapshotSchema),
  daily: z._default(z.array(legacyFilled(dailyRowSchema)), []),
  alerts: z._default(z.array(alertRowSchema), []),
  /** Mapped tables (lib/mapping): absent in backups made before them, which import as before. */
  mappings: z._default(z.array(anyVersionMappingSchema), []),
});
export type Backup = z.output<typeof backupSchema>;

export class BackupError extends Error {}

// ---------------------------------------------------------------------------------------------------------
// Export

function withoutId(s: Snapshot): Omit<Snapshot, 'id'> {
  const { id: _id, ...rest } = s;
  return rest;
}

/**
 * The backup as a sequence of JSON text parts, read from the database in chunks so ~180,000 snapshots
 * never sit in memory as one array (`new Blob(parts)` or `parts.join('')` gives the file).
 */
export async function* backupParts(
  db: KpiLensDb,
  settings: Settings,
  now: number,
  mappings: readonly Mapping[] = [],
): AsyncGenerator<string> {
  const targets = await listTargets(db);
  yield `{"format":${JSON.stringify(BACKUP_FORMAT)},"version":${BACKUP_VERSION},"exportedAt":${JSON.stringify(
    new Date(now).toISOString(),
  )},"settings":${JSON.stringify(settingsSchema.parse(settings))},"targets":${JSON.stringify(targets)},"snapshots":[`;
  let first = true;
  let lastId = 0;
  for (;;) {
    const chunk = await db.snapshots.where(':id').above(lastId).limit(CHUNK).toArray();
    if (chunk.length === 0) break;
    lastId = chunk[chunk.length - 1]!.id!;
    const rows = parseRows(snapshotSchema, chunk).map((s) => JSON.stringify(withoutId(s)));
    if (rows.length === 0) continue;
    yield (first ? '' : ',') + rows.join(',');
    first = false;
  }
  yield '],"daily":[';
  yield* keyedParts((after) => db.daily.where(':id').above(after).limit(CHUNK).toArray(), dailyRowSchema);
  yield '],"alerts":[';
  yield* keyedParts((after) => db.alerts.where(':id').above(after).limit(CHUNK).toArray(), alertRowSchema);
  yield `],"mappings":${JSON.stringify(mappings.map((m) => mappingSchema.parse(m)))}}`;
}

/** Rows of a table keyed by a string `key`, in key order, in chunks. */
async function* keyedParts(
  chunkAfter: (key: string) => Promise<{ key: string }[]>,
  schema: z.ZodMiniType,
): AsyncGenerator<string> {
  let first = true;
  let lastKey = '';
  for (;;) {
    const chunk = await chunkAfter(lastKey);
    if (chunk.length === 0) return;
    lastKey = chunk[chunk.length - 1]!.key;
    const rows = parseRows(schema, chunk).map((r) => JSON.stringify(r));
    if (rows.length === 0) continue;
    yield (first ? '' : ',') + rows.join(',');
    first = false;
  }
}

export async function exportBackup(
  db: KpiLensDb,
  settings: Settings,
  now: number,
  mappings: readonly Mapping[] = [],
): Promise<string> {
  const parts: string[] = [];
  for await (const part of backupParts(db, settings, now, mappings)) parts.push(part);
  return parts.join('');
}

export function backupFileName(now: number): string {
  return `kpi-lens-backup-${new Date(now).toISOString().slice(0, 10)}.json`;
}

// ---------------------------------------------------------------------------------------------------------
// Import

/**
 * The largest backup text accepted: a year of daily readings of a large account is ~70 MB, and V8 cannot hold
 * a string much over 500 M characters, so a larger file would fail with an unclear RangeError instead.
 */
export const MAX_BACKUP_CHARS = 400 * 1024 * 1024;

/** Parses and validates a backup file's text; throws a BackupError that says what is wrong. */
export function parseBackup(input: string | unknown, maxChars = MAX_BACKUP_CHARS): Backup {
  let raw: unknown = input;
  if (typeof input === 'string') {
    if (input.length > maxChars)
      throw new BackupError(
        `This file is too large for a KPI Lens backup (${input.length.toLocaleString('en')} characters, at most ${maxChars.toLocaleString('en')}).`,
      );
    try {
      raw = JSON.parse(input);
    } catch (error) {
      throw new BackupError(
        `This file is not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
  }
  if (!raw || typeof raw !== 'object' || (raw as { format?: unknown }).format !== BACKUP_FORMAT)
    throw new BackupError('This file is not a KPI Lens backup.');
  const version = (raw as { version?: unknown }).version;
  if (typeof version === 'number' && version > BACKUP_VERSION)
    throw new BackupError(
      `This backup was made by a newer KPI Lens (format version ${version}); update the extension first.`,
    );
  const parsed = backupSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupError(
      `This backup is damaged: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}. Nothing was imported.`,
    );
  }
  return parsed.data;
}

/** What makes two snapshots the same row: entity, reporting range, capture time and every number. */
export function snapshotIdentity(s: Omit<Snapshot, 'id'>): string {
  const metrics = Object.entries(s.metrics)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([
    latestKeyOf(s),
    s.capturedAt,
    s.entityId,
    s.entityName,
    s.accountName,
    s.currency,
    s.clickKind,
    s.resultType,
    metrics,
  ]);
}

export interface ImportReport {
  snapshotsAdded: number;
  snapshotsSkipped: number;
  targets: number;
  dailyRows: number;
  alertsAdded: number;
  mappings: number;
  settings: Settings;
}

/** Imported settings win field by field; per-account maps and FX rates are merged. */
export function mergeSettings(current: Settings, imported: Settings): Settings {
  return settingsSchema.parse({
    ...current,
    ...imported,
    accountCurrencies: { ...current.accountCurrencies, ...imported.accountCurrencies },
    accountTimeZones: { ...current.accountTimeZones, ...imported.accountTimeZones },
    currencyPromptDismissed: mergedOptional(
      current.currencyPromptDismissed,
      imported.currencyPromptDismissed,
    ),
    fxRates: { ...current.fxRates, ...imported.fxRates },
  });
}

function mergedOptional<T>(
  current: Record<string, T> | undefined,
  imported: Record<string, T> | undefined,
): Record<string, T> | undefined {
  return current || imported ? { ...current, ...imported } : undefined;
}

export interface ImportOptions {
  currentSettings: Settings;
  saveSettings(settings: Settings): Promise<void>;
  /** Merges the backup's mappings into the stored ones (lib/mapping/store.ts); absent: they are not imported. */
  importMappings?(mappings: readonly Mapping[]): Promise<number>;
  chunkSize?: number;
  /** Called after each committed chunk of snapshots (for a progress bar). */
  onProgress?(done: number, total: number): void;
}

/**
 * Merges a validated backup into the database without duplicates: a snapshot already present (same
 * entity, capture and numbers) is skipped, so importing the same file twice changes nothing. Each chunk
 * is one transaction: if the browser runs out of space midway, the chunks already imported stay (they
 * are complete rows) and importing again continues without duplicating them.
 */
export async function importBackup(
  db: KpiLensDb,
  backup: Backup,
  options: ImportOptions,
): Promise<ImportReport> {
  const chunkSize = options.chunkSize ?? CHUNK;
  const settings = mergeSettings(options.currentSettings, backup.settings);
  await options.saveSettings(settings);
  const targets: Target[] = await saveTargets(db, backup.targets);
  const mappings = options.importMappings ? await options.importMappings(backup.mappings) : 0;

  let added = 0;
  let skipped = 0;
  for (let i = 0; i < backup.snapshots.length; i += chunkSize) {
    const chunk = backup.snapshots.slice(i, i + chunkSize);
    const result = await importSnapshotChunk(db, chunk);
    added += result.added;
    skipped += result.skipped;
    options.onProgress?.(Math.min(i + chunkSize, backup.snapshots.length), backup.snapshots.length);
  }

  for (let i = 0; i < backup.daily.length; i += chunkSize) {
    const chunk = backup.daily.slice(i, i + chunkSize) as DailyRow[];
    await db.transaction('rw', db.daily, () => mergeDailyRows(db, chunk));
  }

  let alertsAdded = 0;
  for (let i = 0; i < backup.alerts.length; i += chunkSize) {
    const chunk = backup.alerts.slice(i, i + chunkSize) as AlertRow[];
    alertsAdded += await db.transaction('rw', db.alerts, async () => {
      const existing = await db.alerts.bulkGet(chunk.map((a) => a.key));
      const fresh = chunk.filter((_, j) => !existing[j]);
      await db.alerts.bulkPut(fresh);
      return fresh.length;
    });
  }

  return {
    snapshotsAdded: added,
    snapshotsSkipped: skipped,
    targets: targets.length,
    dailyRows: backup.daily.length,
    alertsAdded,
    mappings,
    settings,
  };
}

async function importSnapshotChunk(
  db: KpiLensDb,
  chunk: readonly Omit<Snapshot, 'id'>[],
): Promise<{ added: number; skipped: number }> {
  return db.transaction('rw', db.snapshots, db.latestSets, db.accounts, async () => {
    // Only rows captured at the same time can be duplicates. A chunk of a backup (written in capture
    // order) spans a few readings, i.e. a few distinct times: fetch exactly those, else the time range.
    const times = [...new Set(chunk.map((s) => s.capturedAt))].sort((a, b) => a - b);
    const candidates =
      times.length <= 64
        ? (await Promise.all(times.map((t) => db.snapshots.where('capturedAt').equals(t).toArray()))).flat()
        : await db.snapshots
            .where('capturedAt')
            .between(times[0]!, times[times.length - 1]!, true, true)
            .toArray();
    const seen = new Set(candidates.map(snapshotIdentity));
    const fresh: Snapshot[] = [];
    for (const s of chunk) {
      const identity = snapshotIdentity(s);
      if (seen.has(identity)) continue;
      seen.add(identity);
      fresh.push(s);
    }
    // Copies: the history's rows get database ids, the sets' rows must not.
    await db.snapshots.bulkAdd(fresh.map((s) => ({ ...s })));
    // The newest readings follow the newest capture of each entity and range.
    await mergeIntoStoredSets(db, fresh);
    await updateAccounts(db, fresh);
    return { added: fresh.length, skipped: chunk.length - fresh.length };
  });
}
