// Renders public/icon/<size>.png from one SVG with the same Chromium the tests use (run once; PNGs are committed).
import { chromium } from 'playwright-core';
import { findChromium } from './lib/chromium.mjs';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect width="128" height="128" rx="28" fill="#0b5cad"/>
  <rect x="22" y="74" width="18" height="32" rx="4" fill="#9fd0ff"/>
  <rect x="50" y="54" width="18" height="52" rx="4" fill="#cfe7ff"/>
  <rect x="78" y="34" width="18" height="72" rx="4" fill="#ffffff"/>
  <path d="M18 40 L106 22" stroke="#ffcc4d" stroke-width="8" stroke-linecap="round" stroke-dasharray="2 14"/>
</svg>`;

const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
for (const size of [16, 32, 48, 128]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}</style>${SVG.replace('<svg ', `<svg width="${size}" height="${size}" `)}`,
  );
  await page.screenshot({ path: `public/icon/${size}.png`, omitBackground: true });
  await page.close();
}
await browser.close();
