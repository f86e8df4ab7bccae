import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fixtures';

/**
 * The layering rules of `npm run lint` (eslint.config.js), run through ESLint's Node API with the project's
 * own configuration: code placed in lib/ or components/ that imports a higher layer, and an import cycle,
 * must be reported; the same code one layer up must not. Probes are linted as text at a path inside the
 * layer (nothing is written there); the cycle is two files in test/lint-fixtures/, which the normal lint run
 * ignores.
 */

const eslint = new ESLint({ cwd: REPO_ROOT, ignore: false });

async function ruleIdsOf(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const LAYER_RULE = 'import-x/no-restricted-paths';

describe('npm run lint: layers (entrypoints -> components -> lib)', () => {
  it.each([
    ['lib/ imports components/ by the @/ alias', 'lib/content/lint-probe.ts', `@/components/overlay/tooltip`],
    [
      'lib/ imports components/ by a relative path',
      'lib/content/lint-probe.ts',
      `../../components/overlay/tooltip`,
    ],
    ['lib/ imports entrypoints/', 'lib/lint-probe.ts', `@/entrypoints/ads.content/start`],
    [
      'components/ imports entrypoints/',
      'components/overlay/lint-probe.ts',
      `@/entrypoints/ads.content/panel-view`,
    ],
    [
      'a .tsx in components/ imports entrypoints/',
      'components/popup/lint-probe.tsx',
      `../../entrypoints/ads.content/start`,
    ],
  ])('%s: rejected', async (_name, filePath, source) => {
    const ids = await ruleIdsOf(`import * as m from '${source}';\nexport const probe = m;\n`, filePath);
    // [] here would also mean the @/ alias no longer resolves (the rule cannot place what it cannot find).
    expect(ids).toEqual([LAYER_RULE]);
  });

  it.each([
    ['components/ imports lib/', 'components/overlay/lint-probe.ts', `@/lib/overlay/chip-dom`],
    [
      'entrypoints/ imports components/ and lib/',
      'entrypoints/ads.content/lint-probe.ts',
      `@/components/overlay/tooltip`,
    ],
    ['lib/ imports lib/', 'lib/content/lint-probe.ts', `../overlay/chip-dom`],
  ])('%s: allowed', async (_name, filePath, source) => {
    const ids = await ruleIdsOf(`import * as m from '${source}';\nexport const probe = m;\n`, filePath);
    expect(ids).toEqual([]);
  });
});

describe('npm run lint: only lib/ turns readings into entities or judges them (#16.1)', () => {
  it.each([
    ['@/lib/kpi/judge', 'components/popup/lint-probe.tsx'],
    ['../../lib/kpi/projection', 'components/popup/lint-probe.tsx'],
    ['@/lib/kpi/evaluate-rows', 'components/options/lint-probe.ts'],
    ['@/lib/kpi/currency-policy', 'components/overlay/lint-probe.ts'],
    ['@/lib/kpi/judge', 'entrypoints/ads.content/lint-probe.ts'],
    ['@/lib/background/evaluate', 'entrypoints/lint-probe.ts'],
  ])('%s imported by %s: rejected', async (source, filePath) => {
    const ids = await ruleIdsOf(`import * as m from '${source}';\nexport const probe = m;\n`, filePath);
    expect(ids).toEqual([LAYER_RULE]);
  });

  it.each([
    ['evaluate', '@/lib/kpi/targets'],
    ['resolveTarget', '../../lib/kpi/targets'],
    ['snapshotsOf', '@/lib/store/snapshots'],
    ['withAccountCurrencies', '@/lib/ui/current'],
    ['readingAsCurrentSet', '@/lib/overlay/summary'],
  ])('a page importing %s from %s: rejected', async (name, source) => {
    const code = `import { ${name} } from '${source}';\nexport const probe = ${name};\n`;
    expect(await ruleIdsOf(code, 'components/popup/lint-probe.ts')).toEqual(['no-restricted-imports']);
    expect(await ruleIdsOf(code, 'entrypoints/popup/lint-probe.ts')).toEqual(['no-restricted-imports']);
    // lib/ itself may (the projection and the judge are built of these).
    expect(await ruleIdsOf(code, 'lib/ui/lint-probe.ts')).toEqual([]);
  });

  it.each([
    ['a model of the popup', 'buildPopupModel', '@/lib/ui/popup-model'],
    ['target ids', 'TARGET_KPIS', '@/lib/kpi/targets'],
    ['stored rows read back', 'accountRange', '@/lib/store/snapshots'],
    ['the panel’s model', 'summaryModel', '@/lib/overlay/summary'],
  ])('a page importing %s: allowed', async (_name, name, source) => {
    const code = `import { ${name} } from '${source}';\nexport const probe = ${name};\n`;
    expect(await ruleIdsOf(code, 'components/popup/lint-probe.ts')).toEqual([]);
  });

  it('lib/ uses the projection and the judge freely', async () => {
    const code = `import { judgeEntity } from '@/lib/kpi/judge';\nimport { entitiesOfReading } from '../kpi/projection';\nexport const probe = [judgeEntity, entitiesOfReading];\n`;
    expect(await ruleIdsOf(code, 'lib/ui/lint-probe.ts')).toEqual([]);
  });

  it('the fixture component that judges rows itself is reported on every judging import', async () => {
    const code = await readFile(join(REPO_ROOT, 'test/lint-fixtures/judging-component.tsx'), 'utf8');
    const [result] = await eslint.lintText(code, {
      filePath: join(REPO_ROOT, 'components/popup/judging-component.tsx'),
    });
    const reported = (result?.messages ?? []).map((m) => [m.line, m.ruleId]);
    expect(reported).toEqual([
      [3, LAYER_RULE],
      [4, LAYER_RULE],
      [5, LAYER_RULE],
      [6, 'no-restricted-imports'],
    ]);
  });
});

describe('npm run lint: no import cycles', () => {
  it('a two-file cycle (one side through the @/ alias) is reported on both files', async () => {
    const results = await eslint.lintFiles([
      join(REPO_ROOT, 'test/lint-fixtures/cycle-a.ts'),
      join(REPO_ROOT, 'test/lint-fixtures/cycle-b.ts'),
    ]);
    expect(results.map((r) => r.messages.map((m) => m.ruleId))).toEqual([
      ['import-x/no-cycle'],
      ['import-x/no-cycle'],
    ]);
  });

  it('a cycle through real lib/ files is reported (chip-dom imports chips: chips must not import chip-dom)', async () => {
    const code = `import { createChipHost } from '@/lib/overlay/chip-dom';\nexport const host = createChipHost;\n`;
    expect(await ruleIdsOf(code, 'lib/overlay/chips.ts')).toContain('import-x/no-cycle');
  });

  it('the normal lint run ignores the fixtures', async () => {
    const normal = new ESLint({ cwd: REPO_ROOT });
    expect(await normal.isPathIgnored(join(REPO_ROOT, 'test/lint-fixtures/cycle-a.ts'))).toBe(true);
    expect(await normal.isPathIgnored(join(REPO_ROOT, 'lib/overlay/chips.ts'))).toBe(false);
  });
});

describe('npm run lint: functions in lib/ and components/ stay under 80 lines', () => {
  const fn = (lines: number) =>
    `export function long(): number {\n  let n = 0;\n${'  n += 1;\n'.repeat(lines - 4)}  return n;\n}\n`;

  it('81 lines (blank lines and comments not counted) is reported in lib/ and components/', async () => {
    expect(fn(81).split('\n').length - 1).toBe(81);
    const padded = fn(80).replace('  let n = 0;\n', '  let n = 0;\n\n  // a comment\n\n');
    expect(await ruleIdsOf(fn(81), 'lib/lint-probe.ts')).toEqual(['max-lines-per-function']);
    expect(await ruleIdsOf(fn(81), 'components/lint-probe.tsx')).toEqual(['max-lines-per-function']);
    expect(await ruleIdsOf(fn(80), 'lib/lint-probe.ts')).toEqual([]);
    expect(await ruleIdsOf(padded, 'lib/lint-probe.ts')).toEqual([]);
  });

  it('a longer function passes only with a disable comment that gives a reason', async () => {
    const reasoned = `// eslint-disable-next-line max-lines-per-function -- one table's markup\n${fn(90)}`;
    expect(await ruleIdsOf(reasoned, 'lib/lint-probe.ts')).toEqual([]);
    expect(await ruleIdsOf(fn(90), 'entrypoints/lint-probe.ts')).toEqual([]);
  });
});
