import type { AvroNamed, AvroType, LogicalType } from './model.js';
import { unqualified } from './names.js';
import { primitiveReads } from './primitives.js';

/** The rules a reader and a writer type can fail on, before their contents are compared. */
type MismatchRule = 'avro-type-mismatch' | 'avro-name-mismatch' | 'avro-fixed-size-mismatch';

/**
 * The specification's matching of named types: the same unqualified name (so a namespace change alone matches), or
 * the writer's full name among the reader's aliases. This is what Java's SchemaCompatibility, which registries run,
 * does too.
 */
export function namesMatch(reader: { fullName: string; aliases: string[] }, writer: { fullName: string }): boolean {
  return unqualified(reader.fullName) === unqualified(writer.fullName) || reader.aliases.includes(writer.fullName);
}

/**
 * Whether a writer's type "matches" the reader's in the specification's sense, which picks the union branch to
 * resolve against: same kind and name (and size, for a fixed), or a promotable primitive; arrays and maps match by
 * their items and values. Whether the matched pair then resolves (record fields, enum symbols) is checked after.
 */
export function matches(reader: AvroType, writer: AvroType): boolean {
  if (reader.kind === 'primitive') return writer.kind === 'primitive' && primitiveReads(reader.primitive, writer.primitive);
  if (reader.kind === 'array') return writer.kind === 'array' && matches(reader.items, writer.items);
  if (reader.kind === 'map') return writer.kind === 'map' && matches(reader.values, writer.values);
  if (reader.kind === 'fixed') return writer.kind === 'fixed' && namesMatch(reader, writer) && reader.size === writer.size;
  if (reader.kind === 'record' || reader.kind === 'enum') return writer.kind === reader.kind && namesMatch(reader, writer);
  return false;
}

/** Why two types that do not match fail, looking through arrays and maps to the types that differ. */
export function mismatchRule(reader: AvroType, writer: AvroType): MismatchRule {
  if (reader.kind === 'array' && writer.kind === 'array') return mismatchRule(reader.items, writer.items);
  if (reader.kind === 'map' && writer.kind === 'map') return mismatchRule(reader.values, writer.values);
  if (!isNamed(reader) || !isNamed(writer) || reader.kind !== writer.kind) return 'avro-type-mismatch';
  // Named types of one kind that match by name fail only on a fixed's size.
  return namesMatch(reader, writer) ? 'avro-fixed-size-mismatch' : 'avro-name-mismatch';
}

export function isNamed(type: AvroType): type is AvroNamed {
  return type.kind === 'record' || type.kind === 'enum' || type.kind === 'fixed';
}

function decimalOf(type: AvroType): Extract<LogicalType, { name: 'decimal' }> | undefined {
  const logical = type.kind === 'primitive' || type.kind === 'fixed' ? type.logical : undefined;
  return logical?.name === 'decimal' ? logical : undefined;
}

/**
 * Decimals that do not resolve. The specification reads mismatched logical types as their underlying types, and
 * Java's checker (so registries) ignores logical types; but a decimal's bytes are an unscaled integer, so another
 * scale reads other numbers, and a smaller precision cannot hold every value. Other logical types follow the
 * specification: reading them as their underlying type reads the same values.
 */
export function decimalMismatch(reader: AvroType, writer: AvroType): { reader: string; writer: string } | undefined {
  const [read, written] = [decimalOf(reader), decimalOf(writer)];
  if (!read || !written) return undefined;
  if (read.scale === written.scale && read.precision >= written.precision) return undefined;
  const spelling = (decimal: typeof read) => `decimal(${decimal.precision},${decimal.scale})`;
  return { reader: spelling(read), writer: spelling(written) };
}
