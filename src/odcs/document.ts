/**
 * The part of an ODCS v3.1.0 document that `dcr export` writes: every key here is the standard's own, and what a
 * contract holds that the standard has no slot for is in `customProperties` under the `dcr.` names of
 * `custom-properties.ts`.
 */
export const ODCS_API_VERSION = 'v3.1.0';

/** The standard's logical types: the portable view of a property's type, beside its physical spelling. */
export const LOGICAL_TYPES = ['string', 'date', 'timestamp', 'time', 'number', 'integer', 'object', 'array', 'boolean'] as const;
export type LogicalType = (typeof LOGICAL_TYPES)[number];

export interface OdcsCustomProperty {
  property: string;
  value: unknown;
  description?: string;
}

/** A library quality rule: the only kind a contract's guarantees become (an enum is `invalidValues` that must be 0). */
export interface OdcsQualityRule {
  type: 'library';
  metric: 'invalidValues';
  arguments: { validValues: (string | number)[] };
  mustBe: 0;
}

export interface OdcsProperty {
  name: string;
  logicalType?: LogicalType;
  physicalType?: string;
  required?: true;
  primaryKey?: true;
  unique?: true;
  description?: string;
  quality?: OdcsQualityRule[];
  customProperties?: OdcsCustomProperty[];
  properties?: OdcsProperty[];
  items?: { properties: OdcsProperty[] };
}

export interface OdcsSchemaObject {
  name: string;
  physicalName: string;
  physicalType: string;
  logicalType: 'object';
  properties?: OdcsProperty[];
  customProperties: OdcsCustomProperty[];
}

export interface OdcsDocument {
  apiVersion: typeof ODCS_API_VERSION;
  kind: 'DataContract';
  id: string;
  name?: string;
  version: string;
  status: string;
  description?: { purpose: string };
  team?: { name: string };
  schema: [OdcsSchemaObject];
  customProperties: OdcsCustomProperty[];
}
