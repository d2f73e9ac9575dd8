import { ASSET_TYPES } from '../contracts/schema.js';
import { ASSET_KEYS, ASSET_PREFIX, assetProperty, FIELD_ORDER, SCHEMA_OBJECT_PROPERTIES } from './custom-properties.js';
import type { DocumentPath, Notes } from './notes.js';
import { SCHEMA_OBJECT_POLICY } from './policy.js';
import { readCustomProperties } from './read-custom.js';
import { type FieldDraft, readFields } from './read-fields.js';
import { type OdcsSchemaObjectInput, READ_KEYS } from './read-schema.js';
import { isAssetType, objectPhysicalType } from './types.js';

/** The contract's asset and fields as the document's one schema object gives them, not yet validated. */
export interface AssetDraft {
  asset: Record<string, unknown>;
  /** Where each of the asset's keys comes from. */
  origins: Record<string, DocumentPath>;
  fields: FieldDraft[];
}

export function readAsset(object: OdcsSchemaObjectInput, at: DocumentPath, notes: Notes): AssetDraft {
  notes.judgeKeys(object, READ_KEYS.schemaObject, SCHEMA_OBJECT_POLICY, at);
  const custom = readCustomProperties(object.customProperties, SCHEMA_OBJECT_PROPERTIES, at, notes);
  const asset: Record<string, unknown> = { name: object.physicalName ?? object.name };
  const origins: Record<string, DocumentPath> = { name: [...at, object.physicalName !== undefined ? 'physicalName' : 'name'] };
  if (object.physicalName !== undefined && object.physicalName !== object.name) {
    notes.warn([...at, 'name'], `dropped: the asset is named by its physicalName "${object.physicalName}"`);
  }
  for (const key of ASSET_KEYS) {
    const found = custom.get(assetProperty(key));
    if (!found) continue;
    asset[key] = found.value;
    origins[key] = found.path;
  }
  const customAt = [...at, 'customProperties'];
  if (asset.type === undefined) {
    notes.refuse(customAt, `needs the custom property "${ASSET_PREFIX}type": how the repository defines the asset, one of ${ASSET_TYPES.join(', ')}`);
  }
  if (asset.source === undefined) {
    notes.refuse(customAt, `needs the custom property "${ASSET_PREFIX}source": the glob, or list of globs, of the files in the repository that define the asset`);
  }
  checkObjectKind(object, asset, at, notes);
  const fields = readFields(object.properties, [...at, 'properties'], notes);
  const order = custom.get(FIELD_ORDER);
  return { asset, origins, fields: order ? ordered(fields, order.value, order.path, notes) : fields };
}

/** The schema object's physical type says what kind of thing the asset is, which the asset's type says better. */
function checkObjectKind(object: OdcsSchemaObjectInput, asset: Record<string, unknown>, at: DocumentPath, notes: Notes): void {
  if (object.physicalType === undefined || !isAssetType(asset.type)) return;
  const kind = objectPhysicalType(asset.type, asset.emit !== undefined);
  if (object.physicalType !== kind) {
    notes.warn([...at, 'physicalType'], `dropped: the asset's type, ${asset.type}, says what it is: a ${kind}`);
  }
}

/** The fields in the order the contract had them, where nesting them changed it. */
function ordered(fields: FieldDraft[], order: unknown, path: DocumentPath, notes: Notes): FieldDraft[] {
  const byName = new Map(fields.map((draft) => [draft.field.name, draft]));
  const names = Array.isArray(order) ? order : [];
  const sameNames = names.length === fields.length && new Set(names).size === names.length && names.every((name) => byName.has(name));
  if (sameNames) return names.map((name) => byName.get(name)!);
  notes.refuse(path, 'must list the name of every field once, in the contract\'s order');
  return fields;
}
