// The other half of the cycle: imports cycle-a back, by a relative path.
import { next } from './cycle-a';

export const base = 1;
export const afterNext = (): number => next() + 1;
