import { describe } from 'node:test';
import { fastAgreesWithExact } from './fast-vs-exact';

describe('engine/fast: agreement with the exact engine on a top-up layer', () => {
  fastAgreesWithExact('test/fixtures/top-up-scheme.yaml', 606, 30_000);
});
