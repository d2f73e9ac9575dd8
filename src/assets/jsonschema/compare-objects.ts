import { joinPath, type Pass, type Place, readerSide, writerSide } from './comparison.js';
import type { SchemaNode } from './model.js';
import type { SchemaView } from './view.js';
import { isUnconstrained, type Views } from './views.js';

/**
 * What a schema accepts under a name it does not declare: anything (an open content model), nothing (closed), or
 * what a `patternProperties` or `additionalProperties` schema says (partially open).
 */
type Cover = 'open' | 'closed' | SchemaView;

function coverOfExtras(views: Views, nodes: readonly SchemaNode[]): Cover {
  if (nodes.length === 0) return 'open';
  const view = views.of(nodes);
  if (view.never) return 'closed';
  return isUnconstrained(view) ? 'open' : view;
}

/** Every pattern matching the name applies, and `additionalProperties` only where none does. */
function coverOfName(views: Views, view: SchemaView, name: string): Cover {
  const matching = [...view.patternProperties].filter(([pattern]) => matches(pattern, name)).flatMap(([, nodes]) => nodes);
  return coverOfExtras(views, matching.length > 0 ? matching : view.additional);
}

function matches(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(name);
  } catch {
    return false;
  }
}

function place(nodes: readonly SchemaNode[] | undefined): Place | undefined {
  const [node] = nodes ?? [];
  return node ? { node } : undefined;
}

/**
 * Properties added and removed against the content model of the version whose data may carry them, `required`
 * gained, and what undeclared properties may hold, as Confluent Schema Registry judges them; the properties both
 * declare are compared in turn.
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
}

/** A property the writer declares and the reader does not: the reader's content model decides. */
function propertyOnlyWritten(pass: Pass, reader: SchemaView, name: string, nodes: SchemaNode[], path: string): void {
  const { roles } = pass;
  const written = roles.writer.of(nodes);
  const cover = coverOfName(roles.reader, reader, name);
  if (cover === 'open' || written.never) return;
  const places = { writer: place(nodes) };
  if (cover === 'closed') {
    const detail = `${writerSide(roles)} declares it, ${readerSide(roles)} does not and allows no undeclared property`;
    pass.report('jsonschema-property-removed-from-closed-model', path, detail, places);
  } else if (pass.trial(written, cover, path).length > 0) {
    const detail = `${writerSide(roles)} declares it, and ${readerSide(roles)}'s schema for undeclared properties refuses its values`;
    pass.report('jsonschema-property-removed-from-partially-open-model', path, detail, places);
  }
}

/** An optional property the reader declares and the writer does not: the writer's data may already carry it. */
function propertyOnlyRead(pass: Pass, writer: SchemaView, name: string, nodes: SchemaNode[], path: string): void {
  const { roles } = pass;
  const read = roles.reader.of(nodes);
  const cover = coverOfName(roles.writer, writer, name);
  if (cover === 'closed' || isUnconstrained(read)) return;
  const places = { reader: place(nodes) };
  if (cover === 'open') {
    if (!roles.strict) return;
    const detail = `${readerSide(roles)} declares it, and data valid under ${writerSide(roles)}'s open content model may hold any value there`;
    pass.report('jsonschema-property-added-to-open-model', path, detail, places);
  } else if (pass.trial(cover, read, path).length > 0) {
    const detail = `${readerSide(roles)} declares it, and what ${writerSide(roles)} allows for undeclared properties does not meet it`;
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
