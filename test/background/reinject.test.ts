import { describe, expect, it, vi } from 'vitest';
import {
  needsReinjection,
  reinjectIntoOpenTabs,
  type OpenTab,
  type ReinjectDeps,
} from '@/lib/background/reinject';

const SCRIPT = {
  matches: ['https://ads.google.com/aw/*', 'https://ads.tiktok.com/i18n/manage/*'],
  js: ['content-scripts/ads.js'],
};

function deps(tabs: OpenTab[], overrides: Partial<ReinjectDeps> = {}) {
  const injected: { tabId: number; files: string[]; allFrames: boolean }[] = [];
  const warnings: string[] = [];
  const d: ReinjectDeps = {
    scripts: [SCRIPT],
    queryTabs: vi.fn(async () => tabs),
    inject: vi.fn(async (tabId: number, files: string[], allFrames: boolean) => {
      injected.push({ tabId, files, allFrames });
    }),
    warn: (m) => warnings.push(m),
    ...overrides,
  };
  return { d, injected, warnings };
}

describe('needsReinjection', () => {
  it('after an install or an update of the extension, not after a browser update', () => {
    expect(needsReinjection('install')).toBe(true);
    expect(needsReinjection('update')).toBe(true);
    expect(needsReinjection('chrome_update')).toBe(false);
    expect(needsReinjection('browser_update')).toBe(false);
    expect(needsReinjection('shared_module_update')).toBe(false);
  });
});

describe('reinjectIntoOpenTabs', () => {
  it('injects the declared files into every open tab the declared patterns match', async () => {
    const { d, injected, warnings } = deps([
      { id: 4, url: 'https://ads.google.com/aw/campaigns' },
      { id: 9, url: 'https://ads.tiktok.com/i18n/manage/campaign' },
    ]);
    expect(await reinjectIntoOpenTabs(d)).toEqual({ injected: 2, failed: 0 });
    expect(d.queryTabs).toHaveBeenCalledWith(SCRIPT.matches);
    expect(injected).toEqual([
      { tabId: 4, files: SCRIPT.js, allFrames: false },
      { tabId: 9, files: SCRIPT.js, allFrames: false },
    ]);
    expect(warnings).toEqual([]);
  });

  it('skips discarded tabs (they load the manifest script when the user returns) and tabs without an id', async () => {
    const { d, injected } = deps([
      { id: 1, discarded: true },
      { url: 'https://ads.google.com/aw/overview' },
      { id: 2 },
    ]);
    expect(await reinjectIntoOpenTabs(d)).toEqual({ injected: 1, failed: 0 });
    expect(injected.map((i) => i.tabId)).toEqual([2]);
  });

  it('one tab failing does not stop the others, and is reported once', async () => {
    const { d, warnings } = deps([{ id: 1 }, { id: 2 }, { id: 3 }], {
      inject: vi.fn(async (tabId: number) => {
        if (tabId !== 2) throw new Error(`Frame with ID 0 is showing error page (${tabId})`);
      }),
    });
    expect(await reinjectIntoOpenTabs(d)).toEqual({ injected: 1, failed: 2 });
    expect(d.inject).toHaveBeenCalledTimes(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('error page (1)');
  });

  it('a failed tab listing is reported and injects nothing', async () => {
    const { d, warnings } = deps([], {
      queryTabs: vi.fn(async () => {
        throw new Error('no tabs API');
      }),
    });
    expect(await reinjectIntoOpenTabs(d)).toEqual({ injected: 0, failed: 1 });
    expect(d.inject).not.toHaveBeenCalled();
    expect(warnings[0]).toContain('no tabs API');
  });

  it('declarations without files or patterns are ignored; all_frames is passed on', async () => {
    const { d, injected } = deps([{ id: 7 }], {
      scripts: [{ matches: ['https://x.test/*'] }, { js: ['a.js'] }, { ...SCRIPT, all_frames: true }],
    });
    expect(await reinjectIntoOpenTabs(d)).toEqual({ injected: 1, failed: 0 });
    expect(d.queryTabs).toHaveBeenCalledTimes(1);
    expect(injected).toEqual([{ tabId: 7, files: SCRIPT.js, allFrames: true }]);
  });
});
