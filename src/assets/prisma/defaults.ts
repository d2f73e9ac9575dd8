import type { DmmfField } from './datamodel.js';

/** Scalars whose values the schema writes as quoted strings. */
const QUOTED = new Set(['String', 'DateTime', 'Json', 'Bytes']);

/**
 * A field's `@default(...)` as the schema would write it, canonical so that equal defaults read equal: `42`,
 * `"draft"`, `now()`, `autoincrement()`, `dbgenerated("gen_random_uuid()")`, `["a", "b"]`. An enum value is its
 * database name (`@map`), which is what a consumer of the column sees.
 */
export function defaultText(field: DmmfField, enumValue: (name: string) => string): string | undefined {
  if (!field.hasDefaultValue || field.default === undefined) return undefined;
  return render(field.default, field, enumValue);
}

function render(value: unknown, field: DmmfField, enumValue: (name: string) => string): string {
  if (Array.isArray(value)) return `[${value.map((item) => render(item, field, enumValue)).join(', ')}]`;
  if (value !== null && typeof value === 'object' && 'name' in value && typeof value.name === 'string') {
    const args = 'args' in value && Array.isArray(value.args) ? value.args : [];
    return `${value.name}(${args.map((arg) => (typeof arg === 'string' ? JSON.stringify(arg) : render(arg, field, enumValue))).join(', ')})`;
  }
  if (typeof value === 'string') {
    if (field.kind === 'enum') return enumValue(value);
    return QUOTED.has(field.type) ? JSON.stringify(value) : value;
  }
  return JSON.stringify(value) ?? String(value);
}
