import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixturePages } from '../../scripts/lib/fixtures.mjs';
import {
  expectNoOutsideRequests,
  launchExtensionBrowser,
  readStore,
  stopServiceWorker,
  waitFor,
  type ExtensionBrowser,
} from './harness';
import type { StoredRow } from './stored-vs-expected';

const fixtures = listFixturePages();
const byName = (name: string) => {
  const found = fixtures.find((f) => `${f.platform}/${f.name}` === name);
  if (!found) throw new Error(`fixture ${name} is missing`);
  return found;
};

describe('the background worker may be stopped at any moment (MV3)', () => {
  let ext: ExtensionBrowser;
  beforeAll(async () => {
    ext = await launchExtensionBrowser();
  });
  afterAll(async () => {
    expectNoOutsideRequests(ext);
    await ext.close();
  });

  it('stores the next reading after the worker was stopped mid-session', async () => {
    const first = byName('meta/campaigns-en-usd');
    const second = byName('meta/ads-uk-uah');
    ext.serve(first.expected.url, first.html);
    ext.serve(second.expected.url, second.html);

    const page = await ext.context.newPage();
    await page.goto(first.expected.url);
    const afterFirst = await waitFor(
      () => readStore<StoredRow>(ext, 'latest'),
      (rows) => rows.some((r) => r.level === 'campaign'),
    );
    expect(afterFirst.filter((r) => r.level === 'campaign').length).toBe(first.expected.entities.length);

    const worker = await stopServiceWorker(ext);

    // Same tab, in-app navigation to another view: the content script's message wakes a fresh worker.
    await page.goto(second.expected.url);
    const afterSecond = await waitFor(
      () => readStore<StoredRow>(ext, 'latest'),
      (rows) => rows.some((r) => r.level === 'ad'),
    );
    expect(worker.states, 'a fresh worker was started for the second reading').toContain('running');
    const ads = afterSecond.filter((r) => r.level === 'ad');
    expect(ads.map((r) => r.entityId).sort()).toEqual(
      second.expected.entities.map((e) => e.entity_id).sort(),
    );
  });
});
