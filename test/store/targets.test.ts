import { afterEach, describe, expect, it } from 'vitest';
import type { KpiLensDb } from '@/lib/store/db';
import {
  deleteTarget,
  listTargets,
  restoreTarget,
  saveTarget,
  saveTargets,
  setTargetMuted,
} from '@/lib/store/targets';
import { freshDb } from './make';

let db: KpiLensDb;
afterEach(async () => {
  await db?.delete();
});

describe('targets store', () => {
  it('keeps the user’s order; replacing a target keeps its place', async () => {
    db = freshDb();
    await saveTarget(db, { id: 'z', scope: { kind: 'all' }, kpi: 'cpa', value: 20 });
    await saveTarget(db, { id: 'a', scope: { kind: 'all' }, kpi: 'cpa', value: 25 });
    await saveTarget(db, { id: 'm', scope: { kind: 'platform', platform: 'meta' }, kpi: 'roas', value: 3 });
    await saveTarget(db, { id: 'z', scope: { kind: 'all' }, kpi: 'cpa', value: 18 });
    const targets = await listTargets(db);
    expect(targets.map((t) => [t.id, t.value])).toEqual([
      ['z', 18],
      ['a', 25],
      ['m', 3],
    ]);
    expect(targets[2]).toMatchObject({ direction: 'atLeast', tolerance: 0.1, muted: false, currency: null });
  });

  it('validates with the KPI engine’s target schema', async () => {
    db = freshDb();
    await expect(
      saveTarget(db, { id: 'b', scope: { kind: 'all' }, kpi: 'budget', value: 100 }),
    ).rejects.toThrow(/period/);
    await expect(saveTarget(db, { id: 'c', scope: { kind: 'all' }, kpi: 'cpa', value: 0 })).rejects.toThrow(
      /above 0/,
    );
    expect(await db.targets.count()).toBe(0);
  });

  it('reads a row stored before the example label existed, and keeps the label of one that has it', async () => {
    db = freshDb();
    // As an older version stored it: no `example` field at all (the field is not indexed: no schema bump).
    await db.targets.put({ id: 'old', scope: { kind: 'all' }, kpi: 'cpa', value: 20, position: 0 });
    await saveTarget(db, { id: 'ex', scope: { kind: 'all' }, kpi: 'roas', value: 3, example: true });
    const [old, example] = await listTargets(db);
    expect(old).toMatchObject({ id: 'old', kpi: 'cpa', value: 20, direction: 'atMost', muted: false });
    expect(old && 'example' in old).toBe(false);
    expect(example).toMatchObject({ id: 'ex', example: true });
  });

  it('a stored row that no longer parses is left out', async () => {
    db = freshDb();
    await saveTarget(db, { id: 'ok', scope: { kind: 'all' }, kpi: 'ctr', value: 0.02 });
    await db.targets.put({ id: 'broken', scope: { kind: 'galaxy' }, kpi: 'cpa', value: 1 });
    expect((await listTargets(db)).map((t) => t.id)).toEqual(['ok']);
  });

  it('mutes, unmutes, deletes, and saves several at once', async () => {
    db = freshDb();
    await saveTargets(db, [
      { id: 'one', scope: { kind: 'all' }, kpi: 'cpc', value: 1 },
      { id: 'two', scope: { kind: 'all' }, kpi: 'cpm', value: 10 },
    ]);
    expect(await setTargetMuted(db, 'two', true)).toBe(true);
    expect(await setTargetMuted(db, 'missing', true)).toBe(false);
    expect((await listTargets(db)).map((t) => [t.id, t.muted])).toEqual([
      ['one', false],
      ['two', true],
    ]);
    await deleteTarget(db, 'one');
    expect((await listTargets(db)).map((t) => t.id)).toEqual(['two']);
  });

  it('a deleted target is put back whole and in its place (undo), also after another was added', async () => {
    db = freshDb();
    await saveTargets(db, [
      { id: 'first', scope: { kind: 'all' }, kpi: 'cpa', value: 20, currency: 'USD' },
      {
        id: 'middle',
        scope: { kind: 'campaign', platform: 'meta', accountId: 'A1', entityKey: 'c1' },
        kpi: 'cpa',
        value: 12.5,
        currency: 'EUR',
        tolerance: 0.05,
        muted: true,
      },
      { id: 'last', scope: { kind: 'all' }, kpi: 'roas', value: 3 },
    ]);
    const before = await listTargets(db);
    const deleted = await deleteTarget(db, 'middle');
    expect(deleted).toMatchObject({ id: 'middle', position: 1 });
    expect((await listTargets(db)).map((t) => t.id)).toEqual(['first', 'last']);
    await saveTarget(db, { id: 'added', scope: { kind: 'all' }, kpi: 'ctr', value: 0.01 });
    await restoreTarget(db, deleted!);
    const after = await listTargets(db);
    expect(after.map((t) => t.id)).toEqual(['first', 'middle', 'last', 'added']);
    expect(after.slice(0, 3)).toEqual(before);
    expect(await deleteTarget(db, 'missing')).toBeNull();
  });
});
