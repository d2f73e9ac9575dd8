import ts from 'typescript';
import type { PropertyShape, ScalarType, Shape } from './shapes.js';

/** A schema's value: its shape, and what `.optional()`, `.nullable()` and `.default()` said of it. */
export interface ZodValue {
  shape: Shape;
  optional: boolean;
  nullable: boolean;
  default?: string;
}

export const UNKNOWN: Shape = { kind: 'scalar', type: 'unknown' };
export const value = (shape: Shape): ZodValue => ({ shape, optional: false, nullable: false });
export const scalar = (type: ScalarType): ZodValue => value({ kind: 'scalar', type });

/** zod's functions that make a scalar schema, by the type of what they accept. */
export const SCALARS: Record<string, ScalarType> = {
  ...Object.fromEntries(
    ['string', 'email', 'url', 'uuid', 'uuidv4', 'uuidv6', 'uuidv7', 'guid', 'cuid', 'cuid2', 'ulid', 'nanoid', 'emoji', 'base64', 'base64url', 'ipv4', 'ipv6', 'cidrv4', 'cidrv6', 'e164', 'jwt', 'hostname', 'xid', 'ksuid'].map(
      (name) => [name, 'string' as const],
    ),
  ),
  number: 'number',
  float32: 'number',
  float64: 'number',
  nan: 'number',
  int: 'integer',
  int32: 'integer',
  uint32: 'integer',
  bigint: 'bigint',
  int64: 'bigint',
  uint64: 'bigint',
  boolean: 'boolean',
  date: 'timestamp',
  null: 'null',
  unknown: 'unknown',
  never: 'never',
  symbol: 'symbol',
};

/** Methods that check or describe a value without changing what it is. */
export const KEEPING = new Set(
  'min max length gt gte lt lte positive negative nonnegative nonpositive finite safe multipleOf step nonempty email url uuid cuid cuid2 ulid nanoid emoji base64 base64url regex includes startsWith endsWith trim toLowerCase toUpperCase normalize datetime date time duration ip cidr jwt refine superRefine check describe meta brand readonly strict strip catch size'.split(' '),
);
export const TRANSFORMING = new Set(['transform', 'pipe', 'overwrite', 'preprocess']);
export const OPENING = new Set(['passthrough', 'catchall', 'loose']);

export function skipOuter(expression: ts.Expression): ts.Expression {
  let node = expression;
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
  return node;
}

export function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

/** `{ a: true, b: true }`: the names a `.pick`, `.omit`, `.partial` or `.required` mask lists. */
export function maskOf(argument: ts.Expression | undefined): Set<string> {
  const node = argument && skipOuter(argument);
  if (!node || !ts.isObjectLiteralExpression(node)) return new Set();
  return new Set(node.properties.flatMap((property) => (property.name ? (propertyName(property.name) ?? []) : [])));
}

/** `properties` with `added` put in, each replacing the one of its name. */
export function withProperties(properties: readonly PropertyShape[], added: readonly PropertyShape[]): PropertyShape[] {
  const names = new Set(added.map((property) => property.name));
  return [...properties.filter((property) => !names.has(property.name)), ...added];
}

/**
 * A union of schemas: literal members of one primitive become one enum, a `null` or `undefined` member makes the
 * whole nullable or optional.
 */
export function unionOf(members: readonly ZodValue[]): ZodValue {
  const shapes: Shape[] = [];
  const values = new Map<ScalarType, string[]>();
  let optional = false;
  let nullable = false;
  for (const member of members) {
    optional ||= member.optional;
    nullable ||= member.nullable;
    const { shape } = member;
    if (shape.kind === 'scalar' && shape.type === 'null') nullable = true;
    else if (shape.kind === 'scalar' && shape.type === 'undefined') optional = true;
    else if (shape.kind === 'scalar' && shape.values) values.set(shape.type, [...(values.get(shape.type) ?? []), ...shape.values]);
    else shapes.push(shape);
  }
  for (const [type, listed] of values) shapes.push({ kind: 'scalar', type, values: listed });
  const shape: Shape = shapes.length === 1 ? shapes[0]! : shapes.length === 0 ? { kind: 'scalar', type: 'never' } : { kind: 'union', members: shapes };
  return { shape, optional, nullable };
}
