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
