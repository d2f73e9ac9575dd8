import { type Pass, placeOf, readerSide, writerSide } from './comparison.js';
import { coverOfExtras } from './covers.js';
import { mergeViews } from './merge-views.js';
import type { SchemaNode } from './model.js';
import { emptyView, type SchemaView } from './view.js';
import { isUnconstrained } from './views.js';

/**
 * `minProperties` and `maxProperties` the reader adds or tightens, as Confluent judges them, except where the writer
 * already holds its data to them: each name it requires is a property its data has, and a closed model has no more
 * properties than it declares.
 */
export function comparePropertyCounts(pass: Pass, writer: SchemaView, reader: SchemaView, path: string): void {
  const { roles } = pass;
  const [w, r] = [writerSide(roles), readerSide(roles)];
  const { minProperties, maxProperties } = reader;
  const writerMin = Math.max(writer.minProperties?.value ?? 0, writer.required.size);
  if (minProperties && minProperties.value > writerMin) {
    const detail = `${r} needs at least ${properties(minProperties.value)}, ${w} ${properties(writerMin)}`;
    const places = { writer: placeOf(writer, writer.minProperties), reader: placeOf(reader, minProperties) };
    pass.report('jsonschema-min-properties-increased', path, detail, places);
  }
  const closed = writer.patternProperties.size === 0 && coverOfExtras(roles.writer, writer.additional) === 'closed';
  const writerMax = Math.min(writer.maxProperties?.value ?? Number.POSITIVE_INFINITY, closed ? writer.properties.size : Number.POSITIVE_INFINITY);
  if (maxProperties && maxProperties.value < writerMax) {
    const before = Number.isFinite(writerMax) ? properties(writerMax) : 'any number';
    const places = { writer: placeOf(writer, writer.maxProperties), reader: placeOf(reader, maxProperties) };
    pass.report('jsonschema-max-properties-decreased', path, `${r} allows at most ${properties(maxProperties.value)}, ${w} ${before}`, places);
  }
}

function properties(count: number): string {
  return `${count} propert${count === 1 ? 'y' : 'ies'}`;
}

/**
 * `propertyNames` the reader adds or narrows: every name the writer declares must be valid under it, and so must
 * the names the writer allows for undeclared properties, which its own `propertyNames` bound. An open model's
 * undeclared names count only under the strict policy: the lenient one presumes them absent, as registries do.
 */
export function comparePropertyNames(pass: Pass, writer: SchemaView, reader: SchemaView, path: string): void {
  const { roles } = pass;
  const [namesNode] = reader.propertyNames;
  if (!namesNode) return;
  const allowed = roles.reader.of(reader.propertyNames);
  if (isUnconstrained(allowed)) return;
  const [w, r] = [writerSide(roles), readerSide(roles)];
  const places = { writer: { node: writer.home }, reader: { node: namesNode } };
  const refused = [...writer.properties]
    .filter(([name, nodes]) => !roles.writer.of(nodes).never && pass.trial(nameOf(name, writer.home), allowed, path).length > 0)
    .map(([name]) => JSON.stringify(name));
  if (refused.length > 0) {
    pass.report('jsonschema-property-names-narrowed', path, `${r}'s propertyNames refuse ${refused.join(', ')}, which ${w} declares`, places);
  }
  const extras = writer.patternProperties.size > 0 ? 'partially open' : coverOfExtras(roles.writer, writer.additional);
  if (extras === 'closed' || (extras === 'open' && !roles.strict)) return;
  const names = anyName(writer.home);
  const writtenNames = writer.propertyNames.length > 0 ? mergeViews(roles.writer.of(writer.propertyNames), names) : names;
  if (pass.trial(writtenNames, allowed, path).length === 0) return;
  pass.report('jsonschema-property-names-narrowed', path, `${r}'s propertyNames refuse names ${w} allows for undeclared properties`, places);
}

/** A name as a schema: the one string it is. */
function nameOf(name: string, home: SchemaNode): SchemaView {
  return { ...anyName(home), values: { value: [name], node: home, keyword: 'propertyNames' } };
}

/** Any name: a property's name is a string. */
function anyName(home: SchemaNode): SchemaView {
  return { ...emptyView(home), types: { value: new Set(['string'] as const), node: home, keyword: 'propertyNames' } };
}
