import Dexie from 'dexie';
import type { Platform, Snapshot } from '../model';
import type { Target } from '../kpi/targets';
import { previousEqualRange } from '../kpi/trends';
import type { AccountRow, KpiLensDb, LatestSet } from './db';
import { knownAccounts } from './accounts';
import { latestSetKeyOf, rangeKeyOf } from './keys';
import { parseLatestSets, rowsOfSets } from './latest';

/**
 * The newest readings the popup and the options page can show, read without touching the rest of the
 * history. `latestSets` keeps one set per account, level and reporting range for ever (a year of daily
 * "today" readings leaves 365 per account and level), but what is shown now depends only on
 * - each account's current range (the range of its newest reading) and the range of equal length before it
 *   (for "vs previous period"),
 * - ranges that end today or yesterday in any time zone (budgets: today, and this month up to today or
 *   yesterday), and
 * - the campaigns of "one campaign" targets (their newest row of any range).
 * The popup's model built from these rows equals the model built from every set; a test holds it to that
 * on generated histories.
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

function rangeQueries(db: KpiLensDb, account: AccountRow, floor: string): Promise<LatestSet[]>[] {
  const { platform, accountId } = account;
  const index = db.latestSets.where('[platform+accountId+rangeKey]');
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

/** The set holding a campaign's newest row (the account row says which range that was). */
function campaignSetKey(accounts: readonly AccountRow[], entity: EntityRef): string | null {
  const account = accounts.find((a) => a.platform === entity.platform && a.accountId === entity.accountId);
  const seen = account?.campaigns[entity.entityKey];
  return seen ? latestSetKeyOf({ ...entity, level: 'campaign', ...seen }) : null;
}

export interface CurrentQuery {
  /** `currentRangeFloor(now)`. */
  floor: string;
  /** Campaigns whose newest row is wanted whatever its range: those of "one campaign" targets. */
  entities?: readonly EntityRef[];
}

/** The current rows (see above), parsed, newest first like `latestRows`. */
export async function currentLatestRows(
  db: KpiLensDb,
  { floor, entities = [] }: CurrentQuery,
): Promise<Snapshot[]> {
  const accounts = await knownAccounts(db);
  const setKeys = entities.flatMap((e) => campaignSetKey(accounts, e) ?? []);
  const parts = await Promise.all([
    ...accounts.flatMap((a) => rangeQueries(db, a, floor)),
    db.latestSets.bulkGet(setKeys).then((sets) => sets.filter((s) => s !== undefined)),
  ]);
  const byKey = new Map<string, LatestSet>();
  for (const part of parts) for (const set of part) byKey.set(set.key, set);
  return rowsOfSets(parseLatestSets([...byKey.values()]));
}

/** The entities that "one campaign" targets name. */
export function targetEntities(targets: readonly Pick<Target, 'scope'>[]): EntityRef[] {
  return targets.flatMap((t) =>
    t.scope.kind === 'campaign'
      ? [{ platform: t.scope.platform, accountId: t.scope.accountId, entityKey: t.scope.entityKey }]
      : [],
  );
}
