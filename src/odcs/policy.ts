/**
 * What `dcr import odcs` does with each key of ODCS v3.1.0 that a contract has no place for. A key a contract
 * reads is not listed here (see `read-schema.ts`). Everything else is either dropped with a warning, when it
 * only informs people or describes where and how data is kept, or refused, when it is a promise to consumers that
 * a contract could not hold and dcr would not keep: a contract must never claim less than the document did in silence.
 */
export interface Disposition {
  action: 'drop' | 'refuse';
  why: string;
  /** A value that says nothing (a key at its default), dropped without a word. */
  silentValue?: unknown;
}

export type Policy = Readonly<Record<string, Disposition>>;

const drop = (why: string, silentValue?: unknown): Disposition => ({ action: 'drop', why, ...(silentValue !== undefined ? { silentValue } : {}) });
const refuse = (why: string): Disposition => ({ action: 'refuse', why });

const NO_LINKS = drop('a contract has no links to other definitions');
const NO_TAGS = drop('a contract has no tags');
const NO_IDS = drop('a contract has no ids for its parts');
const NO_BUSINESS_NAMES = drop('a contract has no business names');
const RELATIONSHIPS = refuse('relationships between properties (foreign keys) are promises dcr does not check');

export const DOCUMENT_POLICY: Policy = {
  tenant: drop('a contract has no tenant'),
  tags: NO_TAGS,
  servers: drop('a contract reads its asset from the files that define it in the repository (dcr.asset.source), not from a server'),
  dataProduct: drop('a contract has no data product'),
  domain: drop('a contract has no domain'),
  support: drop('a contract has no support channels of its own (each consumer has a channel)'),
  price: drop('a contract has no price'),
  roles: drop('a contract grants no access roles'),
  authoritativeDefinitions: NO_LINKS,
  contractCreatedTs: drop('a contract has no creation time (its history in git has)'),
  slaDefaultElement: drop('a contract has no service levels for it to point to'),
  slaProperties: refuse('service levels (latency, retention, frequency, ...) are promises dcr does not check'),
};

export const DESCRIPTION_POLICY: Policy = {
  authoritativeDefinitions: NO_LINKS,
  customProperties: drop('a contract\'s description is text only'),
};

export const TEAM_POLICY: Policy = Object.fromEntries(
  ['id', 'description', 'members', 'tags', 'customProperties', 'authoritativeDefinitions'].map((key) => [
    key,
    drop('a contract names its owner by one GitHub user or team, the team\'s name'),
  ]),
);

export const SCHEMA_OBJECT_POLICY: Policy = {
  id: NO_IDS,
  businessName: NO_BUSINESS_NAMES,
  authoritativeDefinitions: NO_LINKS,
  tags: NO_TAGS,
  dataGranularityDescription: drop('a contract does not describe the granularity of the data'),
  relationships: RELATIONSHIPS,
  quality: refuse('quality rules on a whole object (row counts, duplicates across properties, ...) are checks dcr does not run'),
};

export const PROPERTY_POLICY: Policy = {
  id: NO_IDS,
  businessName: NO_BUSINESS_NAMES,
  authoritativeDefinitions: NO_LINKS,
  tags: NO_TAGS,
  primaryKeyPosition: drop('a contract marks its key fields without their order', -1),
  partitioned: drop('a contract does not describe partitioning', false),
  partitionKeyPosition: drop('a contract does not describe partitioning', -1),
  classification: drop('a contract has no classification'),
  encryptedName: drop('a contract does not name encrypted copies of a field'),
  transformSourceObjects: drop('a contract does not describe how a field is computed'),
  transformLogic: drop('a contract does not describe how a field is computed'),
  transformDescription: drop('a contract does not describe how a field is computed'),
  examples: drop('a contract has no example values'),
  criticalDataElement: drop('a contract does not mark critical data elements', false),
  logicalTypeOptions: refuse('bounds on values (length, range, pattern, format, ...) are promises dcr does not check'),
  relationships: RELATIONSHIPS,
};

const ITEMS_ONLY = refuse(
  'a contract promises things of an array as a whole (its physicalType, such as text[], says what it holds), never of its items alone',
);

/** An array's `items`: only the properties of the objects it holds become fields, named after the array. */
export const ITEMS_POLICY: Policy = {
  ...PROPERTY_POLICY,
  name: drop('the items of an array take the array\'s name'),
  physicalName: drop('the items of an array take the array\'s name'),
  description: drop('a contract describes the array, not its items'),
  customProperties: drop('a contract has no custom properties'),
  physicalType: ITEMS_ONLY,
  required: ITEMS_ONLY,
  unique: ITEMS_ONLY,
  primaryKey: ITEMS_ONLY,
  quality: ITEMS_ONLY,
  items: ITEMS_ONLY,
};

/** The keys of a quality rule that becomes `required`, `unique` or an enum, which keep only what the rule promises. */
export const CARRIED_RULE_POLICY: Policy = {
  ...Object.fromEntries(
    ['id', 'name', 'description', 'dimension', 'method', 'severity', 'businessImpact', 'schedule', 'scheduler', 'tags', 'customProperties', 'authoritativeDefinitions'].map(
      (key) => [key, drop('the rule becomes the field\'s required, unique or enum, which keep only what it promises')],
    ),
  ),
  rule: refuse('the deprecated "rule" may name another check than "metric" does: leave only "metric"'),
};
