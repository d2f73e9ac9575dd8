import type { AssetSchema, FieldSchema } from '../assets/model.js';

/** A contract field as `dcr init` writes it: `required` always said, keys and values only where the asset has them. */
export interface ProposedField {
  name: string;
  type: string;
  required: boolean;
  primaryKey?: true;
  unique?: true;
  enum?: string[];
}

/**
 * The values a contract can list for a field: an enum type's or a CHECK constraint's. A Protobuf oneof's members
 * are fields of their own, each in the contract already, so they are not listed again as its values.
 */
function listedValues(field: FieldSchema): string[] | undefined {
  return field.allowedValuesFrom === 'oneof' ? undefined : field.allowedValues;
}

/**
 * Every field of the asset as it stands, in its order and with its own type spelling: what the asset guarantees
 * today, which the contract then keeps. Nested fields are already dotted paths in the asset model, as in contracts.
 */
export function proposedFields(schema: AssetSchema): ProposedField[] {
  return schema.fields.map((field) => {
    const values = listedValues(field);
    return {
      name: field.name,
      type: field.type,
      required: !field.nullable,
      ...(field.primaryKey ? { primaryKey: true as const } : {}),
      ...(field.unique ? { unique: true as const } : {}),
      ...(values && values.length > 0 ? { enum: values } : {}),
    };
  });
}
