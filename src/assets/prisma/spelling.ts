/**
 * A Prisma field type as this reader spells it: the scalar (or enum) type, `[]` for a list, and the native database
 * type where one is given, as the schema writes them: `String`, `Int[]`, `String @db.VarChar(64)`,
 * `Decimal @db.Decimal(12,2)`. A contract may leave the scalar out (`@db.VarChar(64)`) or write the `?` of an
 * optional field, which says nothing of the type.
 */
export interface PrismaType {
  /** A scalar type, an enum's name; undefined when a contract names only the native type. */
  scalar?: string;
  list: boolean;
  native?: NativeType;
}

export interface NativeType {
  name: string;
  args: string[];
}

export const SCALAR_TYPES = ['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes'] as const;
export type ScalarType = (typeof SCALAR_TYPES)[number];

export function isScalarType(name: string | undefined): name is ScalarType {
  return (SCALAR_TYPES as readonly (string | undefined)[]).includes(name);
}

const SPELLING = /^([\p{L}_][\p{L}\p{N}_]*)?\s*(\[\s*\])?\s*\??\s*(?:@db\.([A-Za-z_]\w*)\s*(?:\(([^()]*)\))?)?$/u;

/** The type a spelling names, or undefined for one that is no Prisma type. */
export function parseType(spelling: string): PrismaType | undefined {
  const match = SPELLING.exec(spelling.trim());
  if (!match) return undefined;
  const [, scalar, list, nativeName, nativeArgs] = match;
  if (!scalar && !nativeName) return undefined;
  return {
    ...(scalar ? { scalar } : {}),
    list: list !== undefined,
    ...(nativeName ? { native: nativeType(nativeName, nativeArgs === undefined ? [] : nativeArgs.split(',')) } : {}),
  };
}

/**
 * A native type with its arguments as every connector reads them: `Max` in any case (SQL Server), numbers without
 * leading zeros, and a decimal's scale, which defaults to 0.
 */
export function nativeType(name: string, args: readonly string[]): NativeType {
  const canonical = args
    .map((arg) => arg.trim())
    .filter((arg) => arg !== '')
    .map((arg) => (/^max$/i.test(arg) ? 'Max' : /^\d+$/.test(arg) ? String(Number(arg)) : arg));
  return { name, args: name === 'Decimal' && canonical.length === 1 ? [...canonical, '0'] : canonical };
}

export function formatType(type: PrismaType): string {
  const base = `${type.scalar ?? ''}${type.list ? '[]' : ''}`;
  if (!type.native) return base;
  const { name, args } = type.native;
  const native = `@db.${name}${args.length > 0 ? `(${args.join(',')})` : ''}`;
  return base ? `${base} ${native}` : native;
}
