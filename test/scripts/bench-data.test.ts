// The bench's generated history goes through the same schemas as the extension's stored rows, so a change to
// the data model fails here in the unit run instead of as a zero-point series in the bench.
import { describe, expect, it } from 'vitest';
import { backupParts, historyEndDay, historySnapshots, historyTargets } from '../../scripts/bench/data.mjs';
import { snapshotSchema } from '../../lib/model';
import { targetSchema } from '../../lib/kpi/targets';
import { parseBackup } from '../../lib/store/backup';

const options = { campaigns: 12, days: 5, endDay: historyEndDay(Date.UTC(2026, 11, 6)), seed: 7 };

describe('bench data', () => {
  it('generates history rows that are valid stored snapshots', () => {
    const rows = [...historySnapshots(options)];
    expect(rows).toHaveLength(60);
    for (const row of rows) expect(snapshotSchema.safeParse({ id: 1, ...row }).error).toBeUndefined();
  });

  it('generates targets that are valid targets', () => {
    for (const target of historyTargets(options.campaigns))
      expect(targetSchema.safeParse(target).error).toBeUndefined();
  });

  it('generates a backup that imports whole', () => {
    const backup = parseBackup([...backupParts(options)].join(''));
    expect(backup.snapshots).toHaveLength(60);
    expect(backup.targets).toHaveLength(historyTargets(options.campaigns).length);
  });
});
