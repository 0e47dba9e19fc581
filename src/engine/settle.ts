/**
 * The exact engine: one person-year, settled event by event with decimal.js.
 *
 *   for each event, in date order:
 *     1. basic insurance: deductible, fund share, annual fund cap (docs/scheme-format.md)
 *        → eligible, basic, covered, coinsurance, above_cap, personal_scope
 *     2. each layer in the scheme's order, if the person and the category are eligible:
 *        accumulate the layer's base (per event or over the year), apply its marginal
 *        bands, round to the fen, cap; pay what is owed beyond what was already paid;
 *        never more than the event's cost left unpaid (guard)
 *   then: per-person totals, out-of-pocket, alerts.
 *
 * Annual layers are paid incrementally: after each event the layer owes
 * round_fen(bands(accumulated base)) capped, and pays the part not yet paid. Summed over
 * the year this is exactly "round the year's amount" of docs/scheme-format.md, and each payment is
 * attributed to the event that triggered it.
 */
import { CATEGORIES, type Category, type Group, type Level, type Status } from '../model/codes';
import type { Param, Scheme, Term } from '../scheme/types';
import { D, type Dec, dec, maxD, minD, roundFen, ZERO } from './money';
import { applyBands, cachedBasicTerms, cachedEffectiveLayers } from './rules';

export interface ClaimEvent {
  category: Category;
  level: Level;
  total: number | string | Dec;
  scope: number | string | Dec;
  excluded?: number | string | Dec;
  cancerDrugOoc?: number | string | Dec;
}

export interface PersonYear {
  group: Group;
  status: Status;
  events: ClaimEvent[];
}

/** The basic-insurance ledger of one event (docs/scheme-format.md), exact. */
export interface EventLedger {
  total: Dec;
  scope: Dec;
  excluded: Dec;
  cancer_drug_ooc: Dec;
  out_of_scope: Dec;
  deductible: Dec;
  eligible: Dec;
  basic: Dec;
  coinsurance: Dec;
  above_cap: Dec;
  personal_scope: Dec;
  /** the fund share applied, and the cap left after this event */
  share: Dec;
  capLeft: Dec;
  /** payment of each layer on this event, by layer index */
  paid: Dec[];
}

/** One line of an explanation: which rule produced which number, and where it is written. */
export interface Step {
  event: number | null;
  layer: string;
  label: { zh: string; en: string };
  detail: string;
  amount: string;
  sources: string[];
}

export interface Settlement {
  total: Dec;
  basic: Dec;
  /** supplementary layers' totals, by layer id */
  layers: Record<string, Dec>;
  aid: Dec;
  oop: Dec;
  alerts: Record<string, boolean>;
  events: EventLedger[];
  steps: Step[];
}

function cite(p: Param | undefined): string {
  return p ? p.source : '';
}

