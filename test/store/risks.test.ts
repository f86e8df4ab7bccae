import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  loadRisks,
  readRisks,
  RISKS_KEY,
  saveTableRisks,
  tableKeyOf,
  withTableRisks,
  type TableRisks,
} from '@/lib/store/risks';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 26, 12);

function table(accountId: string, at: number, flagged = true): TableRisks {
  return {
    platform: 'meta',
    accountId,
    level: 'campaign',
    at,
    entities: flagged
      ? [
          {
            entityKey: 'c1',
            entityName: 'Campaign 1',
            currency: 'USD',
            flags: [{ rule: 'spend-spike', day: '2026-11-26', numbers: { value: 300, baseline: 100 } }],
          },
        ]
      : [],
  };
}

describe('the newest risk flags kept for the popup', () => {
  it('replaces a table’s flags, drops a table that has none now and tables not read for a week', () => {
    const stored = [table('A', NOW - 8 * DAY), table('B', NOW - DAY), table('C', NOW - DAY)];
    const next = withTableRisks(stored, table('B', NOW), NOW);
    expect(Object.values(next).map((t) => [t.accountId, t.at])).toEqual([
      ['B', NOW],
      ['C', NOW - DAY],
    ]);
    expect(Object.keys(withTableRisks(Object.values(next), table('C', NOW, false), NOW))).toEqual([
      tableKeyOf(table('B', NOW)),
    ]);
  });

  it('reads back only records that parse', () => {
    const good = table('A', NOW);
    const bad = {
      ...table('B', NOW),
      entities: [{ entityKey: '', currency: 'USD', flags: [{ rule: 'nope' }] }],
    };
    expect(readRisks({ a: good, b: bad, c: 'junk' })).toEqual([good]);
    expect(readRisks(null)).toEqual([]);
  });
});

describe('keeping them in storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a table without flags writes nothing unless it had flags stored, which it then clears', async () => {
    await saveTableRisks(table('A', NOW, false), NOW);
    expect(await fakeBrowser.storage.local.get(RISKS_KEY)).toEqual({});
    await saveTableRisks(table('A', NOW), NOW);
    expect((await loadRisks()).map((t) => t.accountId)).toEqual(['A']);
    await saveTableRisks(table('A', NOW + 1, false), NOW + 1);
    expect(await loadRisks()).toEqual([]);
  });
});
