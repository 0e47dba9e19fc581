/**
 * Loading a calibration file (data/calibration/*.yaml or a path): every figure must be
 * `{ value, source }`; a refusal names the file, the line and the field path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { YibaoError } from '../errors';
import { type FieldPath, readYamlFile, type YamlFile } from '../io/yaml-file';
import * as msg from '../messages';
import { CATEGORIES, GROUPS, STATUSES } from '../model/codes';
import { MAX_AMOUNT_YUAN } from '../model/limits';
import { CALIBRATION_DIR } from '../paths';
import { applyOverrides, type Overrides } from '../scheme/overrides';
import { closest } from '../suggest';
import type { Calibration, CategoryModel, Frequency, MeanSd } from './model';

type Raw = Record<string, unknown>;

/** Walks the raw file, refusing what is missing or out of range with its place. */
class Reader {
  constructor(private readonly source: YamlFile<Raw>) {}

  fail(at: FieldPath, message: string): never {
    throw new YibaoError(message, {
      file: this.source.file,
      line: this.source.lineOf(at),
      field: at.join('.'),
    });
  }

  /** The node at a path, through the file's own fields only (never the prototype's). */
  get(at: FieldPath): unknown {
    let node: unknown = this.source.raw;
    for (const key of at) {
      if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
      node = (node as Raw)[key as string];
    }
    return node;
  }

  object(at: FieldPath): Raw {
    const node = this.get(at);
    if (node === undefined) this.fail(at, msg.calibration.isRequired());
    if (node === null || typeof node !== 'object' || Array.isArray(node))
      this.fail(at, msg.calibration.mustBeMapping());
    return node as Raw;
  }

  list(at: FieldPath): unknown[] {
    const node = this.get(at);
    if (!Array.isArray(node) || node.length === 0) this.fail(at, msg.calibration.nonEmptyList());
    return node;
  }

  /** A figure `{ value, source }` in [min, max] (at most the largest amount accepted). */
  figure(at: FieldPath, min = 0, max = MAX_AMOUNT_YUAN): number {
    const node = this.object(at);
    const value = node.value;
    if (typeof value !== 'number' || !Number.isFinite(value))
      this.fail([...at, 'value'], msg.calibration.mustBeNumber());
    if (value < min || value > max)
      this.fail([...at, 'value'], msg.calibration.between(min, max, value));
    if (typeof node.source !== 'string' || node.source.trim() === '')
      this.fail([...at, 'source'], msg.calibration.sourceRequired());
    return value;
  }

  meanSd(at: FieldPath, min = Number.NEGATIVE_INFINITY): MeanSd {
    return { mean: this.figure([...at, 'mean'], min), sd: this.figure([...at, 'sd']) };
  }

  /** A figure per group; groups absent from the file get `fallback` (undefined: required). */
  byGroup(at: FieldPath, min = 0, max = MAX_AMOUNT_YUAN): number[] {
    const node = this.object(at);
    for (const key of Object.keys(node))
      if (!(GROUPS as readonly string[]).includes(key))
        this.fail([...at, key], msg.calibration.notAGroup(GROUPS));
    return GROUPS.map((g) => this.figure([...at, g], min, max));
  }
}

/** A shipped calibration id (`default`) or a path to a YAML file. */
export function resolveCalibrationFile(idOrPath: string): string {
  if (/[/\\]|\.ya?ml$/.test(idOrPath)) return path.resolve(idOrPath);
  const file = path.join(CALIBRATION_DIR, `${idOrPath}.yaml`);
  if (!fs.existsSync(file)) {
    const known = fs
      .readdirSync(CALIBRATION_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.replace(/\.yaml$/, ''));
    throw new YibaoError(msg.calibration.unknown(idOrPath, known, closest(idOrPath, known)));
  }
  return file;
}

