/**
 * Parses a layer's base, a signed sum written the way the policy text reads, e.g.
 * `total - excluded - cancer_drug_ooc - basic - paid(large_medical)`.
 */
import { YibaoError } from '../errors';
import * as msg from '../messages';
import { QUANTITIES, type Quantity, type Term } from './types';

const TERM = /^(?:(paid|covered)\(\s*([a-z][a-z0-9_]*)\s*\)|([a-z][a-z0-9_]*))$/;

/**
 * @param text the expression
 * @param earlierLayers ids of the layers before this one (only those can be referred to)
 * @param where file and field for error messages
 */
export function parseBase(
  text: string,
  earlierLayers: string[],
  where: { file: string; field: string; line?: number },
): Term[] {
  const fail = (why: string): never => {
    throw new YibaoError(msg.scheme.cannotReadBase(text, why), where);
  };
  const tokens = text
    .replace(/([+-])/g, ' $1 ')
    .trim()
    .split(/\s+/);
  const terms: Term[] = [];
  let sign: 1 | -1 = 1;
  let expectTerm = true;
  for (const token of tokens) {
    if (token === '+' || token === '-') {
      // A leading '-' negates the first term; otherwise operators sit between terms.
      const leading = terms.length === 0 && expectTerm && sign === 1 && token === '-';
      if (expectTerm && !leading) fail(msg.scheme.unexpectedOperator(token));
      sign = token === '-' ? -1 : 1;
      expectTerm = true;
      continue;
    }
    if (!expectTerm) fail(msg.scheme.missingOperator(token));
    const match = TERM.exec(token);
    if (!match) fail(msg.scheme.notATerm(token));
    const [, fn, layerId, name] = match!;
    if (fn) {
      const layer = earlierLayers.indexOf(layerId);
      if (layer < 0) {
        fail(msg.scheme.notAnEarlierLayer(layerId, earlierLayers));
      }
      terms.push({ sign, kind: fn as 'paid' | 'covered', layer });
    } else {
      if (!(QUANTITIES as readonly string[]).includes(name)) {
        fail(msg.scheme.unknownQuantity(name, QUANTITIES));
      }
      terms.push({ sign, kind: 'quantity', quantity: name as Quantity });
    }
    sign = 1;
    expectTerm = false;
  }
  if (expectTerm) fail(msg.scheme.endsWithOperator());
  return terms;
}
