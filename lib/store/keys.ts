import type { Platform, Snapshot } from '../model';

/**
 * Keys of the stored tables. Their shapes are part of the schema: an index range or key prefix depends on
 * them, and a change needs a Dexie upgrade that rewrites the stored keys.
 */

const SEPARATOR = '\u001f';

/** `latest`'s primary key: platform, account, level, entity, range start, range end. */
export function latestKeyOf(
  s: Pick<Snapshot, 'platform' | 'accountId' | 'level' | 'entityKey' | 'dateStart' | 'dateEnd'>,
): string {
  return [s.platform, s.accountId, s.level, s.entityKey, s.dateStart ?? '', s.dateEnd ?? ''].join(SEPARATOR);
}

/**
 * The prefix of every `latest` key of an account, optionally narrowed to a level and an entity. The
 * separator closes each part, so entity "12" never matches entity "123".
 */
export function latestKeyPrefix(
  platform: Platform,
  accountId: string,
  level?: Snapshot['level'],
  entityKey?: string,
): string {
  const parts: string[] = [platform, accountId];
  if (level !== undefined) {
    parts.push(level);
    if (entityKey !== undefined) parts.push(entityKey);
  }
  return parts.join(SEPARATOR) + SEPARATOR;
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
