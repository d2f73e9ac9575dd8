import { EVENT_ASSET_TYPES } from '../contracts/schema.js';
import type { AssetReader, AssetRequest } from './reader.js';
import type { EventAssetRequest, EventSchemaExtractor } from './events/extractor.js';
import type { SchemaFormatType } from './events/format.js';

/** Avro records, Protobuf messages and JSON Schemas, read from their files and checked as registries check them. */
export function eventsReader(extractor: EventSchemaExtractor): AssetReader {
  return {
    assetTypes: EVENT_ASSET_TYPES,
    typesOf: (type) => extractor.typesOf(type as SchemaFormatType),
    async compare(requests, change, settings) {
      const compared = await extractor.compare(requests.map(eventRequest), change, settings.schemas);
      return new Map(
        [...compared].map(([key, { comparison, compatibility, registry }]) => [
          key,
          { comparison, guarantees: { ...(compatibility ? { compatibility } : {}), ...(registry ? { registry } : {}) } },
        ]),
      );
    },
    /**
     * Avro: every record a file defines at its root, by its full name. Protobuf: every top-level message, by its full
     * name. JSON Schema: every file's root schema, by its `$id`, else its path. Each is read as a contract naming it
     * reads it; what each format leaves out is said at its `list`. A file that cannot be read, or an asset that
     * cannot be built, is an error, and the rest is still listed.
     */
    list: (type, source, snapshot, settings) => extractor.list(type as SchemaFormatType, [...source], snapshot, settings.schemas),
  };
}

function eventRequest({ key, asset }: AssetRequest): EventAssetRequest {
  return {
    key,
    type: asset.type as SchemaFormatType,
    name: asset.name,
    source: asset.source,
    ...(asset.compatibility ? { compatibility: asset.compatibility } : {}),
    options: { ...(asset.level ? { level: asset.level } : {}), ...(asset.policy ? { policy: asset.policy } : {}) },
    ...(asset.registry ? { registrySubject: asset.registry.subject } : {}),
  };
}
