import type { ProtobufSchema, ProtoField } from './model.js';

/** A field's default as buf compares it: text for strings and bytes, a number for everything else. */
export interface FieldDefault {
  value: string | number;
  printable: string;
}

/**
 * The value a reader sees for an unset field that can have a default: the declared `[default = ...]`, else the
 * type's zero (the first value, for an enum). Undefined for fields no default applies to (repeated, maps, messages).
 */
export function fieldDefault(field: ProtoField, schema: ProtobufSchema): FieldDefault | undefined {
  const { value, declaredDefault } = field;
  if (field.cardinality === 'repeated' || field.cardinality === 'map') return undefined;
  switch (value.kind) {
    case 'message':
    case 'group':
      return undefined;
    case 'string':
    case 'bytes':
      return { value: declaredDefault ?? '', printable: JSON.stringify(declaredDefault ?? '') };
    case 'bool':
      return { value: declaredDefault === 'true' ? 1 : 0, printable: declaredDefault ?? 'false' };
    case 'enum': {
      const values = schema.enums.get(value.typeName)?.values ?? [];
      const chosen = values.find((candidate) => candidate.name === declaredDefault) ?? values[0];
      return chosen ? { value: chosen.number, printable: chosen.name } : undefined;
    }
    default:
      return { value: Number(declaredDefault ?? 0), printable: declaredDefault ?? '0' };
  }
}

/** Equal defaults, leniently across types as buf is (a type change has rules of its own); an unset pair never differs. */
export function sameDefault(before: FieldDefault, after: FieldDefault): boolean {
  if (isZero(before) && isZero(after)) return true;
  if (typeof before.value === 'string' || typeof after.value === 'string') return before.value === after.value;
  return before.value === after.value || (Number.isNaN(before.value) && Number.isNaN(after.value));
}

function isZero(value: FieldDefault): boolean {
  return value.value === '' || value.value === 0;
}
