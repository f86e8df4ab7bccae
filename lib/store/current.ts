import Dexie from 'dexie';
import type { Platform } from '../model';
import type { Target } from '../kpi/targets';
import { previousEqualRange } from '../kpi/trends';
import { LEVELS } from '../model';
import type { AccountRow, KpiLensDb, LatestRow } from './db';
import { knownAccounts } from './accounts';
import { latestKeyPrefix, rangeKeyOf } from './keys';
import { latestRowSchema, parseRows, sortLatest } from './snapshots';

/**
 * The `latest` rows the popup and the options page can show, read without touching the rest of the
 * history. `latest` keeps one row per entity and reporting range for ever (a year of daily "today"
 * readings leaves 365 ranges per entity), but what is shown now depends only on
 * - each account's current range (the range of its newest reading) and the range of equal length before it
 *   (for "vs previous period"),
 * - ranges that end today or yesterday in any time zone (budgets: today, and this month up to today or
 *   yesterday), and
 * - the entities of "one campaign" targets (their newest row of any range).
 * The popup's model built from these rows equals the model built from the whole table; a test holds it to
 * that on generated histories.
 */

export interface EntityRef {
  platform: Platform;
  accountId: string;
  entityKey: string;
}

const DAY_MS = 86_400_000;

/**
 * Ranges ending on or after this day count as current: UTC today minus 2 covers yesterday in every time
 * zone (UTC−12…+14). A day string, so that a caller re-queries when the day changes and not every minute.
 */
export function currentRangeFloor(now: number): string {
  return new Date(now - 2 * DAY_MS).toISOString().slice(0, 10);
}

function rangeQueries(db: KpiLensDb, account: AccountRow, floor: string): Promise<LatestRow[]>[] {
  const { platform, accountId } = account;
  const index = db.latest.where('[platform+accountId+rangeKey]');
  const queries = [
    index.between([platform, accountId, floor], [platform, accountId, Dexie.maxKey], true, true).toArray(),
    index.equals([platform, accountId, rangeKeyOf(account)]).toArray(),
  ];
  const previous =
    account.dateStart && account.dateEnd ? previousEqualRange(account.dateStart, account.dateEnd) : null;
  if (previous)
    queries.push(
      index
        .equals([platform, accountId, rangeKeyOf({ dateStart: previous.start, dateEnd: previous.end })])
        .toArray(),
    );
  return queries;
}

function entityQueries(db: KpiLensDb, entity: EntityRef): Promise<LatestRow[]>[] {
  // An entity key belongs to one level in practice, but a target names only the key: ask every level.
  return LEVELS.map((level) =>
    db.latest
      .where('key')
      .startsWith(latestKeyPrefix(entity.platform, entity.accountId, level, entity.entityKey))
      .toArray(),
  );
}

export interface CurrentQuery {
  /** `currentRangeFloor(now)`. */
  floor: string;
  /** Entities whose newest row is wanted whatever its range: those of "one campaign" targets. */
  entities?: readonly EntityRef[];
}

/** The current `latest` rows (see above), parsed, newest first like `latestRows`. */
export async function currentLatestRows(
  db: KpiLensDb,
  { floor, entities = [] }: CurrentQuery,
): Promise<LatestRow[]> {
  const known = await knownAccounts(db);
  const parts = await Promise.all([
    ...known.flatMap((a) => rangeQueries(db, a, floor)),
    ...entities.flatMap((e) => entityQueries(db, e)),
  ]);
  const byKey = new Map<string, LatestRow>();
  for (const part of parts) for (const row of part) byKey.set(row.key, row);
  return sortLatest(parseRows(latestRowSchema, [...byKey.values()]));
}

/** The entities that "one campaign" targets name. */
export function targetEntities(targets: readonly Pick<Target, 'scope'>[]): EntityRef[] {
  return targets.flatMap((t) =>
    t.scope.kind === 'campaign'
      ? [{ platform: t.scope.platform, accountId: t.scope.accountId, entityKey: t.scope.entityKey }]
      : [],
  );
}