function readCategory(r: Reader, name: string): CategoryModel {
  const at = ['claims', name];
  const node = r.object(at);
  let frequency: Frequency;
  if (node.prevalence !== undefined) {
    frequency = {
      kind: 'prevalence',
      prevalence: r.byGroup([...at, 'prevalence'], 0, 1),
      events: r.figure([...at, 'events'], 1, 366),
    };
  } else if (node.distribution === 'poisson') {
    frequency = { kind: 'poisson', mean: r.byGroup([...at, 'frequency'], 0, 50) };
  } else {
    if (node.distribution !== undefined && node.distribution !== 'negative_binomial')
      r.fail([...at, 'distribution'], "must be 'negative_binomial' (the default) or 'poisson'");
    frequency = {
      kind: 'negbin',
      mean: r.byGroup([...at, 'frequency'], 0, 50),
      dispersion: r.figure([...at, 'dispersion'], 1e-6),
    };
  }
  const ageFactor =
    node.age_factor === undefined
      ? []
      : r.list([...at, 'age_factor']).map((_, i) => {
          const to = r.get([...at, 'age_factor', i, 'to']);
          if (typeof to !== 'number')
            r.fail([...at, 'age_factor', i, 'to'], msg.calibration.mustBeAge());
          return { to, value: r.figure([...at, 'age_factor', i, 'value']) };
        });
  const levels = r.list([...at, 'levels']).map((_, i) => {
    const level = r.get([...at, 'levels', i, 'level']);
    if (level !== 1 && level !== 2 && level !== 3)
      r.fail([...at, 'levels', i, 'level'], msg.calibration.levelOneTwoThree());
    return {
      level,
      share: r.figure([...at, 'levels', i, 'share'], 0, 1),
      relativeCost: r.figure([...at, 'levels', i, 'relative_cost'], 1e-9),
    };
  });
  const scope = r.meanSd([...at, 'scope_share'], 0);
  if (scope.mean > 1) r.fail([...at, 'scope_share', 'mean'], msg.calibration.atMostOne());
  const model: CategoryModel = {
    category: CATEGORIES.indexOf(name as (typeof CATEGORIES)[number]),
    frequency,
    ageFactor,
    costMean: r.byGroup([...at, 'cost', 'mean'], 1e-9),
    costCv: r.figure([...at, 'cost', 'cv'], 0, 20),
    levels,
    scopeShare: scope,
    excludedShare: r.figure([...at, 'excluded_share'], 0, 1),
  };
  if (node.cancer_drug !== undefined) {
    model.cancerDrug = {
      probability: r.figure([...at, 'cancer_drug', 'probability'], 0, 1),
      mean: r.figure([...at, 'cancer_drug', 'mean'], 1e-9),
      cv: r.figure([...at, 'cancer_drug', 'cv'], 0, 20),
    };
  }
  return model;
}

function readSensitivity(r: Reader): Calibration['sensitivity'] {
  if (r.get(['sensitivity']) === undefined) return [];
  return r.list(['sensitivity']).map((_, i) => {
    const at = ['sensitivity', i];
    const name = r.get([...at, 'name']);
    if (typeof name !== 'string') r.fail([...at, 'name'], msg.calibration.mustBeName());
    const paths = r.list([...at, 'paths']);
    paths.forEach((p, k) => {
      if (typeof p !== 'string' || r.get(p.split('.')) === undefined)
        r.fail([...at, 'paths', k], msg.calibration.notAFigure(p));
    });
    return {
      name,
      paths: paths as string[],
      low: r.figure([...at, 'low']),
      high: r.figure([...at, 'high']),
    };
  });
}

/**
 * Wages (lognormal mean, cv) and the floor and ceiling of the base as shares of the local
 * average wage; a file without them has no floor and no ceiling.
 */
function readContributionBase(
  r: Reader,
  at: FieldPath,
): Calibration['population']['contributionBase'] {
  const mean = r.figure([...at, 'mean'], 1e-9);
  const cv = r.figure([...at, 'cv'], 0, 10);
  const given = (key: string) => r.get([...at, key]) !== undefined;
  if (!given('floor') && !given('ceiling'))
    return { mean, cv, floor: 0, ceiling: Number.POSITIVE_INFINITY };
  const wage = r.figure([...at, 'average_wage'], 1e-9);
  const floor = given('floor') ? r.figure([...at, 'floor'], 0, 10) : 0;
  const ceiling = given('ceiling')
    ? r.figure([...at, 'ceiling'], 0, 100)
    : Number.POSITIVE_INFINITY;
  if (ceiling < floor) r.fail([...at, 'ceiling'], `must be at least the floor (${floor})`);
  return { mean, cv, floor: floor * wage, ceiling: ceiling * wage };
}

function ascendingFromZero(r: Reader, at: FieldPath): number[] {
  const edges = r.list(at).map((_, i) => r.figure([...at, i]));
  if (edges[0] !== 0) r.fail([...at, 0], msg.calibration.firstEdgeZero());
  for (let i = 1; i < edges.length; i++)
    if (edges[i] <= edges[i - 1]) r.fail([...at, i], msg.calibration.edgesIncrease());
  return edges;
}

/**
 * Loads and validates a calibration file by id (`default`) or path; `overrides` set any
 * figure first (`claims.inpatient.cost.cv`: 1.2), as for schemes.
 */
