import { describe, expect, it } from 'vitest';
import { startTablePicker, TABLE_PICKER_SCRIPT, type TablePickerDeps } from '@/lib/background/table-picker';
import { platformForUrl } from '@/lib/platforms/registry';

function fake(url: string | undefined, granted: readonly string[] = ['https://tracker.example.net/*']) {
  const injected: [number, string][] = [];
  const deps: TablePickerDeps = {
    tabUrl: async () => url,
    hasOriginPermission: async (pattern) => granted.includes(pattern),
    platformForUrl,
    inject: async (tabId, file) => {
      injected.push([tabId, file]);
    },
  };
  return { deps, injected };
}

describe('starting the table picker', () => {
  it('injects the picker file into a granted https tab', async () => {
    const { deps, injected } = fake('https://tracker.example.net:8443/reports?x=1');
    expect(await startTablePicker(4, deps)).toBeNull();
    expect(injected).toEqual([[4, TABLE_PICKER_SCRIPT]]);
  });

  it('refuses, injecting nothing: no URL (no permission), http, a supported ad manager, not granted', async () => {
    const cases: [string | undefined, RegExp][] = [
      [undefined, /not readable/],
      ['http://tracker.example.net/reports', /https pages only/],
      ['https://ads.google.com/aw/campaigns?ocid=1', /built-in reader/],
      ['https://other.example/reports', /not allowed this site/],
    ];
    for (const [url, reason] of cases) {
      const { deps, injected } = fake(url, ['https://tracker.example.net/*', 'https://ads.google.com/*']);
      expect(await startTablePicker(4, deps), url).toMatch(reason);
      expect(injected, url).toEqual([]);
    }
  });
});
