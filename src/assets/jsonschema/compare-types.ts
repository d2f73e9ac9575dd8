import { isDeepStrictEqual } from 'node:util';
import type { ValidateFunction } from 'ajv';
import type { JsonSchemaRuleId } from '../../rules/jsonschema-rules.js';
import { type Pass, placeOf, readerSide, writerSide } from './comparison.js';
import { ajvFor } from './drafts.js';
import { effectiveTypes } from './field-types.js';
import { compilePattern } from './patterns.js';
import { JSON_TYPES, type JsonType, type SchemaView } from './view.js';

function describeTypes(types: ReadonlySet<JsonType> | undefined): string {
  return types ? [...types].join(' or ') : 'any value';
}

function accepts(types: ReadonlySet<JsonType> | undefined, type: JsonType): boolean {
  return !types || types.has(type) || (type === 'integer' && types.has('number'));
}

/**
 * The writer's types the reader still accepts, after reporting those it does not: a narrowing when the reader
 * accepts only some of the writer's types, a change when it also accepts others. Undefined when none is left.
 */
export function compareTypes(pass: Pass, writer: SchemaView, reader: SchemaView, path: string): ReadonlySet<JsonType> | undefined {
  const writerTypes = effectiveTypes(writer);
  const readerTypes = reader.types?.value;
  const possible = [...(writerTypes ?? JSON_TYPES)];
  const kept = new Set(possible.filter((type) => accepts(readerTypes, type)));
  if (kept.size === possible.length) return kept;
  const narrowed = readerTypes !== undefined && [...readerTypes].every((type) => accepts(writerTypes, type));
  const { roles } = pass;
  const [written, read] = [describeTypes(writerTypes), describeTypes(readerTypes)];
  const detail = narrowed
    ? `${writerSide(roles)} accepts ${written}, ${readerSide(roles)} only ${read}`
    : `${writerSide(roles)} accepts ${written}, ${readerSide(roles)} ${read} instead`;
  const places = { writer: placeOf(writer, writer.types ?? writer.values), reader: placeOf(reader, reader.types) };
  pass.report(narrowed ? 'jsonschema-type-narrowed' : 'jsonschema-type-changed', path, detail, places);
  return kept.size > 0 ? kept : undefined;
}

/**
 * Listed values (`enum`, `const`) the reader refuses; true when the writer lists its values, whose checks against
 * the reader's bounds are then done here, value by value, rather than bound by bound.
 */
export function compareListedValues(pass: Pass, writer: SchemaView, reader: SchemaView, path: string): boolean {
  const { roles } = pass;
  const places = { writer: placeOf(writer, writer.values), reader: placeOf(reader, reader.values) };
  if (reader.values && !writer.values) {
    const detail = `${readerSide(roles)} accepts only ${listed(reader.values.value)}, ${writerSide(roles)} any value`;
    pass.report('jsonschema-enum-narrowed', path, detail, places);
  }
  if (!writer.values) return false;
  const readValues = reader.values?.value;
  const missing = readValues ? writer.values.value.filter((value) => !readValues.some((read) => isDeepStrictEqual(value, read))) : [];
  if (missing.length > 0) {
    const detail = `${writerSide(roles)} allows ${listed(missing)}, which ${readerSide(roles)} does not list`;
    pass.report('jsonschema-enum-narrowed', path, detail, places);
  }
  for (const [rule, values] of valuesOutsideBounds(writer.values.value, reader)) {
    const detail = `${writerSide(roles)} allows ${listed(values)}, outside ${readerSide(roles)}'s bounds`;
    pass.report(rule, path, detail, places);
  }
  const strings = writer.values.value.filter((value) => typeof value === 'string');
  for (const pattern of reader.patterns) {
    const compiled = compilePattern(pattern.value);
    if (compiled.ok || strings.length === 0 || writer.patterns.some((candidate) => candidate.value === pattern.value)) continue;
    const detail = `${writerSide(roles)} allows ${listed(strings)}, which ${readerSide(roles)}'s pattern may refuse, unchecked: ${compiled.reason}`;
    pass.report('jsonschema-pattern-changed', path, detail, { writer: places.writer, reader: placeOf(reader, pattern) });
  }
  return true;
}

function listed(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

const RULE_OF_BOUND: Record<string, JsonSchemaRuleId> = {
  minLength: 'jsonschema-min-length-increased',
  maxLength: 'jsonschema-max-length-decreased',
  pattern: 'jsonschema-pattern-changed',
  minimum: 'jsonschema-minimum-increased',
  exclusiveMinimum: 'jsonschema-minimum-increased',
  maximum: 'jsonschema-maximum-decreased',
  exclusiveMaximum: 'jsonschema-maximum-decreased',
  multipleOf: 'jsonschema-multiple-of-changed',
};

/** The listed values each of the reader's string and number bounds refuses, by the bound's rule, as Ajv judges them. */
function valuesOutsideBounds(values: readonly unknown[], reader: SchemaView): Map<JsonSchemaRuleId, unknown[]> {
  const limits = [reader.minLength, reader.maxLength, reader.minimum, reader.maximum].flatMap((limit) => (limit ? [limit] : []));
  const repeatable = [
    // A pattern RE2 cannot run is left to `compareListedValues`, which says so.
    ...reader.patterns.filter((pattern) => compilePattern(pattern.value).ok).map((pattern) => ({ pattern: pattern.value })),
    ...reader.multipleOf.map((step) => ({ multipleOf: step.value })),
  ];
  const schema = {
    ...Object.fromEntries(limits.map((limit) => [limit.keyword, limit.value])),
    ...(repeatable.length > 0 ? { allOf: repeatable } : {}),
  };
  const validate = boundsValidator(schema);
  const refused = new Map<JsonSchemaRuleId, unknown[]>();
  for (const value of values) {
    if (!validate || validate(value)) continue;
    for (const error of validate.errors ?? []) {
      const rule = RULE_OF_BOUND[error.keyword];
      if (rule) refused.set(rule, [...(refused.get(rule) ?? []), value]);
    }
  }
  return refused;
}

const boundsValidators = new Map<string, ValidateFunction | undefined>();

/** A validator for the bounds alone, one per distinct set; none when Ajv refuses them. */
function boundsValidator(schema: object): ValidateFunction | undefined {
  const key = JSON.stringify(schema);
  if (!boundsValidators.has(key)) {
    let validate: ValidateFunction | undefined;
    try {
      validate = ajvFor('2020-12').compile(schema);
    } catch {
      validate = undefined;
    }
    boundsValidators.set(key, validate);
  }
  return boundsValidators.get(key);
}
