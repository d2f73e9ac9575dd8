import { joinPath, type Pass, placeOf, readerSide, writerSide } from './comparison.js';
import { mergeViews } from './merge-views.js';
import type { SchemaView } from './view.js';
import { isUnconstrained } from './views.js';

/**
 * `dependentRequired` (and `dependencies` lists): each name the reader requires with a property, the writer must
 * require too, outright, with that property, or in its dependent schema for it. Confluent refuses a dependency added,
 * extended or changed and allows one removed or narrowed; the writer's own `required` is counted here as well.
 */
export function compareDependentRequired(pass: Pass, writer: SchemaView, reader: SchemaView, path: string): void {
  const { roles } = pass;
  for (const [property, needed] of reader.dependentRequired) {
    const own = writer.dependentRequired.get(property);
    const dependentSchema = writer.dependentSchemas.get(property);
    const guaranteed = new Set([
      ...writer.required.keys(),
      ...(own?.value ?? []),
      ...(dependentSchema ? roles.writer.of(dependentSchema).required.keys() : []),
    ]);
    const missing = needed.value.filter((name) => !guaranteed.has(name));
    if (missing.length === 0) continue;
    const detail = `${readerSide(roles)} requires ${missing.join(', ')} whenever it is present, ${writerSide(roles)} does not`;
    pass.report('jsonschema-dependent-required-added', joinPath(path, property), detail, {
      writer: placeOf(writer, own),
      reader: placeOf(reader, needed),
    });
  }
}

/**
 * `dependentSchemas` (and `dependencies` schemas): data holding the property must meet the reader's dependent schema
 * for it, when the writer's data holding it meets the writer's schema and the writer's own dependent schema for it.
 * As Confluent judges it: one removed is allowed, one added or changed must accept what the writer allows.
 */
export function compareDependentSchemas(pass: Pass, writer: SchemaView, reader: SchemaView, path: string): void {
  const { roles } = pass;
  for (const [property, nodes] of reader.dependentSchemas) {
    const required = roles.reader.of(nodes);
    if (isUnconstrained(required)) continue;
    const own = writer.dependentSchemas.get(property);
    const written = own ? mergeViews(writer, roles.writer.of(own)) : writer;
    if (pass.trial(written, required, path).length === 0) continue;
    const detail = own
      ? `${readerSide(roles)}'s dependent schema for it refuses data that ${writerSide(roles)} accepts with it`
      : `${readerSide(roles)} adds a dependent schema for it, which data that ${writerSide(roles)} accepts with it may not meet`;
    const [readerNode] = nodes;
    const [writerNode] = own ?? [];
    pass.report('jsonschema-dependent-schema-changed', joinPath(path, property), detail, {
      writer: { node: writerNode ?? writer.home },
      reader: { node: readerNode ?? reader.home },
    });
  }
}
