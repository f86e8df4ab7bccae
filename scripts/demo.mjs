// `npm run demo`: builds KPI Lens, opens the bundled demo pages of every supported ad manager at their real
// URLs (served locally by request routing, nothing leaves the machine) and then the popup. With a display it
// stays open for you; without one (or with CI set) it saves screenshots and prints what was read.
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from './lib/chromium.mjs';
import { launchExtensionBrowser } from './lib/extension-browser.mjs';
import { listFixturePages } from './lib/fixtures.mjs';
import { newestRowCount } from './lib/stored-rows.mjs';

const OUT = 'demo-output';
const EXAMPLE_TARGETS = 'scripts/demo/example-targets.json';
const headless = !process.env.DISPLAY || !!process.env.CI || process.argv.includes('--headless');

findChromium(); // fail early, with a clear message, before the build
console.log('Building the extension…');
execSync('npx wxt build', { stdio: ['ignore', 'ignore', 'inherit'] });

const demoPages = listFixturePages().filter(
  (f) => f.expected.demo !== false && (f.expected.entities?.length ?? 0) > 0,
);
if (demoPages.length === 0) {
  console.error('No demo pages found under test/fixtures/.');
  process.exit(1);
}

const ext = await launchExtensionBrowser({ headless });
mkdirSync(OUT, { recursive: true });

const storedCount = () => ext.worker().evaluate(newestRowCount);

// The demo profile (and only it) starts with example targets and a monthly budget, imported the way a user
// would import a backup, so the first pages already show on-track, at-risk and off-track chips and pacing.
await importExampleTargets();

const summary = [];
for (const f of demoPages) {
  ext.serve(f.expected.url, f.html);
  const page = await ext.context.newPage();
  const before = await storedCount();
  await page.goto(f.expected.url);
  const until = Date.now() + 8000;
  while ((await storedCount()) === before && Date.now() < until) await page.waitForTimeout(150);
  await page.waitForTimeout(600); // let the overlay settle before the picture
  const after = await storedCount();
  summary.push({ page: `${f.platform}/${f.name}`, level: f.expected.level, newEntities: after - before });
  if (headless) {
    await page.screenshot({ path: join(OUT, `${f.platform}-${f.name}.png`), fullPage: true });
    await page.close();
  }
}

const popup = await ext.context.newPage();
await popup.setViewportSize({ width: 420, height: 640 });
await popup.goto(ext.extensionUrl('popup.html'));
await popup.waitForTimeout(800);
if (headless) await popup.screenshot({ path: join(OUT, 'popup.png'), fullPage: true });
// One account's view too: its goals and budget in one currency (the README's popup picture).
const scope = popup.getByLabel('Show');
const account = await scope
  .locator('option', { hasText: 'Northwind Outdoor – US' })
  .first()
  .getAttribute('value');
if (account !== null) {
  await scope.selectOption(account);
  await popup.waitForTimeout(500);
  if (headless) await popup.screenshot({ path: join(OUT, 'popup-account.png'), fullPage: true });
}

console.log(`\nExample targets of the demo profile (${EXAMPLE_TARGETS}): ${exampleTargetIds().join(', ')}`);
console.log('\nWhat KPI Lens read:');
for (const s of summary)
  console.log(`  ${s.page.padEnd(40)} ${String(s.level).padEnd(9)} ${s.newEntities} entities stored`);
if (ext.outsideRequests.length) {
  console.error('Unexpected outside requests:', ext.outsideRequests);
  await ext.close();
  process.exit(1);
}
console.log('  outside requests: none');

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

function exampleTargetIds() {
  return JSON.parse(readFileSync(EXAMPLE_TARGETS, 'utf8')).targets.map((t) => t.id);
}
