// The demo profile's example targets are a backup file imported through the options page: it must import whole,
// and every target must apply to an account the demo's pages show, or the demo would show "No target" there.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isMonthToDate } from '../../scripts/lib/demo-dates.mjs';
import { listFixturePages } from '../../scripts/lib/fixtures.mjs';
import { parseBackup } from '../../lib/store/backup';

const text = readFileSync('scripts/demo/example-targets.json', 'utf8');
const demoPages = listFixturePages().filter(
  (f) => f.expected.demo !== false && (f.expected.entities?.length ?? 0) > 0,
);
const demoAccounts = new Set(demoPages.map((f) => `${f.expected.platform}:${f.expected.account_id}`));

describe("the demo's example targets", () => {
  const backup = parseBackup(text);

  it('import whole, with targets only (no readings, no alerts)', () => {
    expect(backup.targets.length).toBe((JSON.parse(text) as { targets: unknown[] }).targets.length);
    expect(backup.snapshots).toEqual([]);
    expect(backup.alerts).toEqual([]);
  });

  it('are labelled as examples (id and the example field the UI labels them by)', () => {
    expect(backup.targets.filter((t) => !t.id.startsWith('example-')).map((t) => t.id)).toEqual([]);
    expect(backup.targets.filter((t) => t.example !== true).map((t) => t.id)).toEqual([]);
  });

  it('each apply to an account the demo pages show', () => {
    const missing = backup.targets.filter((t) => {
      const scope = t.scope;
      return scope.kind !== 'account' || !demoAccounts.has(`${scope.platform}:${scope.accountId}`);
    });
    expect(missing.map((t) => t.id)).toEqual([]);
  });

  it('include a monthly budget and targets on every platform', () => {
    const budgets = backup.targets.filter((t) => t.kpi === 'budget' && t.period === 'month');
    // One per platform, each on an account whose demo page is dated this month (scripts/lib/demo-dates.mjs),
    // so that the demo shows pacing on Meta, Google and TikTok.
    expect(new Set(budgets.map((t) => (t.scope.kind === 'account' ? t.scope.platform : null)))).toEqual(
      new Set(['meta', 'google', 'tiktok']),
    );
    for (const budget of budgets) {
      const scope = budget.scope as { platform: string; accountId: string };
      const pages = demoPages.filter(
        (f) => f.expected.platform === scope.platform && f.expected.account_id === scope.accountId,
      );
      expect(
        pages.some((f) => isMonthToDate(f.expected)),
        budget.id,
      ).toBe(true);
    }
    const platforms = new Set(backup.targets.map((t) => (t.scope.kind === 'all' ? null : t.scope.platform)));
    expect([...platforms].sort()).toEqual(['google', 'meta', 'tiktok']);
  });
});
