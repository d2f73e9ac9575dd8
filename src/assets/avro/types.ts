import { PORTABLE_TYPE_FAMILIES, type TypeFamily } from '../../core/type-families.js';
import type { TypeSystem } from '../model.js';
import { unqualified } from './names.js';
import { type AvroPrimitive, primitiveReads } from './primitives.js';
import { parseSpelling, spell, type TypeTerm } from './spelling.js';

/** How generously a reader is taken to read a writer's values. */
interface ReadRules {
  /** The contract's consumer reads an enum's symbols as strings. */
  enumAsString: boolean;
  /** The specification's bytes-to-string promotion, which may meet bytes that are no UTF-8. */
  bytesAsString: boolean;
  /** A logical type read as its underlying type (a timestamp-millis as a long), as the specification falls back. */
  logicalAsUnderlying: boolean;
  /** The reader may be a union with more branches than the writer: for a widening, that is a new kind of value. */
  moreReaderBranches: boolean;
  /** A promotion must stay inside one type family: int to long widens, int to double moves to another family. */
  withinFamily: boolean;
}

const CONSUMER_READS: ReadRules = {
  enumAsString: true,
  bytesAsString: true,
  logicalAsUnderlying: true,
  moreReaderBranches: true,
  withinFamily: false,
};
const WIDENING: ReadRules = {
  enumAsString: false,
  bytesAsString: false,
  logicalAsUnderlying: false,
  moreReaderBranches: false,
  withinFamily: true,
};

const UNDERLYING: Record<string, AvroPrimitive> = {
  decimal: 'bytes',
  uuid: 'string',
  date: 'int',
  'time-millis': 'int',
  'time-micros': 'long',
  'timestamp-millis': 'long',
  'timestamp-micros': 'long',
  'timestamp-nanos': 'long',
  'local-timestamp-millis': 'long',
  'local-timestamp-micros': 'long',
  'local-timestamp-nanos': 'long',
};

type TermTest = (term: TypeTerm) => boolean;
const isPrimitiveIn = (...names: AvroPrimitive[]): TermTest => (term) => term.kind === 'primitive' && names.includes(term.name);
const isLogicalIn = (...names: string[]): TermTest => (term) => term.kind === 'logical' && names.includes(term.name);
const isNamed = (namedKind: 'record' | 'enum' | 'fixed'): TermTest => (term) => term.kind === 'named' && term.namedKind === namedKind;
const isKind = (kind: TypeTerm['kind']): TermTest => (term) => term.kind === kind;
const anyOf = (...tests: TermTest[]): TermTest => (term) => tests.some((test) => test(term));

/** Portable contract types, each a family of Avro types by meaning. */
const PORTABLE_TYPES: Record<string, TermTest> = {
  string: anyOf(isPrimitiveIn('string', 'bytes'), isLogicalIn('uuid'), isNamed('enum')),
  integer: isPrimitiveIn('int', 'long'),
  number: anyOf(isPrimitiveIn('int', 'long', 'float', 'double'), isLogicalIn('decimal')),
  decimal: anyOf(isPrimitiveIn('int', 'long'), isLogicalIn('decimal')),
  boolean: isPrimitiveIn('boolean'),
  date: isLogicalIn('date'),
  time: isLogicalIn('time-millis', 'time-micros'),
  timestamp: isLogicalIn(...Object.keys(UNDERLYING).filter((name) => name.includes('timestamp'))),
  bytes: anyOf(isPrimitiveIn('bytes', 'string'), isNamed('fixed')),
  uuid: isLogicalIn('uuid'),
  json: anyOf(isNamed('record'), isKind('map'), isKind('array')),
  object: anyOf(isNamed('record'), isKind('map')),
  array: isKind('array'),
};

function holdsPortable(holds: TermTest, actual: TypeTerm): boolean {
  return actual.kind === 'union' ? actual.branches.every((branch) => holdsPortable(holds, branch)) : holds(actual);
}

/** Whether a reader of `reader` reads every value of `writer`, by the specification's resolution and `rules`. */
function reads(reader: TypeTerm, writer: TypeTerm, rules: ReadRules): boolean {
  if (spell(reader) === spell(writer)) return true;
  if (reader.kind === 'union' || writer.kind === 'union') return unionReads(reader, writer, rules);
  switch (reader.kind) {
    case 'primitive': {
      const written = primitiveRead(writer, rules);
      if (written === 'bytes' && reader.name === 'string' && !rules.bytesAsString) return false;
      if (rules.withinFamily && familyOfTerm(reader) !== familyOfTerm(writer)) return false;
      return written !== undefined && primitiveReads(reader.name, written);
    }
    case 'logical':
      return writer.kind === 'logical' && logicalReads(reader, writer);
    case 'named':
      return writer.kind === 'named' && namedReads(reader, writer);
    case 'array':
      return writer.kind === 'array' && reads(reader.items, writer.items, rules);
    case 'map':
      return writer.kind === 'map' && reads(reader.values, writer.values, rules);
    case 'container':
      return writer.kind === reader.name;
    case 'opaque':
      return false;
  }
}

