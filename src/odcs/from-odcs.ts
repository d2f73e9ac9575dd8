import type { z } from 'zod';
import { yamlIssueMessage } from '../contracts/issue-messages.js';
import { type Contract, contractSchema } from '../contracts/schema.js';
import { CONSUMERS, DOCUMENT_PROPERTIES, JSON_SCHEMA, UNVERSIONED } from './custom-properties.js';
import { type DocumentPath, type Located, Notes, type OdcsNote } from './notes.js';
import { DESCRIPTION_POLICY, DOCUMENT_POLICY, TEAM_POLICY } from './policy.js';
import { readAsset } from './read-asset.js';
import { readCustomProperties } from './read-custom.js';
import { documentSchema, type OdcsDocumentInput, type OdcsSchemaObjectInput, READ_KEYS } from './read-schema.js';
import { type ImportedDraft, validateDraft } from './validate-draft.js';

/** The versions of ODCS whose documents the v3.1.0 JSON Schema describes. */
const READABLE_API_VERSIONS = ['v3.0.0', 'v3.0.1', 'v3.0.2', 'v3.1.0'];

/**
 * A contract from an ODCS v3 document, or why it cannot be one. What a contract has no place for is either dropped
 * with a warning (what only informs people, or says where data is kept) or refused (a promise to consumers a
 * contract cannot hold): see `policy.ts`. A document `toOdcs` wrote gives its contract back unchanged.
 */
export type OdcsImport = { contract: Contract; warnings: OdcsNote[] } | { problems: OdcsNote[]; warnings: OdcsNote[] };

export function fromOdcs(document: unknown): OdcsImport {
  const parsed = documentSchema.safeParse(document, { error: yamlIssueMessage });
  if (!parsed.success) return { problems: parsed.error.issues.map(structureNote), warnings: [] };
  const notes = new Notes();
  const draft = readDocument(parsed.data, notes);
  const contract = notes.problems.length === 0 ? validateDraft(draft, notes) : undefined;
  return contract ? { contract, warnings: notes.warnings } : { problems: notes.problems, warnings: notes.warnings };
}

