import type { RegistrySchema } from '../../registry/port.js';
import type { CompatibilityRuleId } from '../../rules/catalogue.js';
import type { BufLevel } from '../../rules/protobuf-levels.js';
import type { AssetListing, AssetSchema, ExtractionError, Rename, SourceLocation, TypeSystem } from '../model.js';

/** One schema file of a commit, as a format reads it. */
export interface SchemaFile {
  path: string;
  text: string;
}

/** The event-schema asset types. */
export type SchemaFormatType = 'avro' | 'protobuf' | 'jsonschema';

/** A format's reading of one named asset at one commit; `parsed` is the format's own model, for the checks below. */
export type SchemaRead<Parsed> =
  | { status: 'present'; schema: AssetSchema; parsed: Parsed }
  | { status: 'absent' }
  | { status: 'error'; error: ExtractionError };

/**
 * `backward`: the newer schema reads data written with the older one (consumers upgrade first).
 * `forward`: the older schema reads data written with the newer one (producers upgrade first).
 */
export type CompatibilityDirection = 'backward' | 'forward';

/** The contract's choices that refine a format's checks (`asset.level`, `asset.policy`). */
export interface CompatibilityOptions {
  /** Protobuf: buf's levels, from the loosest. */
  level?: BufLevel;
  /** JSON Schema: `strict` also refuses an optional property added to an open content model. */
  policy?: 'strict' | 'lenient';
}

/** One way two versions of a schema fail a compatibility check. */
export interface Incompatibility {
  /** A stable rule id from the catalogue (`avro-field-missing-default`, `protobuf-field-wire-type-changed`, ...). */
  rule: CompatibilityRuleId;
  /** The dotted path of the field or named type inside the asset; '' for the asset itself. */
  path: string;
  /** A sentence for the user, naming both versions' shapes. */
  message: string;
  /** Where in the newer version's files the problem is; the older version's when the newer has nothing to point at. */
  location?: SourceLocation;
}

/** What the engine needs from one event-schema format. Every member is pure: files in, answers out. */
export interface SchemaFormat<Parsed = unknown> {
  readonly type: SchemaFormatType;
  readonly types: TypeSystem;
  /**
   * Reads the asset named `name` from every file the contract's sources match at one commit. `absent` when the
   * files parse and define no such asset; `error` (with file and line) when a file the asset needs is broken.
   */
  read(files: readonly SchemaFile[], name: string): SchemaRead<Parsed>;
  /**
   * Every asset the files define that a contract can name (records, messages, schemas), each named as the contract
   * writes it and built as `read` builds it for that name; a file or an asset that cannot be read is an error.
   */
  list(files: readonly SchemaFile[]): AssetListing;
  /** The field renames between two versions that the format itself proves (Avro aliases, Protobuf field numbers). */
  fieldRenames(older: Parsed, newer: Parsed): Rename[];
  /** Every incompatibility between two versions in one direction, each with its path, not only the first. */
  incompatibilities(older: Parsed, newer: Parsed, direction: CompatibilityDirection, options: CompatibilityOptions): Incompatibility[];
  registrySchema(parsed: Parsed): RegistrySchema;
}
