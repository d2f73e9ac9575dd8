import type { FieldSchema, SourceLocation } from '../model.js';
import { indexBlocks, type Block } from './blocks.js';
import type { DmmfDatamodel, DmmfEnum, DmmfField, DmmfModel } from './datamodel.js';
import { defaultText } from './defaults.js';
import type { SchemaFiles } from './engine-protocol.js';
import { isConnectorDefault } from './native-defaults.js';
import { formatType, isScalarType, nativeType, type PrismaType } from './spelling.js';

/** One column a model gives its table, by the path the schema names it by and as the review sees it. */
export interface ReadField {
  /** The field's name in the schema; `address.street` for a field of a composite type. */
  path: string;
  /** Named by its column (`@map`), as consumers of the table read it. */
  schema: FieldSchema;
  /** For an enum field, where its enum is defined: a change of its values happens there, not at the field. */
  enumValues?: { at: SourceLocation; lines: Map<string, SourceLocation> };
}

/** A model (or view) and the table it makes. */
export interface ReadModel {
  name: string;
  /** The table consumers read: `@@map`'s name or the model's, after `@@schema`'s schema where one is given. */
  table: string;
  block: Block | undefined;
  fields: ReadField[];
}

/** Prisma refuses composite types that contain themselves; this bounds the walk all the same. */
const MAX_COMPOSITE_DEPTH = 16;

/** The models of a datamodel, each with its columns and where the schema defines them. */
export function readModels(datamodel: DmmfDatamodel, provider: string | undefined, files: SchemaFiles): ReadModel[] {
  const blocks = indexBlocks(files);
  const reader = new ModelReader(datamodel, provider, blocks);
  return datamodel.models.map((model) => ({
    name: model.name,
    table: model.schema ? `${model.schema}.${model.dbName ?? model.name}` : (model.dbName ?? model.name),
    block: blocks.get(model.name),
    fields: reader.columnsOf(model),
  }));
}

class ModelReader {
  private readonly enums: Map<string, DmmfEnum>;
  private readonly composites: Map<string, DmmfModel>;

  constructor(
    datamodel: DmmfDatamodel,
    private readonly provider: string | undefined,
    private readonly blocks: Map<string, Block>,
  ) {
    this.enums = new Map(datamodel.enums.map((found) => [found.name, found]));
    this.composites = new Map(datamodel.types.map((found) => [found.name, found]));
  }

  columnsOf(model: DmmfModel): ReadField[] {
    const primary = new Set(model.primaryKey?.fields ?? []);
    const unique = new Set(model.uniqueFields.filter((fields) => fields.length === 1).map(([only]) => only));
    return this.fieldsOf(model, { path: '', column: '', nullable: false, depth: 0 }).map((read) => {
      if (read.path.includes('.')) return read;
      const field = model.fields.find((candidate) => candidate.name === read.path)!;
      read.schema.primaryKey = field.isId || primary.has(field.name);
      read.schema.unique = field.isUnique || unique.has(field.name);
      return read;
    });
  }

  /**
   * The columns of a model or composite type. A relation field is no column (its scalar foreign key is); a composite
   * field is a column per field of its type, `address.street`, optional when the composite is.
   */
  private fieldsOf(owner: DmmfModel, within: { path: string; column: string; nullable: boolean; depth: number }): ReadField[] {
    const block = this.blocks.get(owner.name);
    return owner.fields.flatMap((field): ReadField[] => {
      const path = `${within.path}${field.name}`;
      const column = `${within.column}${field.dbName ?? field.name}`;
      const nullable = within.nullable || !field.isRequired;
      if (field.kind === 'object') {
        const composite = field.relationName === undefined ? this.composites.get(field.type) : undefined;
        if (!composite || within.depth >= MAX_COMPOSITE_DEPTH) return [];
        return this.fieldsOf(composite, { path: `${path}.`, column: `${column}.`, nullable, depth: within.depth + 1 });
      }
      const line = block?.fields.get(field.name);
      const schema: FieldSchema = {
        name: column,
        type: this.typeOf(field),
        nullable,
        primaryKey: false,
        unique: false,
        ...(block && line !== undefined ? { origin: { file: block.file, line } } : {}),
      };
      const enumType = field.kind === 'enum' ? this.enums.get(field.type) : undefined;
      const fallback = defaultText(field, (value) => enumType?.values.find((candidate) => candidate.name === value)?.dbName ?? value);
      if (fallback !== undefined) schema.default = fallback;
      if (!enumType) return [{ path, schema }];
      schema.allowedValues = enumType.values.map((value) => value.dbName ?? value.name);
      schema.allowedValuesFrom = 'enum';
      const enumBlock = this.blocks.get(enumType.name);
      if (!enumBlock) return [{ path, schema }];
      const lines = new Map<string, SourceLocation>();
      for (const value of enumType.values) {
        const valueLine = enumBlock.fields.get(value.name);
        if (valueLine !== undefined) lines.set(value.dbName ?? value.name, { file: enumBlock.file, line: valueLine });
      }
      return [{ path, schema, enumValues: { at: { file: enumBlock.file, line: enumBlock.line }, lines } }];
    });
  }

  /** An enum's database name; a scalar with its native type, unless that is the connector's default. */
  private typeOf(field: DmmfField): string {
    if (field.kind === 'enum') {
      const found = this.enums.get(field.type);
      return formatType({ scalar: found?.dbName ?? field.type, list: field.isList });
    }
    const type: PrismaType = { scalar: field.type, list: field.isList };
    if (field.nativeType) {
      const native = nativeType(field.nativeType[0], field.nativeType[1]);
      if (!isScalarType(field.type) || !isConnectorDefault(this.provider, field.type, native)) type.native = native;
    }
    return formatType(type);
  }
}
