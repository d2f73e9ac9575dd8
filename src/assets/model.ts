import type { FamilyOf } from '../core/type-families.js';

/** Where a piece of an asset's definition lives: a migration statement, a schema line. */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

/** One field of an asset (a table column, a record or message field), as the asset defines it. */
export interface FieldSchema {
  /** Column name, or a dotted path for nested fields (`customer.address.zip`; array items take the array's name). */
  name: string;
  /** The asset type's canonical spelling, e.g. `varchar(64)`, `int4`, `numeric(12,2)`, `public.order_status`. */
  type: string;
  /** The value can be null or absent: a nullable column, an Avro union with null, an optional message field. */
  nullable: boolean;
  default?: string;
  /**
   * Allowed values when the field is an enum type or a CHECK constraint lists them, or, for a Protobuf oneof (a
   * field named by the oneof), the names of its member fields: which one is set is the value.
   */
  allowedValues?: string[];
  allowedValuesFrom?: 'enum' | 'check' | 'oneof';
  /** The symbol an older reader falls back to for a symbol it does not know (Avro's enum default). */
  enumDefault?: string;
  primaryKey: boolean;
  unique: boolean;
  /** The statement or line that last shaped this field. */
  origin?: SourceLocation;
}

export type AssetKind = 'table' | 'view' | 'record' | 'message' | 'object' | 'model';

/** One asset (a table, a record or message, an object schema) as it stands at one commit. */
export interface AssetSchema {
  /** Fully qualified name, e.g. `public.orders`, `com.acme.Order`, or a JSON Schema's `$id`. */
  name: string;
  kind: AssetKind;
  fields: FieldSchema[];
  origin?: SourceLocation;
  /**
   * Whether the build checks the definition (a dbt model's enforced contract: its columns' names and data types, and
   * its constraints), where the asset type has such a switch, and where the definition says so.
   */
  enforcement?: { enforced: boolean; origin: SourceLocation };
}

/**
 * The assets found at one commit, and the files or statements that could not be read (which may hide more). Each
 * asset's `name` is what a contract writes in `asset.name` to name it (quoted where the asset type needs it), and the
 * rest of it is what the reader builds for such a contract at that commit.
 */
export interface AssetListing {
  assets: AssetSchema[];
  errors: ExtractionError[];
}

export interface Rename {
  from: string;
  to: string;
  origin?: SourceLocation;
}

/** A definition file that could not be read or applied: the reason and where. */
export interface ExtractionError {
  file: string;
  line?: number;
  column?: number;
  message: string;
  /**
   * `timeout` and `limit` mean the sandbox stopped the work; `crashed`, that the work broke the sandbox (which was
   * replaced); `failed`, that the definition itself is broken.
   */
  kind: 'failed' | 'timeout' | 'limit' | 'crashed';
}

/**
 * The asset at one commit: its schema, or why it could not be built. A schema read as far as the definition allows
 * lists in `skipped` what failed and was left out (a migration statement, a schema file), so that a broken base is
 * still compared with the head, and every failure is still reported.
 */
/** A statement that could change the asset but that the reader could not fold into it without the database. */
export interface Approximation extends SourceLocation {
  message: string;
  /**
   * What the reader could not do: read without its database (`asset-read-approximately`, the default), or see what
   * code carries (`code-type-unknown`).
   */
  rule?: 'asset-read-approximately' | 'code-type-unknown';
}

/** How the asset was built: `exact`, by a database server replaying the definition; `parsed`, by folding its DDL. */
export interface AssetReading {
  method: 'exact' | 'parsed';
  /** The server's version, or the parser: `MariaDB 10.11.19`, `node-sql-parser (no server)`. */
  by: string;
  /** When the asset was read `parsed`: what reads it exactly (`set DCR_MYSQL_URL to replay the migrations exactly`). */
  exactly?: string;
}

export type AssetState =
  | { status: 'present'; schema: AssetSchema; skipped?: ExtractionError[]; approximations?: Approximation[] }
  | { status: 'absent' }
  | { status: 'error'; error: ExtractionError };

/**
 * What an extractor hands the engine for one contracted asset: the asset at the base and head commits, and the
 * renames the head's own changes performed (so a rename is one finding, not a removal plus an addition).
 */
export interface AssetComparison {
  base: AssetState;
  head: AssetState;
  assetRename?: Rename;
  fieldRenames: Rename[];
  /** Where the head's changes removed the asset, when they did. */
  removedAt?: SourceLocation;
  /** Where the head's changes removed a field, by the field's name at base. */
  fieldRemovedAt: Record<string, SourceLocation>;
  /**
   * Set when the contract's name matched no asset exactly but exactly one up to case (a contract naming
   * `public.TaskRun` for Prisma's `"TaskRun"`), which it was resolved to, at the commits listed.
   */
  resolvedAs?: { name: string; asset: string; commits: ('base' | 'head')[]; message: string };
  /** Set where the reader can build the asset more than one way: which way it did. */
  readBy?: AssetReading;
}

/** How an asset type spells and compares its types. */
export interface TypeSystem {
  /** Canonical spelling, so equivalent spellings (`int`, `INTEGER`, `int4`) compare equal. */
  normalize(type: string): string;
  /**
   * Whether every value of `actual` can be read by a consumer expecting the contract's `contractType`.
   * `actualTraits.isEnum` says `actual` names an enumerated type, which a consumer reads as a string: only the
   * extractor knows that a user type's name is an enum.
   */
  canHold(contractType: string, actual: string, actualTraits?: { isEnum?: boolean }): boolean;
  /** Whether `after` holds every value of `before` (a pure widening such as `varchar(64)` to `varchar(128)`). */
  isWidening(before: string, after: string): boolean;
  /** The member types of a union type (`union<int,string>`), normalised; undefined for a type that is no union. */
  unionBranches?(type: string): string[] | undefined;
  /** The family a type belongs to (text, integer, ...), whether spelt as a field's type or as a contract's. */
  familyOf: FamilyOf;
}
