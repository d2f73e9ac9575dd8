import type { JsonSchemaRuleId } from '../../rules/jsonschema-rules.js';
import { type Pass, placeOf, readerSide, writerSide } from './comparison.js';
import { boundWithin, type JsonType, type SchemaView, type Written } from './view.js';

/** The reader's constraint, which the writer's does not imply: reported at both versions' constraint. */
function reportLimit(
  pass: Pass,
  path: string,
  rule: JsonSchemaRuleId,
  detail: string,
  [writer, theirs]: [SchemaView, Written<unknown> | undefined],
  [reader, ours]: [SchemaView, Written<unknown>],
): void {
  pass.report(rule, path, detail, { writer: placeOf(writer, theirs), reader: placeOf(reader, ours) });
}

function characters(count: number): string {
  return `${count} character${count === 1 ? '' : 's'}`;
}

/** String bounds the reader adds or tightens: `maxLength`, `minLength`, `pattern`, `format`. */
export function compareStrings(pass: Pass, writer: SchemaView, reader: SchemaView, path: string): void {
  const [w, r] = [writerSide(pass.roles), readerSide(pass.roles)];
  const { maxLength, minLength, format } = reader;
  if (maxLength && !(writer.maxLength && writer.maxLength.value <= maxLength.value)) {
    const before = writer.maxLength ? characters(writer.maxLength.value) : 'any number';
    const detail = `${r} allows at most ${characters(maxLength.value)}, ${w} ${before}`;
    reportLimit(pass, path, 'jsonschema-max-length-decreased', detail, [writer, writer.maxLength], [reader, maxLength]);
  }
  if (minLength && minLength.value > 0 && !(writer.minLength && writer.minLength.value >= minLength.value)) {
    const detail = `${r} needs at least ${characters(minLength.value)}, ${w} ${characters(writer.minLength?.value ?? 0)}`;
    reportLimit(pass, path, 'jsonschema-min-length-increased', detail, [writer, writer.minLength], [reader, minLength]);
  }
  for (const pattern of reader.patterns) {
    if (writer.patterns.some((candidate) => candidate.value === pattern.value)) continue;
    const before = writer.patterns.map((candidate) => `/${candidate.value}/`).join(' and ') || 'no pattern';
    const detail = `${r} requires the pattern /${pattern.value}/, ${w} ${before}`;
    reportLimit(pass, path, 'jsonschema-pattern-changed', detail, [writer, writer.patterns[0]], [reader, pattern]);
  }
  if (format && format.value !== writer.format?.value) {
    const detail = `${r} requires the format ${format.value}, ${w} ${writer.format?.value ?? 'none'}`;
    reportLimit(pass, path, 'jsonschema-format-changed', detail, [writer, writer.format], [reader, format]);
  }
}

/** Number bounds the reader adds or tightens: the upper and lower bounds (exclusive or not), `multipleOf`. */
export function compareNumbers(pass: Pass, writer: SchemaView, reader: SchemaView, path: string, types: ReadonlySet<JsonType>): void {
  const [w, r] = [writerSide(pass.roles), readerSide(pass.roles)];
  const bound = (limit: Written<number> | undefined) => (limit ? `${limit.keyword} ${limit.value}` : 'no bound');
  const { maximum, minimum } = reader;
  if (maximum && !boundWithin(writer.maximum, maximum, 'upper')) {
    const detail = `${r} has ${bound(maximum)}, ${w} ${bound(writer.maximum)}`;
    reportLimit(pass, path, 'jsonschema-maximum-decreased', detail, [writer, writer.maximum], [reader, maximum]);
  }
  if (minimum && !boundWithin(writer.minimum, minimum, 'lower')) {
    const detail = `${r} has ${bound(minimum)}, ${w} ${bound(writer.minimum)}`;
    reportLimit(pass, path, 'jsonschema-minimum-increased', detail, [writer, writer.minimum], [reader, minimum]);
  }
  // Integers are all multiples of 1: an integer writer meets any step that divides 1.
  const steps = [...writer.multipleOf.map((step) => step.value), ...(types.has('number') ? [] : [1])];
  for (const step of reader.multipleOf) {
    if (steps.some((candidate) => isMultiple(candidate, step.value))) continue;
    const before = writer.multipleOf.map((candidate) => candidate.value).join(' and ') || 'any number';
    const detail = `${r} requires multiples of ${step.value}, ${w} of ${before}`;
    reportLimit(pass, path, 'jsonschema-multiple-of-changed', detail, [writer, writer.multipleOf[0]], [reader, step]);
  }
}

function isMultiple(value: number, step: number): boolean {
  const quotient = value / step;
  return Math.abs(quotient - Math.round(quotient)) < 1e-9;
}
