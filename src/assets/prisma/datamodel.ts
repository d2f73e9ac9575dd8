/**
 * The part of Prisma's DMMF datamodel (`get_datamodel`, the `datamodel` of `get_dmmf`) this reader uses, as the
 * engine emits it. Relation fields and composite-type fields are `object` fields; fields of type `Unsupported(...)`
 * are not listed at all.
 */
export interface DmmfDatamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  /** Composite types (MongoDB's embedded documents). */
  types: DmmfModel[];
}

export interface DmmfModel {
  name: string;
  /** The table (or collection) name given by `@@map`. */
  dbName: string | null;
  /** The database schema given by `@@schema`. */
  schema?: string | null;
  fields: DmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
  uniqueFields: string[][];
}

export interface DmmfField {
  name: string;
  /** The column name given by `@map`. */
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  isList: boolean;
  isRequired: boolean;
  isUnique: boolean;
  isId: boolean;
  hasDefaultValue: boolean;
  /** A scalar type (`String`, `Int`, ...), an enum's name, or a model's or composite type's name. */
  type: string;
  /** `@db.VarChar(64)` is `["VarChar", ["64"]]`. */
  nativeType?: [string, string[]] | null;
  default?: DmmfDefault;
  relationName?: string;
}

export type DmmfDefault = DmmfValue | { name: string; args: DmmfValue[] };
export type DmmfValue = string | number | boolean | null | DmmfValue[];

export interface DmmfEnum {
  name: string;
  dbName: string | null;
  values: { name: string; dbName: string | null }[];
}
