import { CONTRACTED, PROPERTY_PROPERTIES } from './custom-properties.js';
import { LOGICAL_TYPES } from './document.js';
import type { DocumentPath, Notes } from './notes.js';
import { ITEMS_POLICY, PROPERTY_POLICY } from './policy.js';
import { readCustomProperties } from './read-custom.js';
import { readRules } from './read-rules.js';
import { type OdcsItemsInput, type OdcsPropertyInput, READ_KEYS } from './read-schema.js';

/** One contract field as a property gives it, not yet validated, with where each of its values is in the document. */
export interface FieldDraft {
  field: Record<string, unknown>;
  /** The property the field comes from. */
  at: DocumentPath;
  /** Where each of the field's keys comes from. */
  origins: Record<string, DocumentPath>;
}

/** The fields of nested properties: a property inside `customer` (or inside the items of the array `customer`) is `customer.<name>`. */
export function readFields(properties: readonly OdcsPropertyInput[] | undefined, path: DocumentPath, notes: Notes): FieldDraft[] {
  const drafts: FieldDraft[] = [];
  readLevel(properties ?? [], [], path, notes, drafts);
  return drafts;
}

function readLevel(properties: readonly OdcsPropertyInput[], prefix: readonly string[], path: DocumentPath, notes: Notes, drafts: FieldDraft[]): void {
  properties.forEach((property, index) => {
    const at = [...path, index];
    const segment = segmentOf(property, at, notes);
    if (segment === undefined) return;
    const names = [...prefix, segment];
    notes.judgeKeys(property, READ_KEYS.property, PROPERTY_POLICY, at);
    const contracted = readCustomProperties(property.customProperties, PROPERTY_PROPERTIES, at, notes).get(CONTRACTED);
    if (contracted && contracted.value !== false) {
      notes.refuse(contracted.path, 'must be false, saying the property only holds contracted properties below it (leave it out otherwise)');
    } else if (contracted) {
      refuseGuarantees(property, at, notes);
    } else {
      drafts.push(fieldDraft(property, names.join('.'), at, notes));
    }
    readLevel(property.properties ?? [], names, [...at, 'properties'], notes, drafts);
    if (property.items) readItems(property.items, names, [...at, 'items'], notes, drafts);
  });
}

/** A field is named by the physical name where there is one: it is what the asset's reader finds. */
function segmentOf(property: OdcsPropertyInput, at: DocumentPath, notes: Notes): string | undefined {
  const key = property.physicalName !== undefined ? 'physicalName' : 'name';
  const segment = property[key]!;
  if (key === 'physicalName' && property.name !== segment) {
    notes.warn([...at, 'name'], `dropped: the field is named by its physicalName "${segment}"`);
  }
  if (!segment.includes('.')) return segment;
  notes.refuse([...at, key], `"${segment}" holds a dot, which a contract reads as a nested field's path`);
  return undefined;
}

function fieldDraft(property: OdcsPropertyInput, name: string, at: DocumentPath, notes: Notes): FieldDraft {
  const rules = readRules(property.quality, at, notes);
  const type = typeOf(property, at, notes);
  const origins: Record<string, DocumentPath> = { name: [...at, property.physicalName !== undefined ? 'physicalName' : 'name'] };
  for (const key of ['required', 'primaryKey', 'unique', 'description']) origins[key] = [...at, key];
  if (type) origins.type = type.path;
  if (rules.enum) origins.enum = rules.enum.path;
  return {
    at,
    origins,
    field: {
      name,
      ...(type ? { type: type.value } : {}),
      required: (property.required ?? false) || rules.required,
      primaryKey: property.primaryKey ?? false,
      unique: (property.unique ?? false) || rules.unique,
      ...(rules.enum ? { enum: rules.enum.value } : {}),
      ...(property.description !== undefined ? { description: property.description } : {}),
    },
  };
}

/** The physical type as written; the logical type only where there is none, for it says less. */
function typeOf(property: OdcsPropertyInput, at: DocumentPath, notes: Notes): { value: string; path: DocumentPath } | undefined {
  const { physicalType, logicalType } = property;
  const known = logicalType === undefined || (LOGICAL_TYPES as readonly string[]).includes(logicalType);
  if (physicalType !== undefined) {
    if (!known) notes.warn([...at, 'logicalType'], `dropped: "${logicalType}" is no logical type of ODCS v3.1.0, and the physicalType gives the type`);
    return { value: physicalType, path: [...at, 'physicalType'] };
  }
  if (logicalType === undefined) return undefined;
  if (known) return { value: logicalType, path: [...at, 'logicalType'] };
  notes.refuse([...at, 'logicalType'], `"${logicalType}" is no logical type of ODCS v3.1.0 (${LOGICAL_TYPES.join(', ')}), and there is no physicalType to give the type`);
  return undefined;
}

const GUARANTEES = ['physicalType', 'logicalType', 'required', 'primaryKey', 'unique', 'description', 'quality'] as const;

/** A property that only holds contracted properties says nothing of its own: what it says would be lost. */
function refuseGuarantees(property: OdcsPropertyInput, at: DocumentPath, notes: Notes): void {
  for (const key of GUARANTEES) {
    const value = property[key];
    if (value === undefined || value === false) continue;
    notes.refuse([...at, key], `cannot be carried over: ${CONTRACTED} is false, so the property is no field of the contract`);
  }
}

function readItems(items: OdcsItemsInput, names: readonly string[], at: DocumentPath, notes: Notes, drafts: FieldDraft[]): void {
  notes.judgeKeys(items, ['properties', 'logicalType'], ITEMS_POLICY, at);
  if (items.logicalType !== undefined && items.logicalType !== 'object') {
    notes.refuse([...at, 'logicalType'], `cannot be carried over: ${ITEMS_POLICY.physicalType!.why}`);
  }
  readLevel(items.properties ?? [], names, [...at, 'properties'], notes, drafts);
}
