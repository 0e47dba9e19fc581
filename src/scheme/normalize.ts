/**
 * Raw (validated) file → normalized rules. Checks the things a JSON schema cannot:
 * assumptions carry a note, bands rise, layer references point backwards, ids are unique.
 */
import { YibaoError } from '../errors';
import * as msg from '../messages';
import { CATEGORIES, GROUPS, type Group } from '../model/codes';
import { isIsoDate } from '../model/dates';
import { parseBase } from './expression';
import type {
  BasicCategoryRules,
  BasicGroupRules,
  BasicRules,
  Component,
  Layer,
  Param,
  RawBasicGroup,
  RawFile,
  RawLayer,
  Scheme,
  SchemePopulation,
} from './types';

type LineOf = (segments: (string | number)[]) => number | undefined;

/** Output column names a layer may not take. */
const RESERVED_COLUMNS = ['person_id', 'total', 'basic', 'aid', 'oop'];

/** Every `source: assumption` must say why (its own note or the file's assumption_note). */
function checkAssumptionNotes(raw: RawFile, file: string, lineOf: LineOf): void {
  const walk = (node: unknown, at: (string | number)[]): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, [...at, i]);
      });
    } else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      if (obj.source === 'assumption' && !obj.note && !raw.assumption_note) {
        throw new YibaoError(msg.scheme.assumptionNeedsNote(), {
          file,
          line: lineOf(at),
          field: at.join('.'),
        });
      }
      for (const [k, v] of Object.entries(obj)) walk(v, [...at, k]);
    }
  };
  walk(raw, []);
}

/** The pool: a figure for every member group and for no other. */
function normalizePopulation(raw: RawFile, file: string, lineOf: LineOf): SchemePopulation {
  const population = raw.population!;
  const members = raw.members!;
  const byGroup: SchemePopulation['byGroup'] = {};
  let persons = 0;
  for (const group of GROUPS) {
    const figure = population[group];
    const at = ['population', group];
    if (figure && !members.includes(group))
      throw new YibaoError(`'${group}' is not among the scheme's members (${members.join(', ')})`, {
        file,
        line: lineOf(at),
        field: at.join('.'),
      });
    if (!figure && members.includes(group))
      throw new YibaoError(`the insured ${group}s are required: the scheme covers them`, {
        file,
        line: lineOf(['population']),
        field: at.join('.'),
      });
    if (figure) {
      if (!Number.isInteger(figure.value))
        throw new YibaoError('must be a whole number of persons', {
          file,
          line: lineOf([...at, 'value']),
          field: `${at.join('.')}.value`,
        });
      byGroup[group] = figure;
      persons += figure.value;
    }
  }
  if (persons < 1)
    throw new YibaoError('the pool must hold at least one person', {
      file,
      line: lineOf(['population']),
      field: 'population',
    });
  return { byGroup, persons, counties: population.counties };
}

export function normalizeBasic(raw: RawFile, file: string, lineOf: LineOf): BasicRules {
  checkAssumptionNotes(raw, file, lineOf);
  const rawGroups = raw.groups!;
  const groups = {} as Record<Group, BasicGroupRules>;
  const resolve = (group: Group, seen: Group[]): RawBasicGroup => {
    const g = rawGroups[group];
    if (!g.like) return g;
    if (seen.includes(g.like)) {
      throw new YibaoError(msg.scheme.likeCycle([...seen, g.like]), {
        file,
        line: lineOf(['groups', group, 'like']),
        field: `groups.${group}.like`,
      });
    }
    const parent = resolve(g.like, [...seen, g.like]);
    return { ...parent, ...g, like: undefined };
  };
  for (const group of GROUPS) {
    const g = resolve(group, [group]);
    for (const field of ['deductible', 'share', 'annual_cap'] as const) {
      if (!g[field]) {
        throw new YibaoError(msg.scheme.requiredThroughLike(field), {
          file,
          line: lineOf(['groups', group]),
          field: `groups.${group}.${field}`,
        });
      }
    }
    groups[group] = {
      label: g.label,
      deductible: [g.deductible!['1'], g.deductible!['2'], g.deductible!['3']],
      share: [g.share!['1'], g.share!['2'], g.share!['3']],
      annualCap: g.annual_cap!,
      shareBonus: g.share_bonus,
      shareMax: g.share_max,
    };
  }
  const categories: BasicCategoryRules[] = CATEGORIES.map((category) => {
    const c = raw.categories![category];
    if (c.mode !== 'first_event_of_year') return { mode: c.mode };
    if (!c.deductible || !c.share_level) {
      throw new YibaoError(msg.scheme.firstEventNeeds(), {
        file,
        line: lineOf(['categories', category]),
        field: `categories.${category}`,
      });
    }
    return { mode: c.mode, deductible: c.deductible, shareLevel: c.share_level };
  });
  return { id: raw.id, title: raw.title, document: raw.document, file, groups, categories, raw };
}

