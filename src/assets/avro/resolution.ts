import type { AvroRuleId } from '../../rules/avro-rules.js';
import type { CompatibilityDirection, Incompatibility } from '../events/format.js';
import type { SourceLocation } from '../model.js';
import { decimalMismatch, isNamed, matches, mismatchRule } from './matching.js';
import type { AvroEnum, AvroRecord, AvroType } from './model.js';
import { spell, termOf } from './spelling.js';

/** Where the walk is: the dotted path, and the reader's and writer's nearest declarations. */
interface Place {
  path: string;
  reader: SourceLocation;
  writer: SourceLocation;
}

/**
 * Every way the older and newer records fail the specification's schema resolution in one direction: `backward`
 * has the newer schema read the older one's data, `forward` the reverse. It goes on past the first failure, so
 * each problem is reported at its own path.
 */
export function incompatibilities(older: AvroRecord, newer: AvroRecord, direction: CompatibilityDirection): Incompatibility[] {
  const [reader, writer] = direction === 'backward' ? [newer, older] : [older, newer];
  const resolution = new SchemaResolution(direction);
  resolution.resolve(reader, writer, { path: '', reader: reader.location, writer: writer.location });
  return resolution.problems;
}

/**
 * The walk of the specification's resolution. Each reader:writer pair of records is resolved once, at the first path
 * that reaches it: a recursive type is entered once, and named types shared as a deep tree are compared once each
 * instead of once per path (2^depth of them). A problem inside a shared record is reported at that first path.
 */
class SchemaResolution {
  readonly problems: Incompatibility[] = [];
  private readonly resolvedPairs = new Set<string>();
  private readonly readerRole: string;
  private readonly writerRole: string;

  constructor(private readonly direction: CompatibilityDirection) {
    [this.readerRole, this.writerRole] = direction === 'backward' ? ['new', 'old'] : ['old', 'new'];
  }

  resolve(reader: AvroType, writer: AvroType, place: Place): void {
    const readerBranches = reader.kind === 'union' ? reader.branches : [reader];
    if (writer.kind === 'union') {
      // The first matching reader branch is the one the specification resolves a writer's branch against.
      const unread = writer.branches.filter((branch) => !this.resolveFirstMatch(readerBranches, branch, place));
      if (unread.length === 0) return;
      const branches = unread.map(spelled).join(', ');
      const detail = `${this.writerSide(writer)} may write ${branches}, which ${this.readerSide(reader)} cannot read`;
      this.report('avro-union-branch-missing', place, this.newer(place), detail);
      return;
    }
    if (this.resolveFirstMatch(readerBranches, writer, place)) return;
    // A reader union fails a writer type the way its branch of the same kind does, or else as another type.
    const closest = readerBranches.find((branch) => branch.kind === writer.kind) ?? reader;
    this.mismatch(closest, writer, place);
  }

  private resolveFirstMatch(readerBranches: readonly AvroType[], writer: AvroType, place: Place): boolean {
    const reader = readerBranches.find((branch) => matches(branch, writer));
    if (reader) this.resolveMatched(reader, writer, place);
    return reader !== undefined;
  }

  private resolveMatched(reader: AvroType, writer: AvroType, place: Place): void {
    if (reader.kind === 'record' && writer.kind === 'record') this.resolveRecords(reader, writer, place);
    else if (reader.kind === 'enum' && writer.kind === 'enum') this.resolveEnums(reader, writer, place);
    else if (reader.kind === 'array' && writer.kind === 'array') this.resolve(reader.items, writer.items, place);
    else if (reader.kind === 'map' && writer.kind === 'map') this.resolve(reader.values, writer.values, place);
    const decimals = decimalMismatch(reader, writer);
    if (decimals) {
      const detail =
        `the ${this.readerRole} schema's ${decimals.reader} cannot read the ${this.writerRole} schema's ${decimals.writer}: ` +
        'a decimal is read at its reader\'s scale, so the scales must be equal and the reader\'s precision at least the writer\'s';
      this.report('avro-decimal-mismatch', place, this.newer(place), detail);
    }
  }

  private resolveRecords(reader: AvroRecord, writer: AvroRecord, place: Place): void {
    const pair = `${reader.fullName}:${writer.fullName}`;
    if (this.resolvedPairs.has(pair)) return;
    this.resolvedPairs.add(pair);
    for (const field of reader.fields) {
      const written =
        writer.fields.find((candidate) => candidate.name === field.name) ??
        writer.fields.find((candidate) => field.aliases.includes(candidate.name));
      const path = place.path ? `${place.path}.${field.name}` : field.name;
      if (written) {
        this.resolve(field.type, written.type, { path, reader: field.location, writer: written.location });
      } else if (field.default === undefined) {
        const at = { ...place, path, reader: field.location, writer: writer.location };
        const detail = `the ${this.readerRole} schema has it without a default, and the ${this.writerRole} schema writes no field of its names`;
        this.report('avro-field-missing-default', at, this.newer(at), detail);
      }
    }
  }

  private resolveEnums(reader: AvroEnum, writer: AvroEnum, place: Place): void {
    const missing = writer.symbols.filter((symbol) => !reader.symbols.includes(symbol));
    if (missing.length === 0 || reader.default !== undefined) return;
    const location = this.newer({ ...place, reader: reader.location, writer: writer.location });
    const symbols = missing.length === 1 ? 'it' : 'them';
    const detail = `${this.writerSide(writer)} has ${missing.join(', ')}, which ${this.readerSide(reader)} lacks, with no default for ${symbols}`;
    this.report('avro-enum-symbol-missing', place, location, detail);
  }

  private mismatch(reader: AvroType, writer: AvroType, place: Place): void {
    const rule = mismatchRule(reader, writer);
    const bothNamed = isNamed(reader) && isNamed(writer);
    const definitions = bothNamed ? { ...place, reader: reader.location, writer: writer.location } : place;
    const [read, written] = [this.readerSide(reader), this.writerSide(writer)];
    const detail =
      rule === 'avro-type-mismatch'
        ? `${read} cannot read ${written}`
        : rule === 'avro-name-mismatch'
          ? `${read} does not match ${written} by name or alias`
          : `${read} and ${written} differ in size`;
    this.report(rule, place, this.newer(definitions), detail);
  }

  private readerSide(type: AvroType): string {
    return `the ${this.readerRole} schema's ${spelled(type)}`;
  }

  private writerSide(type: AvroType): string {
    return `the ${this.writerRole} schema's ${spelled(type)}`;
  }

  /** The newer version's declaration: what the change can still edit. */
  private newer(place: Place): SourceLocation {
    return this.direction === 'backward' ? place.reader : place.writer;
  }

  private report(rule: AvroRuleId, place: Place, location: SourceLocation, detail: string): void {
    const subject = place.path ? `Field ${place.path}` : 'The record';
    this.problems.push({ rule, path: place.path, message: `${subject}: ${detail}.`, location });
  }
}

/** As the fields spell types, but a fixed says so under its logical type: a decimal on bytes never reads one on a fixed. */
function spelled(type: AvroType): string {
  const spelling = spell(termOf(type));
  return type.kind === 'fixed' && type.logical ? `${spelling} on fixed ${type.fullName}(${type.size})` : spelling;
}
