import { describe } from 'node:test';
import { fastAgreesWithExact } from './fast-vs-exact';

describe('engine/fast: agreement with the exact engine', () => {
  fastAgreesWithExact('ordos-2018', 404);
});
