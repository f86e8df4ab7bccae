import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAPPING_FILE_FORMAT,
  MappingFileError,
  mappingFile,
  mappingFileName,
  parseMappingFile,
} from '@/lib/mapping/file';
import { migrateMapping, type Mapping } from '@/lib/mapping/schema';

const v1 = migrateMapping(
  JSON.parse(readFileSync(join(import.meta.dirname, 'examples', 'mapping-v1.json'), 'utf8')),
)!;
const other: Mapping = {
  ...v1,
  id: 'map-grid',
  origin: 'https://network.example.org:8443',
  pathPattern: '/stats',
  account: { from: 'fixed', value: 'Team A' },
  currency: { from: 'url-param', param: 'cur' },
  dateRange: { from: 'fixed', start: '2026-11-01', end: '2026-11-30' },
};
const NOW = Date.UTC(2026, 11, 7, 9);

function problemOf(text: string): string {
  try {
    parseMappingFile(text);
  } catch (error) {
    expect(error).toBeInstanceOf(MappingFileError);
    return (error as MappingFileError).problem;
  }
  throw new Error('the file was accepted');
}

describe('mapping file', () => {
  it('round-trips its mappings exactly', () => {
    const text = mappingFile([v1, other], NOW);
    expect(JSON.parse(text)).toMatchObject({ format: MAPPING_FILE_FORMAT, version: 1 });
    expect(parseMappingFile(text)).toEqual([v1, other]);
    expect(parseMappingFile(`\uFEFF${text}`)).toEqual([v1, other]);
    expect(mappingFileName(NOW)).toBe('kpi-lens-mappings-2026-12-07.json');
  });

  it('refuses a file of a newer format or with a record of a newer version, saying so', () => {
    const raw = JSON.parse(mappingFile([v1], NOW));
    expect(problemOf(JSON.stringify({ ...raw, version: 2 }))).toBe('newer');
    expect(problemOf(JSON.stringify({ ...raw, mappings: [v1, { ...other, version: 2 }] }))).toBe('newer');
  });

  it('refuses what is not a mapping file', () => {
    expect(problemOf(JSON.stringify({ format: 'kpi-lens-backup', version: 1 }))).toBe('not-mapping-file');
    expect(problemOf('null')).toBe('not-mapping-file');
    expect(problemOf('[]')).toBe('not-mapping-file');
  });

  it('refuses a truncated file or a damaged record as a whole, naming where', () => {
    const text = mappingFile([v1, other], NOW);
    expect(problemOf(text.slice(0, text.length - 20))).toBe('not-json');
    const raw = JSON.parse(text);
    raw.mappings[1].origin = 'http://network.example.org';
    expect(() => parseMappingFile(JSON.stringify(raw))).toThrow(/mappings\.1\.origin/);
    expect(problemOf(JSON.stringify({ ...raw, mappings: 'none' }))).toBe('damaged');
  });
});
