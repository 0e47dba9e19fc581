/**
 * Benefit cuts between two versions of a scheme: in a layer both have, a deductible raised or
 * a payment rate lowered. Dazhou art. 14 forbids both within a cooperation period (合作期内…
 * 原则上不上调起付标准，不下调支付比例; the scheme's `fund.no_benefit_cuts_within_period`);
 * `compare` flags a variant that makes one and names the parameter.
 */
import type { Band, Layer, Modifier, Scheme } from './types';

export interface BenefitCut {
  /** the parameter, as `--set` names it */
  parameter: string;
  kind: 'deductible raised' | 'payment rate lowered' | 'layer removed';
  baseline: number;
  variant: number;
}

const sameTargets = (a: Modifier, b: Modifier) =>
  String(a.statuses) === String(b.statuses) && String(a.groups) === String(b.groups);

function bandCuts(at: string, base: Band[], variant: Band[], topUp: boolean): BenefitCut[] {
  const cuts: BenefitCut[] = [];
  for (const [j, b] of base.entries()) {
    const v = variant[j];
    if (!v) continue;
    const from = { baseline: b.from.value, variant: v.from.value };
    // the first band's start is the deductible; a later band starting later pays the costs
    // in between at the lower rate of the band before it
    if (from.variant > from.baseline && (j === 0 || b.rate.value > base[j - 1].rate.value))
      cuts.push({
        parameter: `${at}.bands.${j}.from`,
        kind: j === 0 ? 'deductible raised' : 'payment rate lowered',
        ...from,
      });
    if (v.rate.value < b.rate.value)
      cuts.push({
        parameter: topUp ? `${at}.top_up.share` : `${at}.bands.${j}.rate`,
        kind: 'payment rate lowered',
        baseline: b.rate.value,
        variant: v.rate.value,
      });
  }
  return cuts;
}

function modifierCuts(at: string, base: Layer, variant: Layer): BenefitCut[] {
  const cuts: BenefitCut[] = [];
  for (const [k, m] of base.modifiers.entries()) {
    const v = variant.modifiers.find((x) => sameTargets(x, m));
    const where = `${at}.modifiers.${k}`;
    const add = { baseline: m.rateAdd?.value ?? 0, variant: v?.rateAdd?.value ?? 0 };
    if (add.variant < add.baseline)
      cuts.push({ parameter: `${where}.rate_add`, kind: 'payment rate lowered', ...add });
    const layerDeductible = base.components[0]?.bands[0]?.from.value ?? 0;
    if (m.deductible) {
      const after = v ? (v.deductible?.value ?? layerDeductible) : layerDeductible;
      if (after > m.deductible.value)
        cuts.push({
          parameter: `${where}.deductible`,
          kind: 'deductible raised',
          baseline: m.deductible.value,
          variant: after,
        });
    }
  }
  return cuts;
}

/** The deductibles raised and payment rates lowered by `variant` against `base`. */
export function benefitCuts(base: Scheme, variant: Scheme): BenefitCut[] {
  const cuts: BenefitCut[] = [];
  for (const layer of base.layers) {
    const at = `layers.${layer.id}`;
    const other = variant.layers.find((l) => l.id === layer.id);
    if (!other) {
      cuts.push({ parameter: at, kind: 'layer removed', baseline: 1, variant: 0 });
      continue;
    }
    for (const [i, c] of layer.components.entries()) {
      const v = other.components[i];
      if (v && v.kind === c.kind)
        for (const cut of bandCuts(`${at}.components.${i}`, c.bands, v.bands, c.kind === 'top_up'))
          cuts.push(cut);
    }
    for (const cut of modifierCuts(at, layer, other)) cuts.push(cut);
  }
  return cuts;
}
