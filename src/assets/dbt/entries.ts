import type { ExtractionError } from '../model.js';
import type { Located } from './tree-values.js';

/** The data tests dbt ships that say something about a column's values. */
export type GuaranteeTest = 'not_null' | 'unique' | 'accepted_values';

/** A data test on a column, as its properties entry writes it. */
export interface TestEntry {
  test: GuaranteeTest;
  line: number;
  /** `accepted_values`: the values, as text. */
  values?: string[];
  /**
   * Whether a failure fails the build, for every row: not a test at `severity: warn`, disabled, filtered by `where`
   * or tolerating failures by an `error_if` threshold.
   */
  binding: boolean;
}

export const CONSTRAINT_TYPES = ['not_null', 'unique', 'primary_key', 'foreign_key', 'check', 'custom'] as const;
export type ConstraintType = (typeof CONSTRAINT_TYPES)[number];

export interface ConstraintEntry {
  type: ConstraintType;
  line: number;
  /** A model-level constraint: the columns it covers. */
  columns?: string[];
}

export interface ColumnEntry {
  name: string;
  /** The line of the column's `name:`. */
  line: number;
  dataType?: Located<string>;
  constraints: ConstraintEntry[];
  /** Undefined when the entry lists none: a version's column then keeps the tests of the column it overrides. */
  tests?: TestEntry[];
}

/** The settings of a model's `config:` that change what dbt guarantees about it. */
export interface ModelConfig {
  /** `contract: {enforced: ...}`. */
  enforced?: Located<boolean>;
  materialized?: Located<string>;
  enabled?: Located<boolean>;
}

/** A version's `include`/`exclude` of the model's top-level columns. */
export interface ColumnSelection {
  include: 'all' | string[];
  exclude: string[];
  line: number;
}

export interface VersionEntry {
  /** `v`, as text. */
  v: string;
  line: number;
  definedIn?: string;
  config: ModelConfig;
  /** Undefined when the version lists no `columns`: it has every top-level column. */
  columns?: { selection?: ColumnSelection; entries: ColumnEntry[]; line: number };
  constraints: ConstraintEntry[];
}

/** One entry of a properties file's `models:` list. */
export interface ModelEntry {
  name: string;
  file: string;
  /** The line of the entry's `name:`. */
  line: number;
  config: ModelConfig;
  columns: ColumnEntry[];
  /** The line of `columns:`, where a removed column was. */
  columnsLine?: number;
  constraints: ConstraintEntry[];
  versions?: VersionEntry[];
  latestVersion?: Located<string>;
  /** What of the entry could not be read, each at its line. */
  errors: ExtractionError[];
}
