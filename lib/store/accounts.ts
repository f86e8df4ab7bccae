import * as z from '../zod';
import { platformSchema, type Platform, type Snapshot } from '../model';
import type { AccountRow, KpiLensDb } from './db';
import { accountKeyOf } from './keys';

const stamp = z.nullable(z.string());

export const accountRowSchema = z.object({
  key: z.nonEmptyString(),
  platform: platformSchema,
  accountId: z.nonEmptyString(),
  accountName: stamp,
  accountNameAt: z.number(),
  currency: stamp,
  currencyAt: z.number(),
  lastCapturedAt: z.number(),
  dateStart: stamp,
  dateEnd: stamp,
  campaigns: z.record(
    z.string(),
    z.object({ name: stamp, at: z.number(), dateStart: stamp, dateEnd: stamp }),
  ),
});

function emptyAccount(platform: Platform, accountId: string): AccountRow {
  return {
    key: accountKeyOf({ platform, accountId }),
    platform,
    accountId,
    accountName: null,
    accountNameAt: 0,
    currency: null,
    currencyAt: 0,
    lastCapturedAt: 0,
    dateStart: null,
    dateEnd: null,
    campaigns: {},
  };
}

/**
 * Folds a row that was just written to `latest` into its account's row (created when missing). Each field
 * keeps the newest value by capture time, so the order rows arrive in (a backup merged over newer data, an
 * upgrade walking keys) does not matter; a name or currency the page did not show keeps the older one.
 */
export function foldIntoAccount(accounts: Map<string, AccountRow>, row: Snapshot): void {
  const key = accountKeyOf(row);
  let account = accounts.get(key);
  if (!account) {
    account = emptyAccount(row.platform, row.accountId);
    accounts.set(key, account);
  }
  const at = row.capturedAt;
  if (at >= account.lastCapturedAt) {
    account.lastCapturedAt = at;
    account.dateStart = row.dateStart;
    account.dateEnd = row.dateEnd;
  }
  if (row.accountName !== null && at >= account.accountNameAt) {
    account.accountName = row.accountName;
    account.accountNameAt = at;
  }
  // What the pages showed (or the user set): an assumption is not the account's currency.
  if (row.currency !== null && row.currencySource !== 'assumed' && at >= account.currencyAt) {
    account.currency = row.currency;
    account.currencyAt = at;
  }
  if (row.level === 'campaign') {
    const known = account.campaigns[row.entityKey];
    if (!known || at >= known.at)
      account.campaigns[row.entityKey] = {
        name: row.entityName ?? row.entityId,
        at,
        dateStart: row.dateStart,
        dateEnd: row.dateEnd,
      };
  }
}

/**
 * Reads the account rows of `rows`, folds `rows` into them and writes them back. Runs inside the caller's
 * transaction (which must include `accounts`), so an account never disagrees with `latest`.
 */
export async function updateAccounts(db: KpiLensDb, rows: readonly Snapshot[]): Promise<void> {
  if (rows.length === 0) return;
  const keys = [...new Set(rows.map(accountKeyOf))];
  const accounts = new Map<string, AccountRow>();
  (await db.accounts.bulkGet(keys)).forEach((stored) => {
    const parsed = stored ? accountRowSchema.safeParse(stored) : null;
    // A damaged row is rebuilt from what follows rather than trusted.
    if (parsed?.success) accounts.set(parsed.data.key, parsed.data);
  });
  for (const row of rows) foldIntoAccount(accounts, row);
  await db.accounts.bulkPut([...accounts.values()]);
}

/** Accounts that have readings, newest first. Rows that no longer parse are left out. */
export async function knownAccounts(db: KpiLensDb): Promise<AccountRow[]> {
  const out: AccountRow[] = [];
  for (const row of await db.accounts.toArray()) {
    const parsed = accountRowSchema.safeParse(row);
    if (parsed.success) out.push(parsed.data);
  }
  return out.sort((a, b) => b.lastCapturedAt - a.lastCapturedAt || (a.key < b.key ? -1 : 1));
}