function normalizeLayer(
  rawLayer: RawLayer,
  index: number,
  earlier: Layer[],
  file: string,
  lineOf: LineOf,
): Layer {
  const at = ['layers', index];
  const fail = (message: string, segments: (string | number)[]): never => {
    throw new YibaoError(message, {
      file,
      line: lineOf([...at, ...segments]),
      field: [...at, ...segments].join('.'),
    });
  };
  const earlierIds = earlier.map((l) => l.id);
  if (earlierIds.includes(rawLayer.id)) fail(msg.scheme.layerIdTwice(rawLayer.id), ['id']);
  if (
    RESERVED_COLUMNS.includes(rawLayer.id) &&
    !(rawLayer.tier === 'aid' && rawLayer.id === 'aid')
  ) {
    fail(msg.scheme.layerIdReserved(rawLayer.id), ['id']);
  }
  const parse = (text: string, ci: number, field: string) =>
    parseBase(text, earlierIds, {
      file,
      field: [...at, 'components', ci, ...field.split('.')].join('.'),
      line: lineOf([...at, 'components', ci, ...field.split('.')]),
    });
  const components = rawLayer.components.map((c, ci): Component => {
    if (c.top_up) {
      if (c.base || c.bands) fail(msg.scheme.topUpOrBands(), ['components', ci]);
      const less = c.top_up.less ?? '';
      return {
        kind: 'top_up',
        baseText: c.top_up.of,
        base: parse(c.top_up.of, ci, 'top_up.of'),
        lessText: less,
        less: less ? parse(less, ci, 'top_up.less') : [],
        bands: [{ from: { value: 0, source: c.top_up.share.source }, rate: c.top_up.share }],
      };
    }
    if (!c.base || !c.bands) fail(msg.scheme.needsBaseAndBands(), ['components', ci]);
    const bands = c.bands!;
    bands.forEach((band, bi) => {
      if (bi > 0 && band.from.value <= bands[bi - 1].from.value) {
        fail(msg.scheme.bandsRise(), ['components', ci, 'bands', bi, 'from']);
      }
    });
    return {
      kind: 'bands',
      baseText: c.base!,
      base: parse(c.base!, ci, 'base'),
      lessText: '',
      less: [],
      bands,
    };
  });
  for (const [ci, component] of components.entries()) {
    for (const term of [...component.base, ...component.less]) {
      if (term.kind !== 'covered') continue;
      const target = earlier[term.layer];
      const single =
        target.components.length === 1 &&
        target.components[0].kind === 'bands' &&
        target.components[0].bands.length === 1 &&
        target.components[0].bands[0].from.value === 0 &&
        target.components[0].bands[0].rate.value > 0;
      if (!single) {
        fail(msg.scheme.coveredNeedsSingleRate(target.id), ['components', ci]);
      }
    }
  }
  const defaultMode = rawLayer.accumulate ?? 'year';
  return {
    id: rawLayer.id,
    label: rawLayer.label,
    tier: rawLayer.tier,
    source: rawLayer.source,
    categories: rawLayer.categories,
    categoryMask: CATEGORIES.map((c) => rawLayer.categories.includes(c)),
    accumulate: CATEGORIES.map((c) => rawLayer.accumulate_by_category?.[c] ?? defaultMode),
    statuses: rawLayer.statuses,
    groups: rawLayer.groups,
    components,
    cap: rawLayer.cap,
    annualCap: rawLayer.annual_cap,
    modifiers: (rawLayer.modifiers ?? []).map((m) => ({
      statuses: m.statuses,
      groups: m.groups,
      source: m.source,
      deductible: m.deductible,
      rateAdd: m.rate_add,
      cap: m.cap,
      noCap: m.no_cap ?? false,
    })),
  };
}

/** The contract runs whole years, at least one (the schema says only: a number ≥ 0). */
function checkContractYears(raw: RawFile, file: string, lineOf: LineOf): void {
  const years = raw.fund?.contract_years as Param | undefined;
  if (years === undefined || (Number.isInteger(years.value) && years.value >= 1)) return;
  throw new YibaoError(msg.scheme.contractYears(years.value, years.source), {
    file,
    line: lineOf(['fund', 'contract_years', 'value']),
    field: 'fund.contract_years.value',
  });
}

export function normalizeScheme(
  raw: RawFile,
  file: string,
  basic: BasicRules,
  lineOf: LineOf,
): Scheme {
  checkAssumptionNotes(raw, file, lineOf);
  const asOf = raw.reconciliation?.as_of.date;
  if (asOf !== undefined && !isIsoDate(asOf))
    throw new YibaoError(`'${asOf}' is not a date written YYYY-MM-DD`, {
      file,
      line: lineOf(['reconciliation', 'as_of', 'date']),
      field: 'reconciliation.as_of.date',
    });
  const layers: Layer[] = [];
  (raw.layers ?? []).forEach((rawLayer, i) => {
    layers.push(normalizeLayer(rawLayer, i, layers, file, lineOf));
  });
  checkContractYears(raw, file, lineOf);
  const alertIds = new Set<string>();
  const alerts = (raw.alerts ?? []).map((a, i) => {
    if (
      alertIds.has(a.id) ||
      layers.some((l) => l.id === a.id) ||
      RESERVED_COLUMNS.includes(a.id)
    ) {
      throw new YibaoError(msg.scheme.alertClash(a.id), {
        file,
        line: lineOf(['alerts', i, 'id']),
        field: `alerts.${i}.id`,
      });
    }
    alertIds.add(a.id);
    return {
      id: a.id,
      label: a.label,
      source: a.source,
      oopAbove: a.oop_above as Param,
      quarterlyList: a.quarterly_list && {
        statuses: a.quarterly_list.statuses,
        source: a.quarterly_list.source,
      },
    };
  });
  return {
    id: raw.id,
    title: raw.title,
    region: raw.region,
    document: raw.document,
    file,
    basic,
    members: raw.members!,
    population: raw.population && normalizePopulation(raw, file, lineOf),
    funding: raw.funding!,
    fund: raw.fund,
    layers,
    alerts,
    guard: raw.guard!.never_exceed_total,
    layerColumns: layers.filter((l) => l.tier === 'supplementary').map((l) => l.id),
    raw,
  };
}
