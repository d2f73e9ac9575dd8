import { joinPath, type Pass, type Place, readerSide, writerSide } from './comparison.js';
import { compareDependentRequired, compareDependentSchemas } from './compare-dependencies.js';
import { comparePropertyCounts, comparePropertyNames } from './compare-property-names.js';
import { type Cover, coverOfExtras, coverOfName } from './covers.js';
import type { SchemaNode } from './model.js';
import type { SchemaView } from './view.js';
import { isUnconstrained } from './views.js';

function place(nodes: readonly SchemaNode[] | undefined): Place | undefined {
  const [node] = nodes ?? [];
  return node ? { node } : undefined;
}

/**
 * Properties added and removed against the content model of the version whose data may carry them, `required`
 * gained, what undeclared properties may hold, how many properties and which names, and what a property brings
 * with it, as Confluent Schema Registry judges them; the properties both declare are compared in turn.
 */
export function compareObjects(pass: Pass, writer: SchemaView, reader: SchemaView, path: string): void {
  const { roles } = pass;
  for (const [name, nodes] of writer.properties) {
    const readerNodes = reader.properties.get(name);
    if (readerNodes) pass.compare(roles.writer.of(nodes), roles.reader.of(readerNodes), joinPath(path, name));
    else propertyOnlyWritten(pass, reader, name, nodes, joinPath(path, name));
  }
  // As registries do, a default stands in for a value the writer's data lacks.
  const newlyRequired = [...reader.required].filter(([name]) => {
    const declared = reader.properties.get(name);
    return !writer.required.has(name) && !(declared && roles.reader.of(declared).default);
  });
  const reportedAsRequired = new Set(newlyRequired.map(([name]) => name));
  for (const [name, nodes] of reader.properties) {
    if (writer.properties.has(name) || reportedAsRequired.has(name)) continue;
    propertyOnlyRead(pass, writer, name, nodes, joinPath(path, name));
  }
  for (const [name, node] of newlyRequired) {
    const declared = reader.properties.get(name);
    const [w, r] = [writerSide(roles), readerSide(roles)];
    const places = { writer: place(writer.properties.get(name)), reader: place(declared) ?? { node, keyword: 'required' } };
    if (writer.properties.has(name)) {
      pass.report('jsonschema-property-made-required', joinPath(path, name), `${r} requires it, ${w} does not`, places);
    } else {
      const detail = `${r} requires it, and ${w} does not declare it, so its data may lack it`;
      pass.report('jsonschema-required-property-added', joinPath(path, name), detail, places);
    }
  }
  compareExtras(pass, writer, reader, path);
  comparePropertyCounts(pass, writer, reader, path);
  comparePropertyNames(pass, writer, reader, path);
  compareDependentRequired(pass, writer, reader, path);
  compareDependentSchemas(pass, writer, reader, path);
}

/** A property the writer declares and the reader does not: the reader's content model decides. */
function propertyOnlyWritten(pass: Pass, reader: SchemaView, name: string, nodes: SchemaNode[], path: string): void {
  const { roles } = pass;
  const [w, r] = [writerSide(roles), readerSide(roles)];
  const written = roles.writer.of(nodes);
  if (written.never) return;
  const { cover, undecided } = coverOfName(roles.reader, reader, name);
  const places = { writer: place(nodes) };
  if (cover === 'closed') {
    const [unsure] = undecided;
    const unless = unsure ? ` (whether a patternProperties pattern matches the name is not checked: ${unsure.reason})` : '';
    const detail = `${w} declares it, ${r} does not and allows no undeclared property${unless}`;
    pass.report('jsonschema-property-removed-from-closed-model', path, detail, places);
    return;
  }
  const refuses = (candidate: Cover) => candidate !== 'open' && (candidate === 'closed' || pass.trial(written, candidate, path).length > 0);
  const doubt = undecided.find((candidate) => refuses(candidate.cover));
  if (refuses(cover)) {
    const detail = `${w} declares it, and ${r}'s schema for undeclared properties refuses its values`;
    pass.report('jsonschema-property-removed-from-partially-open-model', path, detail, places);
  } else if (doubt) {
    const unchecked = `whether the pattern matches the name is not checked: ${doubt.reason}`;
    const detail = `${w} declares it, and ${r}'s patternProperties may refuse its values (${unchecked})`;
    pass.report('jsonschema-property-removed-from-partially-open-model', path, detail, places);
  }
}

/** An optional property the reader declares and the writer does not: the writer's data may already carry it. */
function propertyOnlyRead(pass: Pass, writer: SchemaView, name: string, nodes: SchemaNode[], path: string): void {
  const { roles } = pass;
  const [w, r] = [writerSide(roles), readerSide(roles)];
  const read = roles.reader.of(nodes);
  if (isUnconstrained(read)) return;
  const { cover, undecided } = coverOfName(roles.writer, writer, name);
  const places = { reader: place(nodes) };
  // Undeclared properties of an open model are presumed absent unless the policy is strict, as registries do.
  const mayHoldOther = (candidate: Cover) =>
    candidate !== 'closed' && (candidate === 'open' ? roles.strict : pass.trial(candidate, read, path).length > 0);
  const doubt = undecided.find((candidate) => mayHoldOther(candidate.cover));
  if (!mayHoldOther(cover) && !doubt) return;
  if (cover === 'open' && !doubt) {
    const detail = `${r} declares it, and data valid under ${w}'s open content model may hold any value there`;
    pass.report('jsonschema-property-added-to-open-model', path, detail, places);
  } else {
    const why = doubt && !mayHoldOther(cover) ? ` (whether a patternProperties pattern matches the name is not checked: ${doubt.reason})` : '';
    const detail = `${r} declares it, and what ${w} allows for undeclared properties does not meet it${why}`;
    pass.report('jsonschema-property-added-to-partially-open-model', path, detail, places);
  }
}

/** What undeclared properties may hold: `patternProperties` pattern by pattern, then `additionalProperties`. */
function compareExtras(pass: Pass, writer: SchemaView, reader: SchemaView, path: string): void {
  const { roles } = pass;
  const writerExtras = coverOfExtras(roles.writer, writer.additional);
  const readerExtras = coverOfExtras(roles.reader, reader.additional);
  const check = (written: Cover, read: Cover, what: string, places: { writer?: Place; reader?: Place }) => {
    if (written === 'closed' || read === 'open') return;
    if (written === 'open' && !roles.strict) return;
    if (written !== 'open' && read !== 'closed' && pass.trial(written, read, path).length === 0) return;
    const detail = `${readerSide(roles)} accepts less for ${what} than ${writerSide(roles)}`;
    pass.report('jsonschema-additional-properties-narrowed', path, detail, places);
  };
  for (const [pattern, nodes] of writer.patternProperties) {
    const readerNodes = reader.patternProperties.get(pattern);
    const read = readerNodes ? coverOfExtras(roles.reader, readerNodes) : readerExtras;
    const places = { writer: place(nodes), reader: place(readerNodes) ?? place(reader.additional) };
    check(coverOfExtras(roles.writer, nodes), read, `properties matching /${pattern}/`, places);
  }
  for (const [pattern, nodes] of reader.patternProperties) {
    if (writer.patternProperties.has(pattern)) continue;
    const places = { writer: place(writer.additional), reader: place(nodes) };
    check(writerExtras, coverOfExtras(roles.reader, nodes), `properties matching /${pattern}/`, places);
  }
  const places = {
    writer: place(writer.additional) ?? { node: writer.home },
    reader: place(reader.additional) ?? { node: reader.home },
  };
  check(writerExtras, readerExtras, 'undeclared properties', places);
}
