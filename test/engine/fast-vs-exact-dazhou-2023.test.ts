import { describe } from 'node:test';
import { fastAgreesWithExact } from './fast-vs-exact';

describe('engine/fast: agreement with the exact engine', () => {
  fastAgreesWithExact('dazhou-2023', 101);
});
