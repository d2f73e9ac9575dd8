import { assetSchema } from '../contracts/schema.js';

/**
 * The custom properties that carry what ODCS has no slot for. Every name starts with `dcr.`, so that other tools
 * keep them and a reader knows whose they are; a `dcr.` name not listed here is refused on import as a typo.
 */
export const DCR_PREFIX = 'dcr.';

/** On the document: the contract's consumers, as the contract lists them. */
export const CONSUMERS = 'dcr.consumers';
/** On the document: the contract names no version, and the `version` ODCS requires holds a placeholder. */
export const UNVERSIONED = 'dcr.unversioned';
export const UNVERSIONED_PLACEHOLDER = '0.0.0';
/** On the document: the contract file's own `$schema` key, for editors. */
export const JSON_SCHEMA = 'dcr.$schema';

/** On the schema object: the contract's fields in its own order, where nesting them would change it. */
export const FIELD_ORDER = 'dcr.fieldOrder';
/** On a property: `false` when it only holds contracted properties below it, the contract promising nothing of its own. */
export const CONTRACTED = 'dcr.contracted';

/** On the schema object, `dcr.asset.<key>`: every asset key but the name, which is the object's `physicalName`. */
export const ASSET_KEYS = Object.keys(assetSchema.shape).filter((key) => key !== 'name');
export const ASSET_PREFIX = 'dcr.asset.';

export function assetProperty(key: string): string {
  return `${ASSET_PREFIX}${key}`;
}

export const DOCUMENT_PROPERTIES: readonly string[] = [CONSUMERS, UNVERSIONED, JSON_SCHEMA];
export const SCHEMA_OBJECT_PROPERTIES: readonly string[] = [...ASSET_KEYS.map(assetProperty), FIELD_ORDER];
export const PROPERTY_PROPERTIES: readonly string[] = [CONTRACTED];
