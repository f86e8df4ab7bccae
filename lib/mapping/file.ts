import * as z from '../zod';
import { anyVersionMappingSchema, MAPPING_VERSION, type Mapping } from './schema';

/**
 * A mapping file: some of the user's mappings alone, so a team can share one (the options page exports and
 * imports it). Versioned JSON; every record is checked (and upgraded) as a backup's are.
 */
export const MAPPING_FILE_FORMAT = 'kpi-lens-mappings';
export const MAPPING_FILE_VERSION = 1;

export const mappingFileSchema = z.object({
  format: z.literal(MAPPING_FILE_FORMAT),
  version: z.literal(MAPPING_FILE_VERSION),
  exportedAt: z.iso.datetime(),
  mappings: z.array(anyVersionMappingSchema).check(z.maxLength(1000)),
});

export function mappingFile(mappings: readonly Mapping[], now: number): string {
  return JSON.stringify({
    format: MAPPING_FILE_FORMAT,
    version: MAPPING_FILE_VERSION,
    exportedAt: new Date(now).toISOString(),
    mappings,
  });
}

export function mappingFileName(now: number): string {
  return `kpi-lens-mappings-${new Date(now).toISOString().slice(0, 10)}.json`;
}

/**
 * Why a file was refused, as a kind the options page words in the user's language (`detail` names the first
 * damaged field, in English, as zod says it: it is for a bug report more than for the user).
 */
export type MappingFileProblem = 'not-json' | 'not-mapping-file' | 'newer' | 'damaged';

export class MappingFileError extends Error {
  constructor(
    readonly problem: MappingFileProblem,
    readonly detail = '',
  ) {
    super(detail ? `${problem}: ${detail}` : problem);
  }
}

function newestVersionIn(raw: Record<string, unknown>): number {
  const records = Array.isArray(raw.mappings) ? (raw.mappings as unknown[]) : [];
  const versions = records.map((r) => (r as { version?: unknown } | null)?.version);
  return Math.max(
    typeof raw.version === 'number' ? raw.version - MAPPING_FILE_VERSION : 0,
    ...versions.map((v) => (typeof v === 'number' ? v - MAPPING_VERSION : 0)),
  );
}

/** The mappings of a file's text, or a MappingFileError that says what is wrong (nothing is imported). */
export function parseMappingFile(text: string): Mapping[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new MappingFileError('not-json');
  }
  if (!raw || typeof raw !== 'object' || (raw as { format?: unknown }).format !== MAPPING_FILE_FORMAT)
    throw new MappingFileError('not-mapping-file');
  // The file or one of its records written by a newer KPI Lens: say so rather than "damaged".
  if (newestVersionIn(raw as Record<string, unknown>) > 0) throw new MappingFileError('newer');
  const parsed = mappingFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MappingFileError(
      'damaged',
      `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data.mappings;
}
