import { nativeType, type NativeType, type ScalarType } from './spelling.js';

/**
 * The column type each connector gives a scalar without a native type, as Prisma's connectors list them
 * (`SCALAR_TYPE_DEFAULTS` in prisma-engines' psl-core). A field that names its connector's default, such as
 * `String @db.Text` on PostgreSQL, makes the same column as plain `String`, and is read as plain `String`.
 */
const CONNECTOR_DEFAULTS: Record<string, Partial<Record<ScalarType, [string, ...string[]]>>> = {
  postgresql: {
    Int: ['Integer'],
    BigInt: ['BigInt'],
    Float: ['DoublePrecision'],
    Decimal: ['Decimal', '65', '30'],
    Boolean: ['Boolean'],
    String: ['Text'],
    DateTime: ['Timestamp', '3'],
    Bytes: ['ByteA'],
    Json: ['JsonB'],
  },
  cockroachdb: {
    Int: ['Int4'],
    BigInt: ['Int8'],
    Float: ['Float8'],
    Decimal: ['Decimal', '65', '30'],
    Boolean: ['Bool'],
    String: ['String'],
    DateTime: ['Timestamp', '3'],
    Bytes: ['Bytes'],
    Json: ['JsonB'],
  },
  mysql: {
    Int: ['Int'],
    BigInt: ['BigInt'],
    Float: ['Double'],
    Decimal: ['Decimal', '65', '30'],
    Boolean: ['TinyInt'],
    String: ['VarChar', '191'],
    DateTime: ['DateTime', '3'],
    Bytes: ['LongBlob'],
    Json: ['Json'],
  },
  sqlserver: {
    Int: ['Int'],
    BigInt: ['BigInt'],
    Float: ['Float', '53'],
    Decimal: ['Decimal', '32', '16'],
    Boolean: ['Bit'],
    String: ['NVarChar', '1000'],
    DateTime: ['DateTime2'],
    Bytes: ['VarBinary', 'Max'],
    Json: ['NVarChar', '1000'],
  },
};

export function isConnectorDefault(provider: string | undefined, scalar: ScalarType, native: NativeType): boolean {
  const spelled = provider === undefined ? undefined : CONNECTOR_DEFAULTS[provider]?.[scalar];
  if (!spelled) return false;
  const [name, ...args] = spelled;
  const canonical = nativeType(name, args);
  return canonical.name === native.name && canonical.args.join(',') === native.args.join(',');
}
