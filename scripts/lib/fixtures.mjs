// The bundled realistic pages (test/fixtures/<platform>/<name>.html + .json): tests and the demo share them.
// Each .json is the expected reading, in the same format as the team's real saved pages.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURE_ROOT = 'test/fixtures';

/**
 * The look of a platform's pages (its `skin.css`): fixtures keep only the markup the extension reads, and the
 * skin makes them look like the ad manager in the demo and in screenshots. Served pages only; readers ignore it.
 */
function withSkin(html, dir) {
  const skinPath = join(dir, 'skin.css');
  if (!existsSync(skinPath)) return html;
  const style = `<style data-fixture-skin>${readFileSync(skinPath, 'utf8')}</style>`;
  return html.includes('</head>') ? html.replace('</head>', `${style}</head>`) : style + html;
}

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
      html: withSkin(readFileSync(htmlPath, 'utf8'), dir),
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
