import type { LogicalType } from './model.js';
import type { AvroPrimitive } from './primitives.js';

/** What a logical type annotates: a primitive, or a fixed of some size. */
type Underlying = { primitive: AvroPrimitive } | { fixedSize: number };

type SimpleLogicalName = Exclude<LogicalType, { name: 'decimal' }>['name'];

/** The specification's logical types other than decimal, each with the underlying types it may annotate. */
const SIMPLE_LOGICAL_TYPES: Record<SimpleLogicalName, (underlying: Underlying) => boolean> = {
  uuid: (u) => isPrimitive(u, 'string') || isFixed(u, 16),
  date: (u) => isPrimitive(u, 'int'),
  'time-millis': (u) => isPrimitive(u, 'int'),
  'time-micros': (u) => isPrimitive(u, 'long'),
  'timestamp-millis': (u) => isPrimitive(u, 'long'),
  'timestamp-micros': (u) => isPrimitive(u, 'long'),
  'timestamp-nanos': (u) => isPrimitive(u, 'long'),
  'local-timestamp-millis': (u) => isPrimitive(u, 'long'),
  'local-timestamp-micros': (u) => isPrimitive(u, 'long'),
  'local-timestamp-nanos': (u) => isPrimitive(u, 'long'),
  duration: (u) => isFixed(u, 12),
};

export const LOGICAL_TYPE_NAMES: readonly string[] = ['decimal', ...Object.keys(SIMPLE_LOGICAL_TYPES)];

function isPrimitive(underlying: Underlying, primitive: AvroPrimitive): boolean {
  return 'primitive' in underlying && underlying.primitive === primitive;
}

function isFixed(underlying: Underlying, size: number): boolean {
  return 'fixedSize' in underlying && underlying.fixedSize === size;
}

function isSimpleLogicalName(name: string): name is SimpleLogicalName {
  return name in SIMPLE_LOGICAL_TYPES;
}

/**
 * The logical type a schema object declares, or undefined. The specification makes an unknown or invalid logical
 * type (a decimal whose scale exceeds its precision, a date on a string) fall back to its underlying type, so those
 * read as undefined rather than as errors.
 */
export function logicalTypeOf(schema: Record<string, unknown>, underlying: Underlying): LogicalType | undefined {
  const name = schema.logicalType;
  if (name === 'decimal') return decimalOf(schema, underlying);
  if (typeof name !== 'string' || !isSimpleLogicalName(name)) return undefined;
  return SIMPLE_LOGICAL_TYPES[name](underlying) ? { name } : undefined;
}

function decimalOf(schema: Record<string, unknown>, underlying: Underlying): LogicalType | undefined {
  const { precision, scale = 0 } = schema;
  if (!Number.isInteger(precision) || !Number.isInteger(scale)) return undefined;
  const [digits, places] = [precision as number, scale as number];
  if (digits <= 0 || places < 0 || places > digits) return undefined;
  if ('fixedSize' in underlying && digits > maxFixedPrecision(underlying.fixedSize)) return undefined;
  if ('primitive' in underlying && underlying.primitive !== 'bytes') return undefined;
  return { name: 'decimal', precision: digits, scale: places };
}

/** The most decimal digits a signed two's-complement number of `size` bytes holds: floor(log10(2^(8n-1) - 1)). */
function maxFixedPrecision(size: number): number {
  return Math.floor((8 * size - 1) * Math.log10(2));
}
