import type { JsonDocument, JsonPath } from '../json-document.js';
import type { SourceLocation } from '../model.js';
import { MAX_RECORD_DEPTH, SchemaPastBounds } from './limits.js';
import { logicalTypeOf } from './logical-types.js';
import type { AvroEnum, AvroField, AvroFixed, AvroNamed, AvroRecord, AvroType } from './model.js';
import { definedName, namespaceOf, qualify } from './names.js';
import { isPrimitive } from './primitives.js';
import { isJsonObject, type Definition, type JsonObject, type SchemaIndex } from './schema-index.js';

/** Where a schema is written: its file, its path in the file, and the namespace in force there. */
interface Site {
  document: JsonDocument;
  path: JsonPath;
  namespace: string | undefined;
}

/**
 * Resolves a record (already validated by avsc, with every name it uses defined once) into the model: each named
 * type is built once, so a recursive type becomes a cycle instead of an endless tree. Throws `SchemaPastBounds` for
 * records nested deeper than the review reads.
 */
export function buildRecord(root: Definition, index: SchemaIndex): AvroRecord {
  return new ModelBuilder(index).record(root);
}

class ModelBuilder {
  private readonly named = new Map<string, AvroNamed>();
  /** How many records are being built inside one another. */
  private depth = 0;

  constructor(private readonly index: SchemaIndex) {}

  record(definition: Definition): AvroRecord {
    const built = this.definition(definition.json, siteOf(definition));
    if (built.kind !== 'record') throw new Error(`${definition.fullName} is a ${built.kind}, not a record`);
    return built;
  }

  private type(schema: unknown, site: Site): AvroType {
    if (typeof schema === 'string') return this.reference(schema, site);
    if (Array.isArray(schema)) {
      const branches = schema.map((branch, index) => this.type(branch, { ...site, path: [...site.path, index] }));
      return { kind: 'union', branches };
    }
    const object = schema as JsonObject & { type: string };
    const { type } = object;
    if (type === 'array') return { kind: 'array', items: this.type(object.items, { ...site, path: [...site.path, 'items'] }) };
    if (type === 'map') return { kind: 'map', values: this.type(object.values, { ...site, path: [...site.path, 'values'] }) };
    if (isPrimitive(type)) {
      const logical = logicalTypeOf(object, { primitive: type });
      return { kind: 'primitive', primitive: type, ...(logical ? { logical } : {}) };
    }
    return this.definition(schema as Definition['json'], site);
  }

  private reference(name: string, site: Site): AvroType {
    if (isPrimitive(name)) return { kind: 'primitive', primitive: name };
    const fullName = qualify(name, site.namespace);
    const built = this.named.get(fullName);
    if (built) return built;
    const [definition] = this.index.definitions.get(fullName) ?? [];
    if (!definition) throw new Error(`${fullName} is used but not defined: the schemas were not validated`);
    return this.definition(definition.json, siteOf(definition));
  }

  private definition(json: Definition['json'], site: Site): AvroNamed {
    const fullName = definedName(json, site.namespace);
    const existing = this.named.get(fullName);
    if (existing) return existing;
    const inner = namespaceOf(fullName);
    const common = {
      fullName,
      aliases: stringsOf(json.aliases).map((alias) => qualify(alias, inner)),
      location: locationOf(site.document, [...site.path, 'name']),
    };
    if (json.type === 'record' || json.type === 'error') {
      return this.recordFields(json, site, { kind: 'record', ...common, fields: [] });
    }
    const named = json.type === 'enum' ? enumOf(json, common) : fixedOf(json, common);
    this.named.set(fullName, named);
    return named;
  }

  private recordFields(json: JsonObject, site: Site, record: AvroRecord): AvroRecord {
    // Registered before its fields are built, so a field that refers back to the record finds it.
    this.named.set(record.fullName, record);
    if (this.depth >= MAX_RECORD_DEPTH) {
      throw new SchemaPastBounds(record.location, `${record.fullName} is nested in more than ${MAX_RECORD_DEPTH} records; the review reads records up to that depth`);
    }
    const fields = (json.fields as unknown[]).filter(isJsonObject);
    const inner = { ...site, namespace: namespaceOf(record.fullName) };
    this.depth += 1;
    try {
      record.fields = fields.map((field, index) => this.field(field, { ...inner, path: [...site.path, 'fields', index] }));
    } finally {
      this.depth -= 1;
    }
    return record;
  }

  private field(json: JsonObject, site: Site): AvroField {
    const field: AvroField = {
      name: json.name as string,
      aliases: stringsOf(json.aliases),
      type: this.type(json.type, { ...site, path: [...site.path, 'type'] }),
      location: locationOf(site.document, [...site.path, 'name']),
    };
    return json.default === undefined ? field : { ...field, default: json.default };
  }
}

function siteOf(definition: Definition): Site {
  return { document: definition.unit.document, path: definition.path, namespace: definition.enclosingNamespace };
}

function enumOf(json: JsonObject, common: Omit<AvroEnum, 'kind' | 'symbols'>): AvroEnum {
  const enumType: AvroEnum = { kind: 'enum', ...common, symbols: stringsOf(json.symbols) };
  return typeof json.default === 'string' ? { ...enumType, default: json.default } : enumType;
}

function fixedOf(json: JsonObject, common: Omit<AvroFixed, 'kind' | 'size'>): AvroFixed {
  const size = json.size as number;
  const logical = logicalTypeOf(json, { fixedSize: size });
  return { kind: 'fixed', ...common, size, ...(logical ? { logical } : {}) };
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function locationOf(document: JsonDocument, path: JsonPath): SourceLocation {
  return { file: document.file, line: document.lineOf(path) ?? 1 };
}
