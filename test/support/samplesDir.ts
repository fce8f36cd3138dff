import * as path from 'node:path';

/**
 * The 14 real, unmodified public transcripts of the three agents (provenance in SOURCES.md there),
 * copied into the repository so the tests run on a fresh clone with nothing beside it.
 */
export const SAMPLES_DIR = path.resolve(__dirname, '..', 'fixtures', 'samples');
