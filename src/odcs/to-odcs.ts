import type { Contract, ContractField } from '../contracts/schema.js';
import {
  assetProperty,
  ASSET_KEYS,
  CONSUMERS,
  CONTRACTED,
  FIELD_ORDER,
  JSON_SCHEMA,
  UNVERSIONED,
  UNVERSIONED_PLACEHOLDER,
} from './custom-properties.js';
import {
  type LogicalType,
  ODCS_API_VERSION,
  type OdcsCustomProperty,
  type OdcsDocument,
  type OdcsProperty,
  type OdcsSchemaObject,
} from './document.js';
import { type FieldNode, fieldTree, treeOrder } from './field-tree.js';
import { logicalTypeOf, objectPhysicalType } from './types.js';
import type { FamilyOf } from '../core/type-families.js';

/**
 * The contract as an ODCS v3.1.0 document, from which `fromOdcs` gives the same contract back. `familyOf`, the asset
 * type's, gives a logical type to types in the asset's own spelling.
 */
export function toOdcs(contract: Contract, familyOf?: FamilyOf): OdcsDocument {
  return {
    apiVersion: ODCS_API_VERSION,
    kind: 'DataContract',
    id: contract.id,
    ...(contract.name !== undefined ? { name: contract.name } : {}),
    version: contract.version ?? UNVERSIONED_PLACEHOLDER,
    status: contract.status,
    ...(contract.description !== undefined ? { description: { purpose: contract.description } } : {}),
    ...(contract.owner !== undefined ? { team: { name: contract.owner } } : {}),
    schema: [schemaObject(contract, familyOf)],
    customProperties: documentProperties(contract),
  };
}

function documentProperties(contract: Contract): OdcsCustomProperty[] {
  return [
    { property: CONSUMERS, value: contract.consumers },
    ...(contract.version === undefined
      ? [{ property: UNVERSIONED, value: true, description: `The contract names no version; ${UNVERSIONED_PLACEHOLDER} stands in for the one ODCS requires.` }]
      : []),
    ...(contract.$schema !== undefined ? [{ property: JSON_SCHEMA, value: contract.$schema }] : []),
  ];
}

function schemaObject(contract: Contract, familyOf: FamilyOf | undefined): OdcsSchemaObject {
  const { asset, fields } = contract;
  const tree = fieldTree(fields);
  const nested = treeOrder(tree);
  const reordered = nested.some((name, index) => name !== fields[index]!.name);
  return {
    name: asset.name,
    physicalName: asset.name,
    physicalType: objectPhysicalType(asset.type, asset.emit !== undefined),
    logicalType: 'object',
    ...(tree.length > 0 ? { properties: tree.map((node) => toProperty(node, familyOf)) } : {}),
    customProperties: [
      ...ASSET_KEYS.flatMap((key) => {
        const value = asset[key as keyof typeof asset];
        return value === undefined ? [] : [{ property: assetProperty(key), value }];
      }),
      ...(reordered ? [{ property: FIELD_ORDER, value: fields.map((field) => field.name) }] : []),
    ],
  };
}

function toProperty(node: FieldNode, familyOf: FamilyOf | undefined): OdcsProperty {
  const children = node.children.map((child) => toProperty(child, familyOf));
  const logicalType = node.field?.type === undefined ? undefined : logicalTypeOf(node.field.type, familyOf);
  const nested = children.length === 0 ? {} : logicalType === 'array' ? { items: { properties: children } } : { properties: children };
  // ODCS nests properties right under an object or a property of no logical type: any other logical type goes.
  const shownType = 'properties' in nested && logicalType !== 'object' ? undefined : logicalType;
  return {
    name: node.segment,
    ...(node.field ? fieldKeys(node.field, shownType) : { customProperties: [{ property: CONTRACTED, value: false }] }),
    ...nested,
  };
}

function fieldKeys(field: ContractField, logicalType: LogicalType | undefined): Omit<OdcsProperty, 'name'> {
  return {
    ...(logicalType ? { logicalType } : {}),
    ...(field.type !== undefined ? { physicalType: field.type } : {}),
    ...(field.required ? { required: true } : {}),
    ...(field.primaryKey ? { primaryKey: true } : {}),
    ...(field.unique ? { unique: true } : {}),
    ...(field.description !== undefined ? { description: field.description } : {}),
    ...(field.enum ? { quality: [{ type: 'library', metric: 'invalidValues', arguments: { validValues: field.enum }, mustBe: 0 }] } : {}),
  };
}
