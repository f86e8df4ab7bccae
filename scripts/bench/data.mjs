// Generated benchmark data with fixed seeds: the same arguments give the same rows on every machine. Shared by
// the Node side (backup file for the popup row) and the page bundles (history for the series and CSV rows).

/** Small, fast, seeded PRNG (mulberry32): uniform floats in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PRNG for one item of a sequence, so any item can be generated alone (virtualised rows). */
export function itemRng(seed, index) {
  return rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
}

const DAY_MS = 86_400_000;

/** Accounts of the history: two Meta, two Google, one TikTok; one of them in EUR. */
export const HISTORY_ACCOUNTS = [
  { platform: 'meta', accountId: '583920174615290', accountName: 'Northwind Outdoor – US', currency: 'USD' },
  { platform: 'google', accountId: '123-456-7890', accountName: 'Northwind Search', currency: 'USD' },
  { platform: 'meta', accountId: '771204938812046', accountName: 'Northwind Outdoor – DE', currency: 'EUR' },
  { platform: 'tiktok', accountId: '7301234567890123456', accountName: 'Northwind TikTok', currency: 'USD' },
  { platform: 'google', accountId: '987-654-3210', accountName: 'Northwind Shopping', currency: 'USD' },
];

const NAME_PARTS = [
  ['BF26', 'Evergreen', 'Spring', 'Summer', 'Q4', 'Launch', 'Retarget', 'Brand'],
  ['Prospecting', 'Retargeting', 'Lookalike 1%', 'Broad', 'Interests', 'Catalog', 'Video views', 'Leads'],
  ['US', 'CA', 'UK', 'DE', 'FR', 'VN', 'UA', 'AU'],
  ['ABO', 'CBO', 'Advantage+', 'Manual', 'tROAS', 'tCPA'],
];

export function campaignName(r, index) {
  const pick = (list) => list[Math.floor(r() * list.length)];
  return `${pick(NAME_PARTS[0])} | ${pick(NAME_PARTS[1])} | ${pick(NAME_PARTS[2])} | ${pick(NAME_PARTS[3])} #${index + 1}`;
}

/** An entity id in each platform's own shape. */
export function entityIdOf(platform, account, index) {
  const n = String(index + 1).padStart(6, '0');
  if (platform === 'meta') return `1202${String(account).padStart(2, '0')}0000000${n}`;
  if (platform === 'google') return `2${String(account).padStart(2, '0')}1${n}`;
  return `18${String(account).padStart(2, '0')}0000000000${n}`;
}

/** One day of one campaign's numbers: spend, impressions, reach, clicks, conversions, value. */
export function dayMetrics(r) {
  const spend = Math.round((20 + r() * 480) * 100) / 100;
  const impressions = Math.round(spend * (60 + r() * 140));
  const reach = Math.round(impressions * (0.55 + r() * 0.35));
  const clicks = Math.round(impressions * (0.004 + r() * 0.02));
  const conversions = Math.round(clicks * r() * 0.08);
  const conversionValue = Math.round(conversions * (25 + r() * 90) * 100) / 100;
  return { spend, impressions, reach, clicks, conversions, conversionValue };
}

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of `now`'s day: the history ends there, so the popup's recent windows hold data. */
export function historyEndDay(now = Date.now()) {
  return Math.floor(now / DAY_MS) * DAY_MS;
}

/**
 * One year of daily history: every campaign of every account read once a day with the range "today"
 * (a different reporting range each day, as a buyer who checks today's numbers every morning stores).
 * Rows come day by day, oldest first; `limit` cuts the sequence (the last day's late entities go first).
 *
 * @param {{ campaigns: number, days: number, endDay: number, seed: number, limit?: number }} options
 */
export function* historySnapshots({ campaigns, days, endDay, seed, limit = Infinity }) {
  const perAccount = Math.ceil(campaigns / HISTORY_ACCOUNTS.length);
  const names = [];
  for (let c = 0; c < campaigns; c++) names.push(campaignName(itemRng(seed, c), c % perAccount));
  let produced = 0;
  for (let d = days - 1; d >= 0; d--) {
    const dayStart = endDay - d * DAY_MS;
    const day = isoDay(dayStart);
    for (let c = 0; c < campaigns; c++) {
      if (produced >= limit) return;
      const a = Math.floor(c / perAccount);
      const account = HISTORY_ACCOUNTS[a];
      const index = c % perAccount;
      const entityId = entityIdOf(account.platform, a, index);
      const r = itemRng(seed + d * 7919, c);
      const m = dayMetrics(r);
      yield {
        capturedAt: dayStart + 9 * 3_600_000 + a * 60_000 + index * 37,
        platform: account.platform,
        accountId: account.accountId,
        accountName: account.accountName,
        level: 'campaign',
        entityKey: entityId,
        entityId,
        entityName: names[c],
        dateStart: day,
        dateEnd: day,
        currency: account.currency,
        currencySource: 'page',
        metrics: m,
        clickKind:
          account.platform === 'meta' ? 'link' : account.platform === 'tiktok' ? 'destination' : null,
        resultType: account.platform === 'meta' ? 'Website purchases' : null,
      };
      produced++;
    }
  }
}

/** The entities of a history, in generation order (platform, account, level, entity key). */
export function historyEntities(campaigns) {
  const perAccount = Math.ceil(campaigns / HISTORY_ACCOUNTS.length);
  const out = [];
  for (let c = 0; c < campaigns; c++) {
    const a = Math.floor(c / perAccount);
    const account = HISTORY_ACCOUNTS[a];
    out.push([
      account.platform,
      account.accountId,
      'campaign',
      entityIdOf(account.platform, a, c % perAccount),
    ]);
  }
  return out;
}

/** Targets the popup draws goal progress for: an all-accounts CPA and ROAS, a monthly budget per account. */
export function historyTargets(campaigns) {
  const perAccount = Math.ceil(campaigns / HISTORY_ACCOUNTS.length);
  const accounts = HISTORY_ACCOUNTS.slice(0, Math.ceil(campaigns / perAccount));
  return [
    { id: 'bench-cpa', scope: { kind: 'all' }, kpi: 'cpa', value: 40, currency: 'USD' },
    { id: 'bench-roas', scope: { kind: 'all' }, kpi: 'roas', value: 2.5 },
    ...accounts.map((a, i) => ({
      id: `bench-budget-${i}`,
      scope: { kind: 'account', platform: a.platform, accountId: a.accountId },
      kpi: 'budget',
      value: Math.ceil(perAccount * 300 * 31),
      currency: a.currency,
      period: 'month',
    })),
  ];
}

/** A KPI Lens backup (lib/store/backup.ts format, version 1) of a generated history, as text parts. */
export function* backupParts({ campaigns, days, endDay, seed }) {
  const settings = {
    version: 2,
    reportingCurrency: 'USD',
    fxRates: { EUR: 1.08 },
    margin: 0.35,
  };
  yield `{"format":"kpi-lens-backup","version":1,"exportedAt":${JSON.stringify(new Date(endDay).toISOString())},`;
  yield `"settings":${JSON.stringify(settings)},"targets":${JSON.stringify(historyTargets(campaigns))},"snapshots":[`;
  let first = true;
  let batch = [];
  for (const s of historySnapshots({ campaigns, days, endDay, seed })) {
    batch.push(JSON.stringify(s));
    if (batch.length === 5000) {
      yield (first ? '' : ',') + batch.join(',');
      first = false;
      batch = [];
    }
  }
  if (batch.length) yield (first ? '' : ',') + batch.join(',');
  yield '],"daily":[],"alerts":[]}';
}
