import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage, type HandlerDeps } from '@/lib/background/handler';
import type { Request, SenderInfo } from '@/lib/messages';
import type { KpiLensDb } from '@/lib/store/db';
import { classifyStoreError } from '@/lib/store/errors';
import { currentProblem, loadStatus } from '@/lib/store/status';
import { storeReading } from '@/lib/store/snapshots';
import { latestRows } from '@/lib/store/latest';
import { freshDb, reading, row } from '../store/make';
import { platformForUrl } from '@/lib/platforms/registry';

const EXT = 'ext';
const BASE = `chrome-extension://${EXT}/`;
const URL = 'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1234567890';
const tab: SenderInfo = { id: EXT, url: URL, tab: { id: 5, url: URL } };
const T0 = Date.UTC(2026, 10, 22, 8);

let db: KpiLensDb;
let quotaFull = false;

/**
 * Throws the browser's QuotaExceededError from the database layer when `latestSets` is written, i.e.
 * after the reading's snapshot rows were already added inside the same transaction.
 */
const quotaMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'quota-exceeded',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'latestSets') return table;
        return {
          ...table,
          mutate(request: DBCoreMutateRequest) {
            if (quotaFull)
              return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
            return table.mutate(request);
          },
        };
      },
    };
  },
};

beforeEach(() => {
  fakeBrowser.reset();
  quotaFull = false;
  db = freshDb();
  db.use(quotaMiddleware);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const deps = (now: number): HandlerDeps => ({
  db,
  extensionId: EXT,
  extensionBaseUrl: BASE,
  platformForUrl,
  now: () => now,
  timeZone: 'UTC',
});
const submit = (spends: number[]): Request => ({
  type: 'snapshot:submit',
  readingId: `r-${spends.join('-')}`,
  reading: reading(spends.map((spend, i) => row(String(i + 1), { spend }))),
});

describe('storage failures', () => {
  it('quota exceeded inside the transaction: reported to the page and the popup, earlier rows intact, nothing partial', async () => {
    expect(await handleMessage(submit([10, 20]), tab, deps(T0))).toMatchObject({ ok: true, stored: 2 });
    const before = { snapshots: await db.snapshots.toArray(), latest: await db.latestSets.toArray() };

    quotaFull = true;
    const response = await handleMessage(submit([11, 21, 31]), tab, deps(T0 + 60_000));
    expect(response).toEqual({
      ok: false,
      code: 'failed',
      error: expect.stringMatching(
        /^Could not save this reading: the browser has no storage space left.*Nothing already saved was lost/,
      ),
    });
    // The snapshot rows the transaction had added before failing were rolled back with it.
    expect(await db.snapshots.toArray()).toEqual(before.snapshots);
    expect(await db.latestSets.toArray()).toEqual(before.latest);

    const status = await loadStatus();
    expect(status.lastError).toMatchObject({ at: T0 + 60_000, kind: 'quota' });
    expect(currentProblem(status)?.message).toMatch(/no storage space/);

    // Space freed: the content script's retry of the same reading now succeeds, and the problem clears.
    quotaFull = false;
    expect(await handleMessage(submit([11, 21, 31]), tab, deps(T0 + 120_000))).toMatchObject({
      ok: true,
      stored: 3,
    });
    expect(currentProblem(await loadStatus())).toBeNull();
    expect((await latestRows(db)).map((r) => r.metrics.spend).sort()).toEqual([11, 21, 31]);
  });

  it('a closed database is reported as such, and nothing already stored is touched', async () => {
    await storeReading(db, reading([row('1', { spend: 10 })]), T0);
    db.close({ disableAutoOpen: true });
    const response = await handleMessage(submit([99]), tab, deps(T0 + 1));
    expect(response).toMatchObject({ ok: false, error: expect.stringMatching(/database was closed/) });
    expect((await loadStatus()).lastError?.kind).toBe('closed');
    await db.open();
    expect((await latestRows(db)).map((r) => r.metrics.spend)).toEqual([10]);
  });

  it('the popup can read the status through a message', async () => {
    quotaFull = true;
    await handleMessage(submit([1]), tab, deps(T0));
    const response = await handleMessage(
      { type: 'status:get' },
      { id: EXT, url: `${BASE}popup.html` },
      deps(T0),
    );
    expect(response).toMatchObject({
      ok: true,
      type: 'status:get',
      status: { lastError: { kind: 'quota' } },
    });
  });

  it('classifies errors however Dexie wraps them', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(classifyStoreError(quota)).toBe('quota');
    expect(
      classifyStoreError(
        Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quota }),
      ),
    ).toBe('quota');
    expect(
      classifyStoreError(Object.assign(new Error('bulk'), { name: 'BulkError', failures: [quota] })),
    ).toBe('quota');
    expect(classifyStoreError(Object.assign(new Error('closed'), { name: 'DatabaseClosedError' }))).toBe(
      'closed',
    );
    expect(classifyStoreError(new Error('something else'))).toBe('other');
  });
});
