/**
 * mulberry32, the benchmarks' seeded generator: a generated test case that fails can be replayed from its
 * seed.
 */
export { rng as seeded } from '../../scripts/bench/data.mjs';
