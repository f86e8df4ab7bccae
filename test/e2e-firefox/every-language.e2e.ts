import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '@/lib/platforms/registry';
import { listFixturePages, type FixturePage } from '../../scripts/lib/fixtures.mjs';
import { expectStoredEqualsExpected, type StoredRow } from '../e2e/stored-vs-expected';
import {
  firefoxZipPath,
  launchFirefoxExtension,
  readStore,
  waitUntil,
  type FirefoxExtension,
} from './harness';

/** The page's UI language (its `<html lang>`'s primary subtag), as test/platforms/convention.test.ts reads it. */
const languageOf = (html: string) =>
  /<html[^>]*\slang="([^"]+)"/i.exec(html)?.[1]?.split('-')[0]?.toLowerCase();

const fixtures = listFixturePages();
/**
 * One report per platform and UI language it declares (the first fixture of that language that has rows): Firefox's
 * DOM and its own Intl data under every adapter and number format, without the whole fixture set of the Chromium run.
 */
const pages: FixturePage[] = ADAPTERS.flatMap((adapter) =>
  adapter.languages.map((language) => {
    const found = fixtures.find(
      (f) =>
        f.platform === adapter.id &&
        languageOf(f.html) === language &&
        f.expected.entities.some((e) => !e.optional),
    );
    if (!found) throw new Error(`${adapter.id} declares ${language} but has no fixture with rows in it`);
    return found;
  }),
);
const unsupported = fixtures.find((f) => f.platform === 'meta' && f.name === 'audiences-unsupported');
if (!unsupported) throw new Error('test/fixtures/meta/audiences-unsupported.html is missing');

const mine = (rows: StoredRow[], { expected }: FixturePage) =>
  rows.filter(
    (r) =>
      r.platform === expected.platform &&
      r.accountId === expected.account_id &&
      r.level === expected.level &&
      r.dateStart === expected.date_start &&
      r.dateEnd === expected.date_end,
  );

describe('Firefox ESR: a report of every platform in every UI language it reads', () => {
  let ff: FirefoxExtension;
  let probe: Page;
  beforeAll(async () => {
    ff = await launchFirefoxExtension(firefoxZipPath());
    probe = await ff.openExtensionPage('options.html');
  });
  afterAll(async () => {
    await ff?.close();
  });

  it.each(pages.map((p) => [`${p.platform}/${p.name}`, p] as const))(
    '%s is stored exactly as the page shows it',
    async (label, fixture) => {
      ff.serve(fixture.expected.url, fixture.html);
      const page = await ff.newPage();
      await page.goto(fixture.expected.url);
      const wanted = fixture.expected.entities.filter((e) => !e.optional).length;
      const stored = async () => mine(await readStore<StoredRow>(probe, 'snapshots'), fixture);
      await waitUntil(async () => (await stored()).length >= wanted, `${label} to be stored`, 20_000);
      expectStoredEqualsExpected(await stored(), fixture.expected, `${label} in Firefox`);
      await page.close();
    },
  );

  it('stores nothing from a page that is not a report', async () => {
    const before = (await readStore(probe, 'snapshots')).length;
    ff.serve(unsupported.expected.url, unsupported.html);
    const page = await ff.newPage();
    await page.goto(unsupported.expected.url);
    // Time for the content script to (wrongly) read and send something, then nothing may have been stored.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await readStore(probe, 'snapshots')).length).toBe(before);
    await page.close();
    expect(ff.outsideRequests, 'requests that tried to leave Firefox').toEqual([]);
  });
});