function structureNote(issue: z.core.$ZodIssue): OdcsNote {
  return { path: issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol'), message: issue.message };
}

function readDocument(document: OdcsDocumentInput, notes: Notes): ImportedDraft {
  notes.judgeKeys(document, READ_KEYS.document, DOCUMENT_POLICY, []);
  if (document.kind !== 'DataContract') notes.refuse(['kind'], `"${document.kind}" is no data contract: ODCS says DataContract`);
  if (!READABLE_API_VERSIONS.includes(document.apiVersion)) {
    notes.refuse(['apiVersion'], `"${document.apiVersion}" is not a version dcr reads: ${READABLE_API_VERSIONS.join(', ')}`);
  }
  const custom = readCustomProperties(document.customProperties, DOCUMENT_PROPERTIES, [], notes);
  const value: Record<string, unknown> = { id: document.id, status: readStatus(document.status, notes) };
  const origins = new Map<string, DocumentPath>([
    ['id', ['id']],
    ['status', ['status']],
  ]);
  const take = (key: string, found: Located | undefined): void => {
    if (found === undefined) return;
    value[key] = found.value;
    origins.set(key, found.path);
  };
  take('$schema', custom.get(JSON_SCHEMA));
  if (document.name !== undefined) take('name', { value: document.name, path: ['name'] });
  take('version', readVersion(document, custom.get(UNVERSIONED), notes));
  take('owner', readOwner(document.team, notes));
  take('description', readDescription(document, notes));
  const consumers = custom.get(CONSUMERS);
  if (consumers) take('consumers', consumers);
  else notes.refuse(['customProperties'], `needs the custom property "${CONSUMERS}": the teams and systems that read the asset, each with name, contact (a GitHub user or team) and enforcement (blocking or advisory)`);
  const object = theSchemaObject(document, notes);
  if (object) {
    const { asset, origins: assetOrigins, fields } = readAsset(object, ['schema', 0], notes);
    value.asset = asset;
    for (const [key, path] of Object.entries(assetOrigins)) origins.set(`asset.${key}`, path);
    value.fields = fields.map((draft) => draft.field);
    fields.forEach((draft, index) => {
      origins.set(`fields.${index}`, draft.at);
      for (const [key, path] of Object.entries(draft.origins)) origins.set(`fields.${index}.${key}`, path);
    });
  }
  return { value, origins };
}

function theSchemaObject(document: OdcsDocumentInput, notes: Notes): OdcsSchemaObjectInput | undefined {
  const objects = document.schema ?? [];
  if (objects.length === 1) return objects[0];
  if (objects.length === 0) {
    notes.refuse(['schema'], 'describes no schema object, where a contract is about one asset');
  } else {
    const names = objects.map((object) => `"${object.name}"`);
    const shown = names.length > 5 ? [...names.slice(0, 5), `and ${names.length - 5} more`] : names;
    notes.refuse(['schema'], `describes ${objects.length} schema objects (${shown.join(', ')}), where a contract is about one asset: split the document into one per schema object`);
  }
  return undefined;
}

/** ODCS's statuses as a contract's: a status that is not yet in force is a draft, which never blocks. */
const STATUSES: Readonly<Record<string, Contract['status']>> = {
  draft: 'draft',
  active: 'active',
  deprecated: 'deprecated',
  proposed: 'draft',
  development: 'draft',
  retired: 'deprecated',
};

function readStatus(status: string, notes: Notes): string {
  const read = STATUSES[status.toLowerCase()];
  if (read === undefined) {
    notes.refuse(['status'], `"${status}" has no counterpart among a contract's statuses (draft, active, deprecated); ODCS's ${Object.keys(STATUSES).join(', ')} have`);
    return status;
  }
  if (read !== status) notes.warn(['status'], `"${status}" is read as ${read}${read === 'draft' ? ', which never blocks' : ''}`);
  return read;
}

function readVersion(document: OdcsDocumentInput, unversioned: Located | undefined, notes: Notes): Located | undefined {
  if (unversioned === undefined) return { value: document.version, path: ['version'] };
  if (unversioned.value !== true) notes.refuse(unversioned.path, 'must be true, saying the contract names no version (leave it out otherwise)');
  return undefined;
}

const handle = contractSchema.shape.owner;

/** The owner is the team's name, when it is a GitHub user or team. */
function readOwner(team: OdcsDocumentInput['team'], notes: Notes): Located | undefined {
  if (team === undefined) return undefined;
  if (Array.isArray(team)) {
    if (team.length > 0) notes.warn(['team'], 'dropped: a list of people, where a contract names its owner by one GitHub user or team: the contract has no owner');
    return undefined;
  }
  notes.judgeKeys(team, READ_KEYS.team, TEAM_POLICY, ['team']);
  if (team.name === undefined) return undefined;
  if (handle.safeParse(team.name).success) return { value: team.name, path: ['team', 'name'] };
  notes.warn(['team', 'name'], `dropped: "${team.name}" is not a GitHub user or team such as "@acme/analytics": the contract has no owner`);
  return undefined;
}

/** One text for people: the purpose first, then what else describes the data set or its one schema object. */
function readDescription(document: OdcsDocumentInput, notes: Notes): Located | undefined {
  const { description } = document;
  if (description) notes.judgeKeys(description, READ_KEYS.description, DESCRIPTION_POLICY, ['description']);
  const parts = [
    { text: description?.purpose, label: '', path: ['description', 'purpose'] },
    { text: description?.usage, label: 'Usage: ', path: ['description', 'usage'] },
    { text: description?.limitations, label: 'Limitations: ', path: ['description', 'limitations'] },
    { text: document.schema?.length === 1 ? document.schema[0]!.description : undefined, label: '', path: ['schema', 0, 'description'] },
  ].filter((part) => part.text !== undefined);
  if (parts.length === 0) return undefined;
  for (const part of parts.slice(1)) notes.warn(part.path, 'joined into the contract\'s description');
  return { value: parts.map((part) => `${part.label}${part.text}`).join('\n\n'), path: parts[0]!.path };
}
