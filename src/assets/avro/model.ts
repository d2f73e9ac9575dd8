import type { SourceLocation } from '../model.js';
import type { AvroPrimitive } from './primitives.js';

/** The logical types of the specification that this reader understands; any other is read as its underlying type. */
export type LogicalType =
  | { name: 'decimal'; precision: number; scale: number }
  | {
      name:
        | 'uuid'
        | 'date'
        | 'time-millis'
        | 'time-micros'
        | 'timestamp-millis'
        | 'timestamp-micros'
        | 'timestamp-nanos'
        | 'local-timestamp-millis'
        | 'local-timestamp-micros'
        | 'local-timestamp-nanos'
        | 'duration';
    };

export interface AvroPrimitiveType {
  kind: 'primitive';
  primitive: AvroPrimitive;
  logical?: LogicalType;
}

interface NamedType {
  fullName: string;
  /** Full names, resolved against the type's namespace. */
  aliases: string[];
  /** The line of the definition's `name`. */
  location: SourceLocation;
}

export interface AvroRecord extends NamedType {
  kind: 'record';
  fields: AvroField[];
}

export interface AvroEnum extends NamedType {
  kind: 'enum';
  symbols: string[];
  default?: string;
}

export interface AvroFixed extends NamedType {
  kind: 'fixed';
  size: number;
  logical?: LogicalType;
}

export type AvroNamed = AvroRecord | AvroEnum | AvroFixed;

export interface AvroField {
  name: string;
  aliases: string[];
  type: AvroType;
  /** The default as written; JSON has no undefined, so undefined means none (and null is a default). */
  default?: unknown;
  /** The line of the field's `name`. */
  location: SourceLocation;
}

/**
 * A resolved Avro type: references are replaced by the definitions they name, so a named type used twice is one
 * object, and a recursive type is a cycle.
 */
export type AvroType =
  | AvroPrimitiveType
  | AvroNamed
  | { kind: 'array'; items: AvroType }
  | { kind: 'map'; values: AvroType }
  | { kind: 'union'; branches: AvroType[] };

/** What the Avro format hands back for one record at one commit. */
export interface AvroSchema {
  record: AvroRecord;
  /** The record with every named type it uses inlined at first use, as a registry takes it standalone. */
  registryJson: string;
}