/** Settles one person-year. Pass `{ explain: true }` to record the steps. */
export function settlePersonYear(
  scheme: Scheme,
  person: PersonYear,
  options: { explain?: boolean } = {},
): Settlement {
  const explain = options.explain ?? false;
  const steps: Step[] = [];
  const basicRules = scheme.basic;
  const groupRules = basicRules.groups[person.group];
  const layers = scheme.layers;
  const effective = cachedEffectiveLayers(scheme, person.group, person.status);

  // Accumulators: per layer, the year's accumulated base per component and what the
  // layer has paid (in its year group and in all).
  const yearBase = layers.map((l) => l.components.map(() => ZERO));
  const yearLess = layers.map((l) => l.components.map(() => ZERO));
  const yearGroupPaid = layers.map(() => ZERO);
  const paidInYear = layers.map(() => ZERO);
  let capLeft = new D(groupRules.annualCap.value);
  const seenCategory = new Set<Category>();
  const events: EventLedger[] = [];

  person.events.forEach((event, k) => {
    const categoryIndex = CATEGORIES.indexOf(event.category);
    const total = dec(event.total);
    const scope = dec(event.scope);
    const excluded = dec(event.excluded ?? 0);
    const cancerDrugOoc = dec(event.cancerDrugOoc ?? 0);
    const firstOfYear = !seenCategory.has(event.category);
    seenCategory.add(event.category);

    // 1. basic insurance
    const terms = cachedBasicTerms(scheme, person.group, categoryIndex, event.level, firstOfYear);
    const eligible = terms.pays ? maxD(scope.minus(terms.deductible), ZERO) : ZERO;
    const basic = minD(roundFen(terms.share.times(eligible)), capLeft);
    capLeft = capLeft.minus(basic);
    const covered = terms.share.isZero() ? ZERO : basic.dividedBy(terms.share);
    const ledger: EventLedger = {
      total,
      scope,
      excluded,
      cancer_drug_ooc: cancerDrugOoc,
      out_of_scope: total.minus(scope),
      deductible: scope.minus(eligible),
      eligible,
      basic,
      coinsurance: terms.coShare.times(covered),
      above_cap: eligible.minus(covered),
      personal_scope: scope.minus(basic),
      share: terms.share,
      capLeft,
      paid: layers.map(() => ZERO),
    };
    events.push(ledger);
    if (explain) {
      steps.push({
        event: k,
        layer: 'basic',
        label: { zh: '基本医保统筹基金', en: 'basic insurance' },
        detail: terms.pays
          ? `${event.category}, level ${event.level}: eligible = max(scope ${scope.toFixed(2)} − deductible ${terms.deductible.toFixed(2)}, 0) = ${eligible.toFixed(2)}; ` +
            `basic = min(round(${terms.share.toString()} × ${eligible.toFixed(2)}) = ${roundFen(terms.share.times(eligible)).toFixed(2)}, annual cap left ${capLeft.plus(basic).toFixed(2)}); ` +
            `left to the person in scope: coinsurance ${roundFen(ledger.coinsurance).toFixed(2)}, above the cap ${roundFen(ledger.above_cap).toFixed(2)}`
          : `${event.category}: the basic fund does not pay this category`,
        amount: basic.toFixed(2),
        sources: [
          cite(terms.deductibleSource),
          ...terms.shareSources.map(cite),
          cite(groupRules.annualCap),
        ].filter((s, i, all) => s && all.indexOf(s) === i),
      });
    }

    // 2. layers, in order
    let paidOnEvent = basic;
    layers.forEach((layer, li) => {
      const eff = effective[li];
      if (!eff.applies || !layer.categoryMask[categoryIndex]) return;
      const perEvent = layer.accumulate[categoryIndex] === 'event';
      const sumTerms = (terms: Term[]): Dec => {
        let sum = ZERO;
        for (const term of terms) {
          let value: Dec;
          if (term.kind === 'quantity') value = ledger[term.quantity];
          else if (term.kind === 'paid') value = ledger.paid[term.layer];
          else
            value = ledger.paid[term.layer].dividedBy(effective[term.layer].components[0][0].rate);
          sum = term.sign > 0 ? sum.plus(value) : sum.minus(value);
        }
        return sum;
      };
      // each component accumulates its base (and, for a top-up, what is already paid)
      const accumulated = layer.components.map((component, ci) => {
        const inc = sumTerms(component.base);
        return perEvent ? inc : yearBase[li][ci].plus(inc);
      });
      const accumulatedLess = layer.components.map((component, ci) => {
        const inc = component.less.length ? sumTerms(component.less) : ZERO;
        return perEvent ? inc : yearLess[li][ci].plus(inc);
      });
      if (!perEvent) {
        yearBase[li] = accumulated;
        yearLess[li] = accumulatedLess;
      }
      const raw = layer.components.reduce((acc, component, ci) => {
        if (component.kind === 'bands')
          return acc.plus(applyBands(eff.components[ci], accumulated[ci]));
        const topUp = eff.components[ci][0].rate.times(accumulated[ci]).minus(accumulatedLess[ci]);
        return acc.plus(maxD(topUp, ZERO));
      }, ZERO);
      let owed = roundFen(raw);
      const capHit = eff.cap !== null && owed.greaterThan(eff.cap.value);
      if (eff.capValue) owed = minD(owed, eff.capValue);
      let pay = owed.minus(perEvent ? ZERO : yearGroupPaid[li]);
      let annualCapHit = false;
      if (eff.annualCapValue) {
        const room = eff.annualCapValue!.minus(paidInYear[li]);
        annualCapHit = pay.greaterThan(room);
        pay = minD(pay, room);
      }
      pay = maxD(pay, ZERO);
      const room = total.minus(paidOnEvent);
      const guardHit = pay.greaterThan(room);
      pay = minD(pay, room);
      ledger.paid[li] = pay;
      paidOnEvent = paidOnEvent.plus(pay);
      if (!perEvent) yearGroupPaid[li] = yearGroupPaid[li].plus(pay);
      paidInYear[li] = paidInYear[li].plus(pay);
      if (explain) {
        const bases = layer.components
          .map(
            (c, ci) =>
              `${c.baseText} ${perEvent ? 'this event' : 'so far this year'} = ${roundFen(accumulated[ci]).toFixed(2)}` +
              (c.kind === 'top_up'
                ? `, topped up to ${eff.components[ci][0].rate.times(100).toString()}% less ${c.lessText || 'nothing'} = ${roundFen(accumulatedLess[ci]).toFixed(2)}`
                : ''),
          )
          .join('; ');
        const bands = eff.components
          .map((bs) =>
            bs.map((b) => `${b.rate.times(100).toString()}% from ${b.from.toFixed(0)}`).join(', '),
          )
          .join(' | ');
        const notes = [
          capHit ? `cap ${eff.cap!.value} reached` : '',
          annualCapHit ? `annual cap ${eff.annualCap!.value} reached` : '',
          guardHit ? 'limited to the cost left unpaid (guard)' : '',
          perEvent
            ? ''
            : `owed for the year ${owed.toFixed(2)}, paid before ${yearGroupPaid[li].minus(pay).toFixed(2)}`,
        ].filter(Boolean);
        steps.push({
          event: k,
          layer: layer.id,
          label: layer.label,
          detail: `${bases}; bands ${bands}${notes.length ? `; ${notes.join('; ')}` : ''}`,
          amount: pay.toFixed(2),
          sources: [
            layer.source,
            ...eff.components.flatMap((bs) =>
              bs.flatMap((b) => [cite(b.fromSource), ...b.rateSources.map(cite)]),
            ),
            ...(capHit ? [cite(eff.cap!)] : []),
            ...(annualCapHit ? [cite(eff.annualCap!)] : []),
            ...(guardHit ? [scheme.guard.source] : []),
            ...eff.modifierSources,
          ].filter((s, i, all) => s && all.indexOf(s) === i),
        });
      }
    });
  });

  // 3. totals
  const total = events.reduce((acc, e) => acc.plus(e.total), ZERO);
  const basic = events.reduce((acc, e) => acc.plus(e.basic), ZERO);
  const layerTotals: Record<string, Dec> = {};
  let aid = ZERO;
  let paidByLayers = ZERO;
  layers.forEach((layer, li) => {
    const sum = paidInYear[li];
    paidByLayers = paidByLayers.plus(sum);
    if (layer.tier === 'aid') aid = aid.plus(sum);
    else layerTotals[layer.id] = sum;
  });
  const oop = total.minus(basic).minus(paidByLayers);
  const alerts: Record<string, boolean> = {};
  for (const alert of scheme.alerts) {
    alerts[alert.id] = oop.greaterThan(alert.oopAbove.value);
    if (explain) {
      steps.push({
        event: null,
        layer: alert.id,
        label: alert.label,
        detail: `out-of-pocket ${oop.toFixed(2)} ${alerts[alert.id] ? '>' : '≤'} ${alert.oopAbove.value}`,
        amount: alerts[alert.id] ? 'yes' : 'no',
        sources: [alert.source],
      });
    }
  }
  return { total, basic, layers: layerTotals, aid, oop, alerts, events, steps };
}

/** The output columns of a scheme, in order (README.md, "The command line"). */
export function outputColumns(scheme: Scheme): string[] {
  return [
    'person_id',
    'total',
    'basic',
    ...scheme.layerColumns,
    'aid',
    'oop',
    ...scheme.alerts.map((a) => a.id),
  ];
}

/** One output row (strings, two decimals), without the person id. */
export function settlementRow(scheme: Scheme, s: Settlement): string[] {
  return [
    s.total.toFixed(2),
    s.basic.toFixed(2),
    ...scheme.layerColumns.map((id) => s.layers[id].toFixed(2)),
    s.aid.toFixed(2),
    s.oop.toFixed(2),
    ...scheme.alerts.map((a) => (s.alerts[a.id] ? 'true' : 'false')),
  ];
}
