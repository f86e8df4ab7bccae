import { targetSchema, type Target, type TargetInput } from '../kpi/targets';
import type { KpiLensDb, TargetRow } from './db';

/**
 * Targets as stored. `position` keeps the user's order, which matters: when two targets of the same scope
 * cover an entity, the first in the list wins (`resolveTarget`).
 */
interface PositionedTarget extends TargetRow {
  position: number;
}

function positionOf(row: TargetRow): number {
  return typeof row.position === 'number' ? row.position : Number.MAX_SAFE_INTEGER;
}

/** Every stored target that still parses, in the user's order. */
export async function listTargets(db: KpiLensDb): Promise<Target[]> {
  const rows = await db.targets.toArray();
  rows.sort((a, b) => positionOf(a) - positionOf(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: Target[] = [];
  for (const row of rows) {
    const parsed = targetSchema.safeParse(row);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** Adds or replaces a target (validated); a replaced target keeps its place in the list. */
export async function saveTarget(db: KpiLensDb, input: TargetInput): Promise<Target> {
  const target = targetSchema.parse(input);
  await db.transaction('rw', db.targets, async () => {
    const existing = await db.targets.get(target.id);
    const position = existing ? positionOf(existing) : await nextPosition(db);
    await db.targets.put({ ...target, position } satisfies PositionedTarget);
  });
  return target;
}

/** Adds or replaces several targets in one transaction, appending new ones in the given order. */
export async function saveTargets(db: KpiLensDb, inputs: readonly TargetInput[]): Promise<Target[]> {
  const targets = inputs.map((input) => targetSchema.parse(input));
  await db.transaction('rw', db.targets, async () => {
    const existing = await db.targets.bulkGet(targets.map((t) => t.id));
    let next = await nextPosition(db);
    await db.targets.bulkPut(
      targets.map((t, i) => {
        const before = existing[i];
        return { ...t, position: before ? positionOf(before) : next++ } satisfies PositionedTarget;
      }),
    );
  });
  return targets;
}

/** A deleted target as it was stored (its place in the list included), so that it can be put back. */
export type DeletedTarget = Target & { position: number };

/** Deletes a target and returns it as it was stored (null when there was none), for `restoreTarget`. */
export async function deleteTarget(db: KpiLensDb, id: string): Promise<DeletedTarget | null> {
  return db.transaction('rw', db.targets, async () => {
    const row = await db.targets.get(id);
    await db.targets.delete(id);
    const parsed = row ? targetSchema.safeParse(row) : null;
    return row && parsed?.success ? { ...parsed.data, position: positionOf(row) } : null;
  });
}

/**
 * Puts a deleted target back where it was in the list (undo). Its id is not reused meanwhile (ids are
 * unique), so nothing else is overwritten; a target added since then keeps its own place after it.
 */
export async function restoreTarget(db: KpiLensDb, deleted: DeletedTarget): Promise<Target> {
  const target = targetSchema.parse(deleted);
  await db.targets.put({ ...target, position: deleted.position } satisfies PositionedTarget);
  return target;
}

/** Mutes or unmutes a target's alerts; false when there is no such target. */
export async function setTargetMuted(db: KpiLensDb, id: string, muted: boolean): Promise<boolean> {
  return (await db.targets.update(id, { muted })) === 1;
}

async function nextPosition(db: KpiLensDb): Promise<number> {
  let max = -1;
  await db.targets.each((row) => {
    max = Math.max(max, positionOf(row) === Number.MAX_SAFE_INTEGER ? -1 : positionOf(row));
  });
  return max + 1;
}
