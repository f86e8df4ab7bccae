import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage, type HandlerDeps } from '@/lib/background/handler';
import type { Request, SenderInfo } from '@/lib/messages';
import { platformForUrl } from '@/lib/platforms/registry';
import type { KpiLensDb } from '@/lib/store/db';
import { listTargets } from '@/lib/store/targets';
import { freshDb } from '../store/make';

/**
 * Targets set from the page (a chip's editor) go through the worker: saved (or replacing the one of the same
 * id, in its place), from a supported page only and for that page's own platform when scoped to one.
 */

const EXT = 'kpilensextensionid';
const BASE = `chrome-extension://${EXT}/`;
const META_URL = 'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1234567890';
const metaTab: SenderInfo = { id: EXT, url: META_URL, tab: { id: 7, url: META_URL } };
const popup: SenderInfo = { id: EXT, url: `${BASE}popup.html` };
const elsewhere: SenderInfo = {
  id: EXT,
  url: 'https://example.com/',
  tab: { id: 1, url: 'https://example.com/' },
};

let db: KpiLensDb;
const deps = (): HandlerDeps => ({
  db,
  extensionId: EXT,
  extensionBaseUrl: BASE,
  platformForUrl,
  now: () => Date.UTC(2026, 10, 22),
  warn: () => undefined,
});
beforeEach(() => {
  fakeBrowser.reset();
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

const save = (target: Record<string, unknown>): Request =>
  ({
    type: 'target:save',
    target: {
      id: 'chip-cpa',
      kpi: 'cpa',
      value: 20,
      currency: 'USD',
      period: null,
      tolerance: 0.1,
      muted: false,
      ...target,
    },
  }) as Request;
const entity = {
  kind: 'campaign',
  platform: 'meta',
  accountId: '1234567890',
  entityKey: '120212345678900011',
};

describe('target:save', () => {
  it('saves a target for a row of the page, and replaces it in its place when saved again', async () => {
    expect(
      await handleMessage(
        save({ scope: { kind: 'all' }, id: 'first', kpi: 'roas', value: 4, currency: null }),
        metaTab,
        deps(),
      ),
    ).toMatchObject({ ok: true });
    const reply = await handleMessage(save({ scope: entity }), metaTab, deps());
    expect(reply).toMatchObject({
      ok: true,
      type: 'target:save',
      target: { id: 'chip-cpa', value: 20, scope: entity },
    });
    await handleMessage(save({ scope: entity, value: 18 }), metaTab, deps());
    const stored = await listTargets(db);
    expect(stored.map((t) => [t.id, t.value])).toEqual([
      ['first', 4],
      ['chip-cpa', 18],
    ]);
  });

  it('is refused from a page of another platform, from an extension page and from any other site', async () => {
    const google = { ...entity, platform: 'google' };
    for (const [request, sender] of [
      [save({ scope: google }), metaTab],
      [save({ scope: { kind: 'platform', platform: 'tiktok' } }), metaTab],
      [save({ scope: entity }), popup],
      [save({ scope: { kind: 'all' } }), elsewhere],
    ] as const)
      expect(await handleMessage(request, sender, deps())).toMatchObject({ ok: false, code: 'rejected' });
    expect(await listTargets(db)).toEqual([]);
  });

  it('a target that does not parse (no value above 0) is refused and nothing is stored', async () => {
    expect(await handleMessage(save({ scope: entity, value: 0 }), metaTab, deps())).toMatchObject({
      ok: false,
    });
    expect(await listTargets(db)).toEqual([]);
  });
});
