import {
  entityKeyOf,
  type ClickKind,
  type CurrencySource,
  type EntityRow,
  type Level,
  type Metrics,
  type PageContext,
  type Platform,
  type TableReading,
} from '@/lib/model';
import {
  accountCurrencyOf,
  effectiveCurrency,
  UNKNOWN_CURRENCY,
  type AccountCurrencies,
  type CurrencyOf,
} from './currency-policy';
import type { EntityRef } from './targets';

/**
 * The one projection of KPI Lens: a reading (or stored rows) → the entities that are stored, shown and
 * judged. Every surface — what is stored (lib/store/snapshots.ts), the toolbar badge and notifications
 * (lib/background/evaluate.ts), the chips (lib/overlay/chips.ts), the in-page panel (lib/overlay/summary.ts)
 * and the popup — takes its entities from here, so they agree on which rows are entities and on what
 * currency a row's money is in. Pure.
 *
 * Rules:
 * - A reading the adapter did not recognise has no entities.
 * - A row is an entity when it has a key (its id, else its name); a table that lists the same entity twice
 *   (a virtualised re-render) gives one entity: the first reading of it.
 * - A table segmented by day also gives each entity's days (`dayEntitiesOfReading`): stored as snapshots of
 *   that one day, never judged or shown as the range on screen.
 * - Currency (lib/kpi/currency-policy.ts): what is stored is the currency as read, with its source (null
 *   with an unknown currency); what is judged is the currency as read with the account's setting applied
 *   (rule 2), so a confirmed account currency counts the same on every surface, stored rows included.
 */

/** Stands for an unknown account id in entities built from a page (never a real id: those are digits). */
export const UNKNOWN_ACCOUNT = '?';

/** One entity of a reading as read: the reading's context and the row's own fields. */
export interface ReadEntity {
  platform: Platform;
  /** null when the page does not show the account. */
  accountId: string | null;
  accountName: string | null;
  level: Level;
  entityKey: string;
  entityId: string | null;
  entityName: string | null;
  dateStart: string | null;
  dateEnd: string | null;
  currency: string | null;
  currencySource: CurrencySource | null;
  metrics: Metrics;
  clickKind: ClickKind | null;
  resultType: string | null;
}

/** What the judge (lib/kpi/judge.ts) takes: one entity with its currency as it counts now. */
export interface JudgedEntity extends EntityRef {
  currency: string | null;
  currencySource: CurrencySource | null;
  metrics: Metrics;
  /** Reporting range (inclusive, `YYYY-MM-DD`); only budget pacing needs it. */
  dateStart: string | null;
  dateEnd: string | null;
}

/** The currency of a reading as read: no source without a currency. */
export function readCurrencyOf(context: Pick<PageContext, 'currency' | 'currencySource'>): CurrencyOf {
  return context.currency === null
    ? UNKNOWN_CURRENCY
    : { currency: context.currency, currencySource: context.currencySource };
}

/**
 * Calls `visit` with every row of the reading that is an entity, with its key, in reading order (see the
 * rules above). Callers that keep something per row object (the chips' cache) iterate with this; the others
 * use `entitiesOfReading`.
 */
export function forEachEntityRow(reading: TableReading, visit: (row: EntityRow, entityKey: string) => void) {
  if (reading.health.status === 'not-recognised') return;
  const seen = new Set<string>();
  for (const row of reading.rows) {
    const entityKey = entityKeyOf(row);
    if (!entityKey || seen.has(entityKey)) continue;
    seen.add(entityKey);
    visit(row, entityKey);
  }
}

/** The entities of a reading as read: what is stored for the reading's range, judged and shown on the chips. */
export function entitiesOfReading(reading: TableReading): ReadEntity[] {
  const { context } = reading;
  const currency = readCurrencyOf(context);
  const out: ReadEntity[] = [];
  forEachEntityRow(reading, (row, entityKey) => {
    out.push(readEntityOf(context, currency, row, entityKey, context, row.metrics));
  });
  return out;
}

/**
 * The entities' days, when the table is segmented by day: one entity per entity row and day, its range that
 * day alone (`dateStart = dateEnd`), for the history only (never judged or shown as the page's range). Same
 * rules as `entitiesOfReading` (entity rows, keys, currency); a day outside the reading's range, a day
 * already given for the row, or the one day of a one-day range (the range's own entity) is left out.
 */