/** Every branch the writer may write is read by some branch of the reader; a single type is a one-branch union. */
function unionReads(reader: TypeTerm, writer: TypeTerm, rules: ReadRules): boolean {
  const branchesOf = (term: TypeTerm) => (term.kind === 'union' ? term.branches : [term]);
  const [readerBranches, writerBranches] = [branchesOf(reader), branchesOf(writer)];
  const distinct = (branches: TypeTerm[]) => new Set(branches.map(spell)).size;
  if (!rules.moreReaderBranches && distinct(readerBranches) > distinct(writerBranches)) return false;
  return writerBranches.every((written) => readerBranches.some((branch) => reads(branch, written, rules)));
}

/** The primitive a writer's values are, as a primitive reader sees them. */
function primitiveRead(writer: TypeTerm, rules: ReadRules): AvroPrimitive | undefined {
  if (writer.kind === 'primitive') return writer.name;
  if (writer.kind === 'logical' && rules.logicalAsUnderlying) return UNDERLYING[writer.name];
  if (writer.kind === 'named' && writer.namedKind === 'enum' && rules.enumAsString) return 'string';
  return undefined;
}

/** A decimal reader keeps the writer's scale and needs at least its precision; a bare `decimal` reads any decimal. */
function logicalReads(reader: Extract<TypeTerm, { kind: 'logical' }>, writer: Extract<TypeTerm, { kind: 'logical' }>): boolean {
  if (reader.name !== writer.name) return false;
  if (reader.precision === undefined) return true;
  return writer.precision !== undefined && writer.scale === reader.scale && writer.precision <= reader.precision;
}

/** Named types match by unqualified name, as the specification resolves them; a kind or size left out matches any. */
function namedReads(reader: Extract<TypeTerm, { kind: 'named' }>, writer: Extract<TypeTerm, { kind: 'named' }>): boolean {
  const sameKind = !reader.namedKind || !writer.namedKind || reader.namedKind === writer.namedKind;
  const sameSize = reader.size === undefined || writer.size === undefined || reader.size === writer.size;
  return sameKind && sameSize && unqualified(reader.name) === unqualified(writer.name);
}

const PRIMITIVE_FAMILIES: Record<AvroPrimitive, TypeFamily | undefined> = {
  null: undefined,
  boolean: 'boolean',
  int: 'integer',
  long: 'integer',
  float: 'decimal',
  double: 'decimal',
  bytes: 'bytes',
  string: 'text',
};

/**
 * Scalars by their meaning: a logical type is of its own family, not its underlying type's (a date is no integer),
 * a fixed is bytes and an enum an enum. Records, arrays, maps, unions and the duration logical type have none.
 */
function familyOfTerm(term: TypeTerm): TypeFamily | undefined {
  switch (term.kind) {
    case 'primitive':
      return PRIMITIVE_FAMILIES[term.name];
    case 'logical':
      if (term.name === 'decimal' || term.name === 'uuid') return term.name;
      return UNDERLYING[term.name] === undefined ? undefined : 'datetime';
    case 'named':
      return term.namedKind === 'enum' ? 'enum' : term.namedKind === 'fixed' ? 'bytes' : undefined;
    default:
      return undefined;
  }
}

/** A name of unknown kind that the reader says is an enum is an enum. */
function withTraits(term: TypeTerm, isEnum: boolean): TypeTerm {
  return isEnum && term.kind === 'named' && !term.namedKind ? { ...term, namedKind: 'enum' } : term;
}

/**
 * Avro types, in the spellings the reader gives fields. A contract's type is a portable type or an Avro spelling;
 * an Avro spelling holds what the specification's schema resolution lets its reader read (promotions such as int to
 * long, string to bytes and back, a logical type as its underlying type), and an enum as a string.
 */
export const avroTypes: TypeSystem = {
  normalize: (type) => spell(parseSpelling(type)),
  canHold(contractType, actual, actualTraits) {
    const actualTerm = withTraits(parseSpelling(actual), actualTraits?.isEnum ?? false);
    const portable = PORTABLE_TYPES[contractType.trim().toLowerCase()];
    if (portable) return holdsPortable(portable, actualTerm);
    return reads(parseSpelling(contractType), actualTerm, CONSUMER_READS);
  },
  /**
   * The specification's promotions that stay inside one family (int to long, float to double; int to double or
   * string to bytes move to another), a decimal gaining precision at the same scale (the scale lives in the schema,
   * not the data, so a reader of another scale reads every value off by a power of ten), and the same inside arrays,
   * maps and unions. A union gaining a branch is no widening: it carries a new kind of value. Logical types of
   * another unit (timestamp-millis to timestamp-micros) are no widening either: their readers misread every value.
   */
  isWidening(before, after) {
    const [from, to] = [parseSpelling(before), parseSpelling(after)];
    return spell(from) !== spell(to) && reads(to, from, WIDENING);
  },
  unionBranches(type) {
    const term = parseSpelling(type);
    return term.kind === 'union' ? [...new Set(term.branches.map(spell))].sort() : undefined;
  },
  familyOf(type, traits) {
    const portable = PORTABLE_TYPE_FAMILIES.get(type.trim().toLowerCase());
    return portable ?? familyOfTerm(withTraits(parseSpelling(type), traits?.isEnum ?? false));
  },
};
