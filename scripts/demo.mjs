// `npm run demo`: builds KPI Lens, opens the bundled demo pages of every supported ad manager at their real
// URLs (served locally by request routing, nothing leaves the machine) and then the popup. With a display it
// stays open for you; without one (or with CI set) it saves screenshots and prints what was read.
// `npm run demo -- --docs` also copies the README's hero pictures from this run into docs/screenshots/.
import { execSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from './lib/chromium.mjs';
import { currentMonthRange, redatePage } from './lib/demo-dates.mjs';
import { launchExtensionBrowser } from './lib/extension-browser.mjs';
import { listFixturePages } from './lib/fixtures.mjs';
import { newestRowCount } from './lib/stored-rows.mjs';

const OUT = 'demo-output';
const EXAMPLE_TARGETS = 'scripts/demo/example-targets.json';
const docs = process.argv.includes('--docs');
const headless = docs || !process.env.DISPLAY || !!process.env.CI || process.argv.includes('--headless');
/** The README's pictures (docs/screenshots/) and the screenshot of this run each one is. */
const HERO_PICTURES = {
  'overlay-meta.png': 'meta-campaigns-en-usd-panel.png',
  'overlay-google.png': 'google-campaigns-en-usd-panel.png',
  'overlay-tiktok.png': 'tiktok-adgroups-slots-zh-jpy-panel.png',
  'popup-data-en.png': 'popup-meta.png',
};

findChromium(); // fail early, with a clear message, before the build
// The TikTok picture is a zh-CN page with Japanese names: without a CJK font it would show empty boxes.
if (docs && !hasCjkFont())
  console.warn(
    'No CJK font found (fc-list :lang=ja): the TikTok picture would show boxes. Debian: fonts-wqy-microhei.',
  );
console.log('Building the extension…');
execSync('npx wxt build', { stdio: ['ignore', 'ignore', 'inherit'] });

const demoPages = listFixturePages().filter(
  (f) => f.expected.demo !== false && (f.expected.entities?.length ?? 0) > 0,
);
if (demoPages.length === 0) {
  console.error('No demo pages found under test/fixtures/.');
  process.exit(1);
}
// Month-to-date pages are served dated this month (their numbers as saved), so that budget pacing is known;
// the others as saved. This month's come last: each account's newest reading, the popup's first view, is then
// this month's.
const THIS_MONTH = currentMonthRange();
const servedPages = demoPages
  .map((f) => {
    const moved = redatePage(f, THIS_MONTH);
    return { ...f, url: moved?.url ?? f.expected.url, html: moved?.html ?? f.html, redated: moved !== null };
  })
  .sort((a, b) => Number(a.redated) - Number(b.redated));

const ext = await launchExtensionBrowser({ headless });
mkdirSync(OUT, { recursive: true });

const storedCount = () => ext.worker().evaluate(newestRowCount);

// The demo profile (and only it) starts with example targets and a monthly budget, imported the way a user
// would import a backup, so the first pages already show on-track, at-risk and off-track chips and pacing.
await importExampleTargets();

const summary = [];
for (const f of servedPages) {
  ext.serve(f.url, f.html);
  const page = await ext.context.newPage();
  const before = await storedCount();
  await page.goto(f.url);
  const until = Date.now() + 8000;
  while ((await storedCount()) === before && Date.now() < until) await page.waitForTimeout(150);
  await page.waitForTimeout(600); // let the overlay settle before the picture
  const after = await storedCount();
  const range = f.redated ? `${THIS_MONTH.start}…${THIS_MONTH.end} (this month)` : 'as saved';
  summary.push({
    page: `${f.platform}/${f.name}`,
    level: f.expected.level,
    newEntities: after - before,
    range,
  });
  if (headless) {
    const name = `${f.platform}-${f.name}`;
    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
    // The in-page panel open too: the table's totals against the targets (goal progress) and budget pacing.
    if (await openPanel(page))
      await page.screenshot({ path: join(OUT, `${name}-panel.png`), fullPage: true });
    await page.close();
  }
}

const popup = await ext.context.newPage();
await popup.setViewportSize({ width: 420, height: 640 });
await popup.goto(ext.extensionUrl('popup.html'));
await popup.waitForTimeout(800);
if (headless) await popup.screenshot({ path: join(OUT, 'popup.png'), fullPage: true });
// Each account with an example budget in the popup too: its goals, budget pacing and rows in one currency.
const scope = popup.getByLabel('Show');
for (const { platform, accountId } of budgetAccounts()) {
  const option = scope.locator('option', { hasText: accountId }).first();
  const value = (await option.count()) > 0 ? await option.getAttribute('value') : null;
  if (value === null) continue;
  await scope.selectOption(value);
  await popup.waitForTimeout(500);
  if (headless) await popup.screenshot({ path: join(OUT, `popup-${platform}.png`), fullPage: true });
}

console.log(`\nExample targets of the demo profile (${EXAMPLE_TARGETS}): ${exampleTargetIds().join(', ')}`);
console.log('\nWhat KPI Lens read:');
for (const s of summary)
  console.log(
    `  ${s.page.padEnd(40)} ${String(s.level).padEnd(9)} ${String(s.newEntities).padStart(3)} entities stored, dated ${s.range}`,
  );
if (ext.outsideRequests.length) {
  console.error('Unexpected outside requests:', ext.outsideRequests);
  await ext.close();
  process.exit(1);
}
console.log('  outside requests: none');

if (docs) {
  for (const [picture, shot] of Object.entries(HERO_PICTURES))
    copyFileSync(join(OUT, shot), join('docs', 'screenshots', picture));
  console.log(`\nREADME pictures copied to docs/screenshots/: ${Object.keys(HERO_PICTURES).join(', ')}`);
}
if (headless) {
  console.log(`\nScreenshots saved in ${OUT}/`);
  await ext.close();
} else {
  console.log('\nThe browser stays open: look around, then close it to end the demo.');
  await new Promise((resolve) => ext.context.on('close', resolve));
}

async function importExampleTargets() {
  const page = await ext.context.newPage();
  await page.goto(ext.extensionUrl('options.html'));
  await page.locator('#backup-file').setInputFiles(EXAMPLE_TARGETS);
  await page.getByRole('button', { name: 'Import backup' }).click();
  const status = page.getByRole('status').filter({ hasText: /Imported|Nothing was imported/ });
  await status.first().waitFor({ timeout: 15_000 });
  const text = (await status.first().textContent()) ?? '';
  if (!/Imported/.test(text)) throw new Error(`The demo's example targets could not be imported: ${text}`);
  await page.close();
}

function exampleTargets() {
  return JSON.parse(readFileSync(EXAMPLE_TARGETS, 'utf8')).targets;
}

function exampleTargetIds() {
  return exampleTargets().map((t) => t.id);
}

/** Per platform, the first account the example file gives a budget. */
function budgetAccounts() {
  const first = new Map();
  for (const t of exampleTargets())
    if (t.kpi === 'budget' && t.scope.kind === 'account' && !first.has(t.scope.platform))
      first.set(t.scope.platform, { platform: t.scope.platform, accountId: t.scope.accountId });
  return [...first.values()];
}

/** Opens the in-page panel (its bar is a button); false when the page has none. */
async function openPanel(page) {
  const bar = page.locator('kpi-lens-panel button.bar');
  if ((await bar.count()) === 0) return false;
  if ((await bar.getAttribute('aria-expanded')) !== 'true') await bar.click();
  await page.locator('kpi-lens-panel .body').waitFor({ timeout: 5000 });
  await page.waitForTimeout(300);
  return true;
}

function hasCjkFont() {
  const found = spawnSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() !== '';
}
