import { ASSET_TYPES, type AssetType } from '../contracts/schema.js';
import type { FamilyOf, TypeFamily } from '../core/type-families.js';
import type { LogicalType } from './document.js';

/**
 * The logical type of each portable contract type that has one. `uuid` is text; `json` may hold any value and
 * `bytes` none of the standard's types, so they have none.
 */
const LOGICAL_TYPE_OF_PORTABLE: ReadonlyMap<string, LogicalType> = new Map([
  ['string', 'string'],
  ['uuid', 'string'],
  ['integer', 'integer'],
  ['number', 'number'],
  ['decimal', 'number'],
  ['boolean', 'boolean'],
  ['date', 'date'],
  ['time', 'time'],
  ['timestamp', 'timestamp'],
  ['object', 'object'],
  ['array', 'array'],
]);

/**
 * The logical type of each type family that maps to exactly one. Date and time does not: its types are dates, times
 * or timestamps, which the family does not tell apart.
 */
const LOGICAL_TYPE_OF_FAMILY: Partial<Record<TypeFamily, LogicalType>> = {
  text: 'string',
  uuid: 'string',
  integer: 'integer',
  decimal: 'number',
  boolean: 'boolean',
};

/**
 * A contract type's logical type: the portable type's own, or, for an asset's own spelling (`bigint`,
 * `numeric(12,2)`), its family's by the asset type's reader (`familyOf`). Undefined where neither says.
 */
export function logicalTypeOf(type: string, familyOf?: FamilyOf): LogicalType | undefined {
  const portable = LOGICAL_TYPE_OF_PORTABLE.get(type.trim().toLowerCase());
  if (portable || !familyOf) return portable;
  const family = familyOf(type);
  return family === undefined ? undefined : LOGICAL_TYPE_OF_FAMILY[family];
}

/** What kind of thing the asset is, in the words of the standard's `physicalType` examples where they fit. */
const OBJECT_KINDS: Record<AssetType, string> = {
  postgres: 'table',
  mysql: 'table',
  sqlite: 'table',
  prisma: 'table',
  dbt: 'model',
  avro: 'record',
  protobuf: 'message',
  jsonschema: 'schema',
  typescript: 'type',
};

/** The schema object's physical type for an asset of this type; a TypeScript asset read from calls is an event. */
export function objectPhysicalType(type: AssetType, emitted: boolean): string {
  return type === 'typescript' && emitted ? 'event' : OBJECT_KINDS[type];
}

export function isAssetType(value: unknown): value is AssetType {
  return (ASSET_TYPES as readonly unknown[]).includes(value);
}
