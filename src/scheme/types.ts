/**
 * Scheme types. `Raw*` types are what a YAML file holds (validated against
 * data/schemes/scheme.schema.json); the normalized `Scheme` is what the engines read:
 * basic rules resolved, base expressions parsed, categories as masks, every number still
 * carrying its source so that `explain` can cite it.
 */
import type { Category, Group, Level, Status } from '../model/codes';

/** A number with its source: the article of the document, `assumption` or `override`. */
export interface Param {
  value: number;
  source: string;
  note?: string;
  unit?: string;
}

export interface Text {
  zh: string;
  en: string;
}

export interface DocumentRef {
  ref: string;
  title: string;
  seed?: string;
  effective?: string;
}

// ---------------------------------------------------------------- raw (as in YAML)

export interface RawBand {
  from: Param;
  rate: Param;
}

/** Marginal bands on a base, or a top-up (补足): pay up to `share` of `of`, less `less`. */
export interface RawComponent {
  base?: string;
  bands?: RawBand[];
  top_up?: { share: Param; of: string; less?: string };
}

export interface RawModifier {
  statuses?: Status[];
  groups?: Group[];
  source: string;
  deductible?: Param;
  rate_add?: Param;
  cap?: Param;
  no_cap?: boolean;
}

export interface RawLayer {
  id: string;
  label: Text;
  tier: 'supplementary' | 'aid';
  source: string;
  categories: Category[];
  statuses?: Status[];
  groups?: Group[];
  accumulate?: 'event' | 'year';
  accumulate_by_category?: Partial<Record<Category, 'event' | 'year'>>;
  components: RawComponent[];
  cap?: Param;
  annual_cap?: Param;
  modifiers?: RawModifier[];
}

export interface RawAlert {
  id: string;
  label: Text;
  source: string;
  oop_above: Param;
  quarterly_list?: { statuses: Status[]; source: string; note?: string };
}

/** What the medical-aid fund spends besides the aid layers (src/fund/medical-aid.ts). */
export interface RawMedicalAid {
  source: string;
  note?: string;
  /** the resident individual contribution per head, by calendar year */
  individual_contribution: Record<string, Param>;
  /** by status: the share of that contribution the aid fund pays */
  contribution_subsidy: Partial<Record<Status, Param>>;
}

/** The reconciliation of county pools at a merger (src/fund/reconcile.ts). */
export interface RawReconciliation {
  as_of: { date: string; source: string; note?: string };
  operating_cost_ceiling: Param;
  source: string;
  note?: string;
}

export interface RawBasicGroup {
  label: Text;
  like?: Group;
  deductible?: Record<'1' | '2' | '3', Param>;
  share?: Record<'1' | '2' | '3', Param>;
  annual_cap?: Param;
  share_bonus?: Param;
  share_max?: Param;
}

export interface RawBasicCategory {
  mode: 'per_event' | 'first_event_of_year' | 'none';
  deductible?: Param;
  share_level?: Level;
}

/** The insured persons by group, and optionally the county pools with their shares. */
export type RawPopulation = Partial<Record<Group, Param>> & {
  counties?: { name: string; share: Param }[];
};

export interface RawFile {
  id: string;
  kind: 'scheme' | 'basic';
  title: Text;
  region?: Text;
  document: DocumentRef;
  assumption_note?: string;
  basic?: string;
  members?: Group[];
  population?: RawPopulation;
  funding?: Record<string, unknown> & { kind: string; label: Text };
  fund?: Record<string, unknown>;
  medical_aid?: RawMedicalAid;
  reconciliation?: RawReconciliation;
  /** what a pricing review holds the rate to (the report's first page) */
  review?: { deficit_tolerance: Param };
  layers?: RawLayer[];
  alerts?: RawAlert[];
  guard?: { never_exceed_total: { source: string; note?: string } };
  groups?: Record<Group, RawBasicGroup>;
  categories?: Record<Category, RawBasicCategory>;
}

// ---------------------------------------------------------------- normalized

