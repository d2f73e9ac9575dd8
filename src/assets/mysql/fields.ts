import type { AssetSchema, FieldSchema } from '../model.js';
import { sameColumn, type TableSnapshot } from './snapshot.js';
import { mysqlType } from './type-spelling.js';

/**
 * The table as the review judges it. A column is unique when a unique index covers it alone, or when it is the whole
 * primary key; an ENUM's members are its allowed values.
 */
export function schemaOf(table: TableSnapshot): AssetSchema {
  const primary = table.keys.find((key) => key.primary);
  const inKey = (columns: string[] | undefined, name: string) => columns?.some((column) => sameColumn(column, name)) ?? false;
  const uniqueAlone = table.keys.filter((key) => !key.primary && key.columns.length === 1).flatMap((key) => key.columns);
  const fields = table.columns.map((column): FieldSchema => {
    const type = mysqlType(column.type);
    const primaryKey = inKey(primary?.columns, column.name);
    const field: FieldSchema = {
      name: column.name,
      type: type.spelling,
      nullable: column.nullable,
      primaryKey,
      unique: inKey(uniqueAlone, column.name) || (primaryKey && primary?.columns.length === 1),
    };
    if (column.default !== undefined) field.default = column.default;
    if (type.name === 'enum') {
      field.allowedValues = type.values;
      field.allowedValuesFrom = 'enum';
    }
    return field;
  });
  return { name: table.name, kind: table.kind, fields };
}
