// The bundled realistic pages (test/fixtures/<platform>/<name>.html + .json): tests and the demo share them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURE_ROOT = 'test/fixtures';

/** Every fixture with its expected reading; `url` is where the page is served. */
export function listFixturePages() {
  if (!existsSync(FIXTURE_ROOT)) return [];
  const out = [];
  for (const platform of readdirSync(FIXTURE_ROOT).sort()) {
    const dir = join(FIXTURE_ROOT, platform);
    if (!existsSync(dir) || !readdirSync(dir).length) continue;
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.json')) continue;
      const htmlPath = join(dir, file.replace(/\.json$/, '.html'));
      if (!existsSync(htmlPath)) continue;
      const expected = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      out.push({
        platform,
        name: file.replace(/\.json$/, ''),
        htmlPath,
        expected,
        html: readFileSync(htmlPath, 'utf8'),
      });
    }
  }
  return out;
}
