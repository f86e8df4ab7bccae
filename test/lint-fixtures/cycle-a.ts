// Half of an import cycle that `npm run lint` must reject (see test/lint/layering.test.ts); not linted there.
import { base } from '@/test/lint-fixtures/cycle-b';

export const next = (): number => base + 1;
