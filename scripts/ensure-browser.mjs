import { findChromium } from './lib/chromium.mjs';

try {
  console.log(`Chromium: ${findChromium()}`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
