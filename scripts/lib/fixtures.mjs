// The bundled realistic pages (test/fixtures/<platform>/<name>.html + .json): tests and the demo share them.
// Each .json is the expected reading, in the same format as the team's real saved pages.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURE_ROOT = 'test/fixtures';

/** Pages of one folder: every `<name>.json` that has a `<name>.html` beside it. */
export function listPagesInDir(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.json')) continue;
    const htmlPath = join(dir, file.replace(/\.json$/, '.html'));
    if (!existsSync(htmlPath)) continue;
    const expected = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    out.push({
      platform: expected.platform,
      name: file.replace(/\.json$/, ''),
      htmlPath,
      expected,
      html: readFileSync(htmlPath, 'utf8'),
    });
  }
  return out;
}

/** Every bundled fixture, platform by platform. */
export function listFixturePages(root = FIXTURE_ROOT) {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .filter((name) => statSync(join(root, name)).isDirectory())
    .flatMap((name) => listPagesInDir(join(root, name)));
}
