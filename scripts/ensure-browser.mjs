// Makes sure the browsers the tests drive are here: Debian's chromium and firefox-esr, installed with apt-get
// when missing and running as root; never a browser download. `node scripts/ensure-browser.mjs chromium`
// (or `firefox`) checks one; no argument checks both.
import { findChromium } from './lib/chromium.mjs';
import { findFirefox } from './lib/firefox.mjs';

const FINDERS = { chromium: ['Chromium', findChromium], firefox: ['Firefox', findFirefox] };
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in FINDERS));
if (unknown.length > 0) {
  console.error(`Unknown browser: ${unknown.join(', ')} (expected chromium or firefox).`);
  process.exit(2);
}

try {
  for (const name of wanted.length > 0 ? wanted : Object.keys(FINDERS)) {
    const [label, find] = FINDERS[name];
    console.log(`${label}: ${find()}`);
  }
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
