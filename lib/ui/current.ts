import type { Level, Platform, Snapshot } from '@/lib/model';
import { LEVELS } from '@/lib/model';
import { withAccountCurrencies } from '@/lib/kpi/projection';
import type { Settings } from '@/lib/store/settings';

/**
 * Which stored rows make up "now" for an account. `latest` keeps the newest reading of every entity for
 * every reporting range and level the user ever looked at; adding them all up would count the same
 * spend many times (a campaign and its ad sets; "today" and "this month"). For each account the popup
 * therefore uses one table: the reporting range of the account's newest reading, at the highest level
 * read for that range.
 */

export interface CurrentSet {
  platform: Platform;
  accountId: string;
  accountName: string | null;
  level: Level;
  dateStart: string | null;
  dateEnd: string | null;
  /** Newest capture time among the rows. */
  capturedAt: number;
  rows: Snapshot[];
}

export function accountKey(row: { platform: Platform; accountId: string }): string {
  return `${row.platform}:${row.accountId}`;
}

function sameRange(a: Pick<Snapshot, 'dateStart' | 'dateEnd'>, b: Pick<Snapshot, 'dateStart' | 'dateEnd'>) {
  return a.dateStart === b.dateStart && a.dateEnd === b.dateEnd;
}

/** Groups rows by account (order of first appearance). */
export function byAccount<T extends { platform: Platform; accountId: string }>(
  rows: readonly T[],
): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const key = accountKey(row);
    const list = out.get(key);
    if (list) list.push(row);
    else out.set(key, [row]);
  }
  return out;
}

/** The current set of one account's latest rows (see above); null for no rows. */
export function currentSetOf(rows: readonly Snapshot[]): CurrentSet | null {
  if (rows.length === 0) return null;
  const newest = rows.reduce((a, b) => (b.capturedAt > a.capturedAt ? b : a));
  const inRange = rows.filter((r) => sameRange(r, newest));
  const level = LEVELS.find((l) => inRange.some((r) => r.level === l)) ?? newest.level;
  const chosen = inRange.filter((r) => r.level === level);
  return {
    platform: newest.platform,
    accountId: newest.accountId,
    accountName: chosen.find((r) => r.accountName)?.accountName ?? newest.accountName,
    level,
    dateStart: newest.dateStart,
    dateEnd: newest.dateEnd,
    capturedAt: Math.max(...chosen.map((r) => r.capturedAt)),
    rows: chosen,
  };
}

/** One current set per account, newest first. */
export function currentSets(latest: readonly Snapshot[]): CurrentSet[] {
  const sets: CurrentSet[] = [];
  for (const rows of byAccount(latest).values()) {
    const set = currentSetOf(rows);
    if (set) sets.push(set);
  }
  return sets.sort((a, b) => b.capturedAt - a.capturedAt);
}

/** Latest rows of the same account and level as `set`, for another reporting range. */
export function rowsForRange(
  latest: readonly Snapshot[],
  set: Pick<CurrentSet, 'platform' | 'accountId' | 'level'>,
  range: { start: string; end: string },
): Snapshot[] {
  return latest.filter(
    (r) =>
      r.platform === set.platform &&
      r.accountId === set.accountId &&
      r.level === set.level &&
      r.dateStart === range.start &&
      r.dateEnd === range.end,
  );
}

// The account's currency setting applied to stored rows: the one projection's rule (lib/kpi/projection.ts).
export { withAccountCurrencies };

/**
 * The stored newest rows as the options page shows and counts them (its live target counts): the
 * account's currency setting applied, as the popup, the badge and the chips apply it.
 */
export function latestAsJudged(
  rows: readonly Snapshot[],
  settings: Pick<Settings, 'accountCurrencies'>,
): Snapshot[] {
  return withAccountCurrencies(rows, settings.accountCurrencies);
}
