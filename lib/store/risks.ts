import { browser } from 'wxt/browser';
import * as z from '../zod';
import { entityRiskSchema } from '../kpi/entity-risks';
import { levelSchema, platformSchema, type Level, type Platform } from '../model';

/**
 * The risk flags of each table's newest reading, for the popup: the worker judges them when it stores a
 * reading (it has the history), and the popup shows them without judging the history again. In
 * `storage.local` under one key: a few small records, replaced on every reading of their table, dropped a
 * week after their table was last read. Read back through zod; a damaged record is left out.
 */
export const RISKS_KEY = 'risks';
const KEEP_MS = 7 * 86_400_000;
/** Flags kept per table: the popup lists the worst few, a table with more is not one the user reads whole. */
export const MAX_TABLE_RISKS = 200;

export const tableRisksSchema = z.object({
  platform: platformSchema,
  accountId: z.nonEmptyString(64),
  level: levelSchema,
  at: z.count(),
  entities: z
    .array(z.extend(entityRiskSchema, { entityName: z.nullable(z.boundedString(1000)) }))
    .check(z.maxLength(MAX_TABLE_RISKS)),
});
export type TableRisks = z.infer<typeof tableRisksSchema>;
export type NamedEntityRisk = TableRisks['entities'][number];

export function tableKeyOf(t: { platform: Platform; accountId: string; level: Level }): string {
  return `${t.platform}\u001f${t.accountId}\u001f${t.level}`;
}

/** Stored tables as read back: every record that still parses. */
export function readRisks(stored: unknown): TableRisks[] {
  if (!stored || typeof stored !== 'object') return [];
  return Object.values(stored).flatMap((raw) => {
    const parsed = tableRisksSchema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The stored tables with `table` put in (or removed when it has no flags) and old ones dropped. Pure. */
export function withTableRisks(
  stored: readonly TableRisks[],
  table: TableRisks,
  now: number,
): Record<string, TableRisks> {
  const out: Record<string, TableRisks> = {};
  for (const t of stored) if (now - t.at < KEEP_MS) out[tableKeyOf(t)] = t;
  const key = tableKeyOf(table);
  if (table.entities.length > 0) out[key] = { ...table, entities: table.entities.slice(0, MAX_TABLE_RISKS) };
  else delete out[key];
  return out;
}

export async function loadRisks(): Promise<TableRisks[]> {
  return readRisks((await browser.storage.local.get(RISKS_KEY))[RISKS_KEY]);
}

/** Writes nothing when a table without flags had none stored either (the common case, on every save). */
export async function saveTableRisks(table: TableRisks, now: number): Promise<void> {
  const stored = await loadRisks();
  const key = tableKeyOf(table);
  if (table.entities.length === 0 && !stored.some((t) => tableKeyOf(t) === key)) return;
  await browser.storage.local.set({ [RISKS_KEY]: withTableRisks(stored, table, now) });
}

/** A flagged entity as the popup lists it, with its table. */
export interface ListedRisk extends NamedEntityRisk {
  platform: Platform;
  accountId: string;
  level: Level;
  at: number;
}

/** How long after its table's last reading a flag is still listed: flags are about today. */
export const LISTED_FOR_MS = 86_400_000;

/** The flagged entities of the tables `include` keeps, read in the last day, newest table first. Pure. */
export function listedRisks(
  tables: readonly TableRisks[],
  include: (t: TableRisks) => boolean,
  now: number,
): ListedRisk[] {
  return tables
    .filter((t) => include(t) && now - t.at < LISTED_FOR_MS)
    .sort((a, b) => b.at - a.at)
    .flatMap((t) =>
      t.entities.map((e) => ({
        ...e,
        platform: t.platform,
        accountId: t.accountId,
        level: t.level,
        at: t.at,
      })),
    );
}
