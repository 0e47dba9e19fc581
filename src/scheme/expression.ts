/**
 * Parses a layer's base, a signed sum written the way the policy text reads, e.g.
 * `total - excluded - cancer_drug_ooc - basic - paid(large_medical)`.
 */
import { YibaoError } from '../errors';
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
    throw new YibaoError(`cannot read base '${text}': ${why}`, where);
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
      if (expectTerm && !leading) fail(`unexpected '${token}'`);
      sign = token === '-' ? -1 : 1;
      expectTerm = true;
      continue;
    }
    if (!expectTerm) fail(`missing + or - before '${token}'`);
    const match = TERM.exec(token);
    if (!match) fail(`'${token}' is not a quantity, paid(layer) or covered(layer)`);
    const [, fn, layerId, name] = match!;
    if (fn) {
      const layer = earlierLayers.indexOf(layerId);
      if (layer < 0) {
        fail(
          `'${layerId}' is not an earlier layer (earlier: ${earlierLayers.join(', ') || 'none'})`,
        );
      }
      terms.push({ sign, kind: fn as 'paid' | 'covered', layer });
    } else {
      if (!(QUANTITIES as readonly string[]).includes(name)) {
        fail(`unknown quantity '${name}' (known: ${QUANTITIES.join(', ')})`);
      }
      terms.push({ sign, kind: 'quantity', quantity: name as Quantity });
    }
    sign = 1;
    expectTerm = false;
  }
  if (expectTerm) fail('it ends with an operator');
  return terms;
}
