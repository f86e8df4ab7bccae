import type { Platform, Snapshot } from '../model';

/**
 * Keys of the stored tables. Their shapes are part of the schema: an index range or key prefix depends on
 * them, and a change needs a Dexie upgrade that rewrites the stored keys.
 */

const SEPARATOR = '\u001f';

/** One entity in one reporting range (the daily roll-ups' key starts with it; backups compare rows by it). */
export function latestKeyOf(
  s: Pick<Snapshot, 'platform' | 'accountId' | 'level' | 'entityKey' | 'dateStart' | 'dateEnd'>,
): string {
  return [s.platform, s.accountId, s.level, s.entityKey, s.dateStart ?? '', s.dateEnd ?? ''].join(SEPARATOR);
}

/** `latestSets`' primary key: platform, account, level, range start, range end. */
export function latestSetKeyOf(
  s: Pick<Snapshot, 'platform' | 'accountId' | 'level' | 'dateStart' | 'dateEnd'>,
): string {
  return [s.platform, s.accountId, s.level, s.dateStart ?? '', s.dateEnd ?? ''].join(SEPARATOR);
}

/**
 * The prefix of every `latestSets` key of an account, or of one level of it. The separator closes each
 * part, so account "12" never matches account "123".
 */
export function latestSetKeyPrefix(platform: Platform, accountId: string, level?: Snapshot['level']): string {
  return [platform, accountId, ...(level === undefined ? [] : [level])].join(SEPARATOR) + SEPARATOR;
}

/**
 * A reporting range as one sortable string, end date first: an index on it finds one range exactly, and
 * every range that ends on or after a day (the current ones) as one key range. An unknown date is empty,
 * which sorts before every date.
 */
export function rangeKeyOf(s: Pick<Snapshot, 'dateStart' | 'dateEnd'>): string {
  return `${s.dateEnd ?? ''}${SEPARATOR}${s.dateStart ?? ''}`;
}

/** `accounts`' primary key. */
export function accountKeyOf(s: { platform: Platform; accountId: string }): string {
  return `${s.platform}${SEPARATOR}${s.accountId}`;
}
