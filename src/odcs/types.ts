import { ASSET_TYPES, type AssetType } from '../contracts/schema.js';
import type { LogicalType } from './document.js';

/**
 * The logical type of each portable contract type that has one. `uuid` is text; `json` may hold any value and
 * `bytes` none of the standard's types, so they have none. An asset's own spelling (`bigint`, `varchar(64)`) gets
 * none either: only the asset's reader knows its family, and the physical type carries it whole.
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

export function logicalTypeOf(type: string): LogicalType | undefined {
  return LOGICAL_TYPE_OF_PORTABLE.get(type.trim().toLowerCase());
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
