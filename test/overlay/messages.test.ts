import { describe, expect, it, vi } from 'vitest';
import { handleMessage, type HandlerDeps } from '@/lib/background/handler';
import { responseSchema } from '@/lib/messages';
import { KpiLensDb } from '@/lib/store/db';
import { saveTarget } from '@/lib/store/targets';
import { platformForUrl } from '@/lib/platforms/registry';

const EXT = 'abcdefghijklmnop';
const BASE = `chrome-extension://${EXT}/`;
let n = 0;

function deps(extra: Partial<HandlerDeps> = {}): HandlerDeps {
  return {
    db: new KpiLensDb(`kpi-lens-overlay-msg-${Date.now()}-${++n}`),
    extensionId: EXT,
    extensionBaseUrl: BASE,
    platformForUrl,
    now: () => 1_700_000_000_000,
    ...extra,
  };
}

const metaTab = {
  id: EXT,
  url: 'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=123456',
  tab: { id: 4, url: 'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=123456' },
};

describe('overlay messages', () => {
  it('targets:list answers a supported page with the stored targets, in order, schema-valid', async () => {
    const d = deps();
    await saveTarget(d.db, { id: 'a', scope: { kind: 'all' }, kpi: 'cpa', value: 20 });
    await saveTarget(d.db, { id: 'b', scope: { kind: 'platform', platform: 'meta' }, kpi: 'roas', value: 3 });
    const response = await handleMessage({ type: 'targets:list' }, metaTab, d);
    expect(responseSchema.parse(response)).toMatchObject({ ok: true, type: 'targets:list' });
    if (!response.ok || response.type !== 'targets:list') throw new Error('unexpected');
    expect(response.targets.map((t) => [t.id, t.kpi, t.direction])).toEqual([
      ['a', 'cpa', 'atMost'],
      ['b', 'roas', 'atLeast'],
    ]);
  });

  it('targets:list is refused to another extension and to unsupported pages', async () => {
    const d = deps();
    expect(await handleMessage({ type: 'targets:list' }, { ...metaTab, id: 'other' }, d)).toMatchObject({
      ok: false,
    });
    const elsewhere = { id: EXT, url: 'https://example.com/', tab: { id: 1, url: 'https://example.com/' } };
    expect(await handleMessage({ type: 'targets:list' }, elsewhere, d)).toMatchObject({ ok: false });
    expect(
      await handleMessage({ type: 'targets:list' }, { id: EXT, url: `${BASE}popup.html` }, d),
    ).toMatchObject({ ok: true });
  });

  it('options:open opens the options page for a supported page', async () => {
    const openOptions = vi.fn(async () => {});
    const response = await handleMessage({ type: 'options:open' }, metaTab, deps({ openOptions }));
    expect(response).toEqual({ ok: true, type: 'options:open' });
    expect(openOptions).toHaveBeenCalledTimes(1);
    expect(await handleMessage({ type: 'options:open' }, metaTab, deps())).toMatchObject({ ok: false });
  });
});