export function loadCalibration(
  idOrPath = 'default',
  options: { overrides?: Overrides } = {},
): Calibration {
  const file = resolveCalibrationFile(idOrPath);
  const read = readYamlFile<Raw>(file, 'calibration');
  const source = options.overrides
    ? { ...read, raw: applyOverrides(read.raw, options.overrides, file) }
    : read;
  const r: Reader = new Reader(source);
  if (r.get(['kind']) !== 'calibration') r.fail(['kind'], msg.calibration.kind());
  const id = r.get(['id']);
  if (typeof id !== 'string') r.fail(['id'], msg.calibration.mustBeName());
  const pop = ['population'];
  const age = GROUPS.map((g) =>
    r.list([...pop, 'age', g]).map((_, i) => {
      const at = [...pop, 'age', g, i];
      const from = r.get([...at, 'from']);
      const to = r.get([...at, 'to']);
      if (typeof from !== 'number' || typeof to !== 'number' || from > to || to > 120)
        r.fail(at, msg.calibration.ages());
      return { from, to, weight: r.figure([...at, 'weight']) };
    }),
  );
  const counties = r.list([...pop, 'counties']).map((_, i) => {
    const name = r.get([...pop, 'counties', i, 'name']);
    if (typeof name !== 'string')
      r.fail([...pop, 'counties', i, 'name'], msg.calibration.mustBeName());
    return { name, weight: r.figure([...pop, 'counties', i, 'weight']) };
  });
  const status = GROUPS.map((g) => {
    const shares = STATUSES.slice(1).map((s) => r.figure([...pop, 'status', g, s], 0, 1));
    if (shares.reduce((a, b) => a + b, 0) > 1)
      r.fail([...pop, 'status', g], msg.calibration.sharesAboveOne());
    return shares;
  });
  const claimsNode = r.object(['claims']);
  for (const name of Object.keys(claimsNode))
    if (!(CATEGORIES as readonly string[]).includes(name))
      r.fail(['claims', name], msg.calibration.notACategory(CATEGORIES));
  const sc = ['scenario'];
  return {
    id,
    file,
    population: {
      size: Math.round(r.figure([...pop, 'size'], 1)),
      members: r.byGroup([...pop, 'members']),
      age,
      maleShare: r.figure([...pop, 'male_share'], 0, 1),
      counties,
      status,
      contributionBase: readContributionBase(r, [...pop, 'contribution_base']),
      consumption: {
        mean: r.figure([...pop, 'consumption', 'mean'], 1e-9),
        cv: r.figure([...pop, 'consumption', 'cv'], 0, 10),
        subsistence: r.figure([...pop, 'consumption', 'subsistence']),
        statusFactor: [
          1,
          ...STATUSES.slice(1).map((st) =>
            r.get([...pop, 'consumption', 'status_factor', st]) === undefined
              ? 1
              : r.figure([...pop, 'consumption', 'status_factor', st], 1e-6),
          ),
        ],
      },
    },
    claims: CATEGORIES.filter((c) => claimsNode[c] !== undefined).map((c) => readCategory(r, c)),
    scenario: {
      costTrend: r.meanSd([...sc, 'cost_trend']),
      utilisationTrend:
        r.get([...sc, 'utilisation_trend']) === undefined
          ? { mean: 0, sd: 0 }
          : r.meanSd([...sc, 'utilisation_trend']),
      utilisationShock: r.meanSd([...sc, 'utilisation_shock']),
      wageGrowth: r.meanSd([...sc, 'wage_growth']),
      membershipChange: r.meanSd([...sc, 'membership_change']),
      perCapitaFundingGrowth: r.meanSd([...sc, 'per_capita_funding_growth']),
    },
    sensitivity: readSensitivity(r),
    burden: {
      alertThreshold: r.figure(['burden', 'alert_threshold']),
      catastrophicCapacityShare: r.figure(['burden', 'catastrophic_capacity_share'], 0, 1),
      sdgConsumptionShares: r
        .list(['burden', 'sdg_consumption_shares'])
        .map((_, i) => r.figure(['burden', 'sdg_consumption_shares', i], 0, 1)),
      costBands: ascendingFromZero(r, ['burden', 'cost_bands']),
    },
    ...(r.get(['credibility']) === undefined
      ? {}
      : {
          credibility: {
            minEvents: r.figure(['credibility', 'min_events']),
            probability: r.figure(['credibility', 'probability'], 0.5, 0.999999),
            tolerance: r.figure(['credibility', 'tolerance'], 1e-6),
          },
        }),
    raw: source.raw,
  };
}
