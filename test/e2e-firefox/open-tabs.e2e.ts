import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixturePages } from '../../scripts/lib/fixtures.mjs';
import { expectStoredEqualsExpected, type StoredRow } from '../e2e/stored-vs-expected';
import {
  firefoxZipPath,
  launchFirefoxExtension,
  readStore,
  waitUntil,
  type FirefoxExtension,
} from './harness';

const fixture = listFixturePages().find((f) => f.platform === 'google' && f.name === 'campaigns-en-usd');
if (!fixture) throw new Error('test/fixtures/google/campaigns-en-usd.html is missing');
const { expected } = fixture;

/**
 * Why the Firefox build has no `scripting` permission: Firefox puts an add-on's content scripts into the matching
 * tabs that are already open when it is installed, which Chrome does not (lib/background/reinject.ts does it there).
 */
describe('Firefox ESR: an ad-manager tab open before the install', () => {
  let ff: FirefoxExtension;
  let tab: Page;
  beforeAll(async () => {
    ff = await launchFirefoxExtension(firefoxZipPath(), { install: false });
    ff.serve(expected.url, fixture.html);
    tab = await ff.newPage();
    await tab.goto(expected.url);
  });
  afterAll(async () => {
    await ff?.close();
  });

  it('is read once the add-on is installed, without a reload', async () => {
    const before = await tab.evaluate(() => performance.timeOrigin);
    await ff.install();
    const probe = await ff.openExtensionPage('options.html');
    const wanted = expected.entities.filter((e) => !e.optional).length;
    await waitUntil(
      async () => (await readStore<StoredRow>(probe, 'snapshots')).length >= wanted,
      'the open tab to be read',
      20_000,
    );
    expectStoredEqualsExpected(
      await readStore<StoredRow>(probe, 'snapshots'),
      expected,
      'google/campaigns-en-usd, open before the install',
    );
    expect(await tab.evaluate(() => performance.timeOrigin), 'the tab was not reloaded').toBe(before);
    expect(ff.outsideRequests, 'requests that tried to leave Firefox').toEqual([]);
  });
});
