import type { CompatibilityDirection, CompatibilityOptions, Incompatibility } from '../events/format.js';
import { compareArrays } from './compare-arrays.js';
import { compareNumbers, compareStrings } from './compare-bounds.js';
import { compareConditionals } from './compare-conditionals.js';
import { compareObjects } from './compare-objects.js';
import { compareListedValues, compareTypes } from './compare-types.js';
import { type Finding, type Pass, readerSide, type Roles, swapRoles, writerSide } from './comparison.js';
import { Comparison, Session } from './comparison-pass.js';
import { effectiveTypes, typeTerm } from './field-types.js';
import { SchemaTooComplex } from './limits.js';
import type { JsonSchemaAsset } from './asset.js';
import { spell } from './spelling.js';
import type { SchemaView } from './view.js';

/**
 * Every way data valid under one version fails the other, in one direction: `backward` has the newer schema read
 * the older one's data, `forward` the reverse. It follows Confluent Schema Registry's JSON Schema checks (content
 * models, type narrowing, bounds, combinators), goes on past the first problem, and reports each once by path. A
 * schema too deep or too large to compare gets a finding that says so, at its line.
 */
export function incompatibilities(
  older: JsonSchemaAsset,
  newer: JsonSchemaAsset,
  direction: CompatibilityDirection,
  options: CompatibilityOptions,
): Incompatibility[] {
  const [writer, reader] = direction === 'backward' ? [older, newer] : [newer, older];
  const roles: Roles = {
    writer: writer.views,
    reader: reader.views,
    readerIsNewer: direction === 'backward',
    strict: options.policy === 'strict',
  };
  const comparison = new Comparison(roles, new Session(compareAlternatives), []);
  try {
    comparison.compare(writer.views.of([writer.root]), reader.views.of([reader.root]), '');
  } catch (error) {
    if (!(error instanceof SchemaTooComplex)) throw error;
    const message = `The schema: ${error.message}, so the versions are not compared.`;
    return [{ rule: 'jsonschema-too-complex-to-compare', path: '', message, location: error.location }];
  }
  return told(comparison.found);
}

/** Findings as the review tells them, each rule once per path. */
function told(findings: readonly Finding[]): Incompatibility[] {
  const seen = new Set<string>();
  return findings.flatMap(({ rule, path, detail, location }) => {
    const key = JSON.stringify([rule, path]);
    if (seen.has(key)) return [];
    seen.add(key);
    const subject = path ? `Field ${path}` : 'The schema';
    return [{ rule, path, message: `${subject}: ${detail}.`, ...(location ? { location } : {}) }];
  });
}

/**
 * `oneOf`/`anyOf` as alternatives: each of the writer's must be accepted by one of the reader's. A writer's branch
 * that none accepts gets the problems of the reader's branch of the same type (or, when the writer has no choice,
 * of the reader's closest branch); with none of its type, it is a branch removed when the reader has fewer
 * branches, else a branch changed.
 */
function compareAlternatives(pass: Pass, writer: SchemaView, reader: SchemaView, path: string): void {
  compareCriteria(pass, writer, reader, path);
  const { roles } = pass;
  const read = roles.reader.alternatives(reader);
  const [onlyRead] = read;
  if (read.length === 1 && onlyRead) {
    for (const alternative of roles.writer.alternatives(writer)) compareValues(pass, alternative, onlyRead, path);
    return;
  }
  // A list of types is a choice too: `["string", "integer"]` is met by `oneOf` a string or an integer.
  const written = roles.writer.alternatives(writer).flatMap(byType);
  const readTypes = read.map((candidate) => spell(typeTerm(roles.reader, candidate)));
  for (const alternative of written) {
    const trials = read.map((candidate) => pass.trial(alternative, candidate, path));
    if (trials.some((problems) => problems.length === 0)) continue;
    const branch = spell(typeTerm(roles.writer, alternative));
    const sameType = trials.find((_, index) => readTypes[index] === branch);
    if (sameType || written.length === 1) {
      pass.adopt(sameType ?? trials.reduce((fewest, problems) => (problems.length < fewest.length ? problems : fewest)));
      continue;
    }
    const rule = read.length < written.length ? 'jsonschema-combined-type-narrowed' : 'jsonschema-combined-type-changed';
    const detail = `${writerSide(roles)}'s ${branch} branch matches none of ${readerSide(roles)}'s ${read.length} branches`;
    const [choice] = reader.choices;
    const places = {
      writer: { node: alternative.branch ?? alternative.home },
      reader: { node: choice?.node ?? reader.home, keyword: choice?.keyword },
    };
    pass.report(rule, path, detail, places);
  }
}

function byType(view: SchemaView): SchemaView[] {
  const types = effectiveTypes(view);
  if (!types || types.size < 2 || !view.types) return [view];
  const written = view.types;
  return [...types].map((type) => ({ ...view, types: { ...written, value: new Set([type]) } }));
}

/**
 * `oneOf` where the writer had `anyOf` refuses data that more than one branch accepts, which the writer's data can
 * only be when the writer's `anyOf` has more than one branch.
 */
function compareCriteria(pass: Pass, writer: SchemaView, reader: SchemaView, path: string): void {
  writer.choices.forEach((choice, index) => {
    const counterpart = reader.choices[index];
    if (choice.keyword !== 'anyOf' || choice.branches.length < 2 || counterpart?.keyword !== 'oneOf' || counterpart.branches.length < 2) return;
    const detail = `${readerSide(pass.roles)} accepts exactly one branch (oneOf), ${writerSide(pass.roles)} any of them (anyOf)`;
    const places = { writer: { node: choice.node, keyword: 'anyOf' }, reader: { node: counterpart.node, keyword: 'oneOf' } };
    pass.report('jsonschema-combined-type-changed', path, detail, places);
  });
}

/** One writer alternative against one reader alternative, keyword family by keyword family. */
function compareValues(pass: Pass, writer: SchemaView, reader: SchemaView, path: string): void {
  if (writer.never) return;
  if (reader.never) {
    const detail = `${readerSide(pass.roles)} accepts no value here, ${writerSide(pass.roles)} does`;
    pass.report('jsonschema-type-narrowed', path, detail, { writer: { node: writer.home }, reader: { node: reader.home } });
    return;
  }
  const types = compareTypes(pass, writer, reader, path);
  if (!types) return;
  const listed = compareListedValues(pass, writer, reader, path);
  if (!listed && types.has('string')) compareStrings(pass, writer, reader, path);
  if (!listed && (types.has('number') || types.has('integer'))) compareNumbers(pass, writer, reader, path, types);
  if (types.has('object')) compareObjects(pass, writer, reader, path);
  if (types.has('array')) compareArrays(pass, writer, reader, path);
  compareNot(pass, writer, reader, path);
  compareConditionals(pass, writer, reader, path);
}

/**
 * A reader's `not` refuses more unless the writer already refuses everything it does: each value the reader's `not`
 * schema accepts must be accepted by one of the writer's, so the two versions swap roles.
 */
function compareNot(pass: Pass, writer: SchemaView, reader: SchemaView, path: string): void {
  const { roles } = pass;
  const swapped = swapRoles(roles);
  for (const excluded of reader.not) {
    const readerExcludes = roles.reader.of([excluded]);
    const covered = writer.not.some((node) => pass.trial(readerExcludes, roles.writer.of([node]), path, swapped).length === 0);
    if (covered) continue;
    const detail = `${readerSide(roles)} refuses values with \`not\` that ${writerSide(roles)} accepts`;
    pass.report('jsonschema-not-extended', path, detail, { writer: { node: writer.home }, reader: { node: excluded } });
  }
}
