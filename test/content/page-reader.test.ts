import { describe, expect, it } from 'vitest';
import { readingSignature } from '@/lib/content/page-reader';
import { reading, row } from '../overlay/make';

describe('reading signature (is this reading new?)', () => {
  const rows = [row('1', { spend: 10, conversions: 2 }), row('2', { spend: 5 })];

  it('equal readings, equal signatures (also from new objects)', () => {
    const a = reading(rows);
    expect(readingSignature(a)).toBe(readingSignature(structuredClone(a)));
  });

  it('any change to what is sent changes it: a number, a row, the context, the health', () => {
    const base = readingSignature(reading(rows));
    expect(readingSignature(reading([rows[0]!, row('2', { spend: 6 })]))).not.toBe(base);
    expect(readingSignature(reading([rows[0]!]))).not.toBe(base);
    expect(readingSignature(reading(rows, { dateEnd: '2026-11-22' }))).not.toBe(base);
    expect(readingSignature(reading(rows, {}, 60))).not.toBe(base);
  });
});