/** Per-event quantities of the basic-insurance ledger (docs/scheme-format.md) a layer base can use. */
export const QUANTITIES = [
  'total',
  'scope',
  'excluded',
  'cancer_drug_ooc',
  'out_of_scope',
  'deductible',
  'eligible',
  'basic',
  'coinsurance',
  'above_cap',
  'personal_scope',
] as const;
export type Quantity = (typeof QUANTITIES)[number];

/**
 * One term of a layer's base: a ledger quantity, what an earlier layer paid on the event
 * (`paid(id)`), or the cost an earlier single-rate layer covered (`covered(id)` = paid / rate).
 */
export type Term =
  | { sign: 1 | -1; kind: 'quantity'; quantity: Quantity }
  | { sign: 1 | -1; kind: 'paid'; layer: number }
  | { sign: 1 | -1; kind: 'covered'; layer: number };

export interface Band {
  from: Param;
  rate: Param;
}

/**
 * One part of a layer's payment. `bands`: Σ rate × (part of the accumulated base in each
 * band). `top_up`: max(share × accumulated base − accumulated `less`, 0), the share held
 * as a single band from 0 so that rate modifiers apply alike.
 */
export interface Component {
  kind: 'bands' | 'top_up';
  /** the base as written in the file, for explanations */
  baseText: string;
  base: Term[];
  /** top-up only: what is already paid on the base (empty for bands) */
  lessText: string;
  less: Term[];
  bands: Band[];
}

export interface Modifier {
  statuses?: Status[];
  groups?: Group[];
  source: string;
  deductible?: Param;
  rateAdd?: Param;
  cap?: Param;
  noCap: boolean;
}

export interface Layer {
  id: string;
  label: Text;
  tier: 'supplementary' | 'aid';
  source: string;
  categories: Category[];
  /** by category index: does the layer see events of this category */
  categoryMask: boolean[];
  /** by category index: accumulate per event or over the year */
  accumulate: ('event' | 'year')[];
  statuses?: Status[];
  groups?: Group[];
  components: Component[];
  cap?: Param;
  annualCap?: Param;
  modifiers: Modifier[];
}

export interface Alert {
  id: string;
  label: Text;
  source: string;
  oopAbove: Param;
  /**
   * Pushed every quarter (`yibao alerts`): persons of these statuses whatever they spent,
   * and whoever's out-of-pocket so far this year is above `oopAbove`.
   */
  quarterlyList?: { statuses: Status[]; source: string };
}

export interface BasicGroupRules {
  label: Text;
  /** by level index 0..2 (levels 1..3) */
  deductible: Param[];
  share: Param[];
  annualCap: Param;
  shareBonus?: Param;
  shareMax?: Param;
}

export type BasicCategoryRules =
  | { mode: 'per_event' }
  | { mode: 'first_event_of_year'; deductible: Param; shareLevel: Level }
  | { mode: 'none' };

export interface BasicRules {
  id: string;
  title: Text;
  document: DocumentRef;
  file: string;
  groups: Record<Group, BasicGroupRules>;
  /** by category index */
  categories: BasicCategoryRules[];
  /** the raw file after overrides, for `schemes show` */
  raw: RawFile;
}

export interface SchemePopulation {
  /** persons by group, for the member groups */
  byGroup: Partial<Record<Group, Param>>;
  /** all of them */
  persons: number;
  counties?: { name: string; share: Param }[];
}

export interface Scheme {
  id: string;
  title: Text;
  region?: Text;
  document: DocumentRef;
  file: string;
  basic: BasicRules;
  members: Group[];
  /** the insured pool the scheme is for (persons by group), when the file gives it */
  population?: SchemePopulation;
  funding: NonNullable<RawFile['funding']>;
  fund?: Record<string, unknown>;
  layers: Layer[];
  alerts: Alert[];
  guard: { source: string; note?: string };
  /** output columns between `basic` and `aid`, in order (layers of tier supplementary) */
  layerColumns: string[];
  /** the raw file after overrides, for `schemes show` and for deriving variants */
  raw: RawFile;
}
