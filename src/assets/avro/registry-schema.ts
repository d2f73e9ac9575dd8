import { definedName, namespaceOf, qualify } from './names.js';
import { isPrimitive } from './primitives.js';
import { isJsonObject, type Definition, type SchemaIndex } from './schema-index.js';

/**
 * The record as one standalone schema: each named type it uses is inlined where it is first used, and every name is
 * written in full, since an inlined definition lands under another namespace than the file it came from. Built from
 * the files' own JSON rather than avsc's `Type.schema()`, which drops the logical types (`decimal`, `timestamp-millis`)
 * avsc was not given classes for: a registry would then compare other schemas than the repository's.
 */
export function registryJson(root: Definition, index: SchemaIndex): string {
  const inlined = new Set<string>();
  const inline = (schema: unknown, namespace: string | undefined): unknown => {
    if (typeof schema === 'string') {
      const fullName = isPrimitive(schema) ? schema : qualify(schema, namespace);
      const [definition] = index.definitions.get(fullName) ?? [];
      if (!definition || inlined.has(fullName)) return fullName;
      return inline(definition.json, definition.enclosingNamespace);
    }
    if (Array.isArray(schema)) return schema.map((branch) => inline(branch, namespace));
    if (!isJsonObject(schema)) return schema;
    if (schema.type === 'array') return { ...schema, items: inline(schema.items, namespace) };
    if (schema.type === 'map') return { ...schema, values: inline(schema.values, namespace) };
    if (typeof schema.name !== 'string') return schema;
    const { namespace: _written, ...definition } = schema;
    const fullName = definedName({ name: schema.name, namespace: schema.namespace }, namespace);
    inlined.add(fullName);
    const inner = namespaceOf(fullName);
    return {
      ...definition,
      name: fullName,
      // A name without a namespace must say so, or it would take the namespace of the record it is inlined in.
      ...(inner === undefined ? { namespace: '' } : {}),
      ...(Array.isArray(schema.aliases) ? { aliases: schema.aliases.map((alias: string) => qualify(alias, inner)) } : {}),
      ...(Array.isArray(schema.fields) ? { fields: schema.fields.map((field: unknown) => inlineField(field, inner)) } : {}),
    };
  };
  const inlineField = (field: unknown, namespace: string | undefined) =>
    isJsonObject(field) ? { ...field, type: inline(field.type, namespace) } : field;
  return JSON.stringify(inline(root.json, root.enclosingNamespace));
}