export function dayEntitiesOfReading(reading: TableReading): ReadEntity[] {
  const { context } = reading;
  const currency = readCurrencyOf(context);
  const out: ReadEntity[] = [];
  forEachEntityRow(reading, (row, entityKey) => {
    const seen = new Set<string>();
    for (const day of row.days ?? []) {
      if (seen.has(day.date) || !withinRange(day.date, context)) continue;
      // A one-day range's only day is the range itself: its entity is already the reading's own.
      if (day.date === context.dateStart && day.date === context.dateEnd) continue;
      seen.add(day.date);
      const range = { dateStart: day.date, dateEnd: day.date };
      out.push(readEntityOf(context, currency, row, entityKey, range, day.metrics));
    }
  });
  return out;
}

function withinRange(date: string, range: Pick<PageContext, 'dateStart' | 'dateEnd'>): boolean {
  // A day of an unknown range cannot be checked against it: not stored.
  if (range.dateStart === null || range.dateEnd === null) return false;
  return date >= range.dateStart && date <= range.dateEnd;
}

function readEntityOf(
  context: PageContext,
  currency: CurrencyOf,
  row: EntityRow,
  entityKey: string,
  range: Pick<PageContext, 'dateStart' | 'dateEnd'>,
  metrics: Metrics,
): ReadEntity {
  return {
    platform: context.platform,
    accountId: context.accountId,
    accountName: context.accountName,
    level: context.level,
    entityKey,
    entityId: row.entityId,
    entityName: row.entityName,
    dateStart: range.dateStart,
    dateEnd: range.dateEnd,
    currency: currency.currency,
    currencySource: currency.currencySource,
    metrics,
    clickKind: row.clickKind,
    resultType: row.resultType,
  };
}

/** The currency an entity's money counts in now: as read, with the account's setting (rule 2). */
export function currencyNow(
  read: CurrencyOf & { platform: Platform; accountId: string | null },
  accountCurrencies: AccountCurrencies = {},
): CurrencyOf {
  const known = read.currency === null ? UNKNOWN_CURRENCY : read;
  const accountId = read.accountId === UNKNOWN_ACCOUNT ? null : read.accountId;
  return effectiveCurrency(known, accountCurrencyOf(accountCurrencies, read.platform, accountId));
}

type EntityFields = Pick<ReadEntity, 'platform' | 'accountId' | 'entityKey' | 'metrics'> &
  Pick<ReadEntity, 'currency' | 'currencySource' | 'dateStart' | 'dateEnd'>;

/** A stored or read entity as the judge takes it. */
export function judgedEntityOf(e: EntityFields, accountCurrencies: AccountCurrencies = {}): JudgedEntity {
  const currency = currencyNow(e, accountCurrencies);
  return {
    platform: e.platform,
    // Targets of an account never apply to a page whose account is unknown; broader ones still do.
    accountId: e.accountId ?? UNKNOWN_ACCOUNT,
    entityKey: e.entityKey,
    currency: currency.currency,
    currencySource: currency.currencySource,
    metrics: e.metrics,
    dateStart: e.dateStart,
    dateEnd: e.dateEnd,
  };
}

/** One row of a reading as the judge takes it (for callers that iterate with `forEachEntityRow`). */
export function judgedEntityOfRow(
  context: PageContext,
  row: EntityRow,
  entityKey: string,
  accountCurrencies: AccountCurrencies = {},
): JudgedEntity {
  return judgedEntityOf(
    { ...context, ...readCurrencyOf(context), entityKey, metrics: row.metrics },
    accountCurrencies,
  );
}

/** Every entity of a reading as the judge takes it. */
export function judgedEntitiesOfReading(
  reading: TableReading,
  accountCurrencies: AccountCurrencies = {},
): JudgedEntity[] {
  return entitiesOfReading(reading).map((e) => judgedEntityOf(e, accountCurrencies));
}

/**
 * Stored rows with the account's currency setting applied (rule 2): rows whose page did not name the
 * currency take the one the user set for the account, readings stored before the setting included. A row
 * that does not change is returned as it is.
 */
export function withAccountCurrencies<T extends EntityFields>(
  rows: readonly T[],
  accountCurrencies: AccountCurrencies,
): T[] {
  if (Object.keys(accountCurrencies).length === 0) return [...rows];
  return rows.map((r) => {
    const best = currencyNow(r, accountCurrencies);
    return best.currency === r.currency && best.currencySource === r.currencySource ? r : { ...r, ...best };
  });
}
