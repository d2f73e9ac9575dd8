import type { Approximation, AssetComparison, AssetState, ExtractionError, FieldSchema, SourceLocation } from '../model.js';
import { fieldsOf, mergeAlternatives, type ReadField } from './fields.js';
import type { EmitSite, ReadOutcome } from './shapes.js';

/** One commit's read of one asset, and what the comparison needs of that commit's files. */
export interface CommitRead {
  outcome: ReadOutcome;
  /** What of the repository's configuration could not be applied at this commit. */
  notes: Approximation[];
  /** How many lines a file of the commit's program has; undefined for a file it does not have. */
  linesOf(file: string): number | undefined;
}

interface SiteFields {
  site: EmitSite;
  /** Undefined where the site's payload could not be read. */
  fields?: ReadField[];
}

/** The asset as built at one commit, with what says where each of its changes happened. */
interface Built {
  state: AssetState;
  fields: ReadField[];
  origin?: SourceLocation;
  /** The line closing the declared object: where a property removed at its end is reported. */
  end?: SourceLocation;
  sites?: SiteFields[];
}

/**
 * The asset at base and head. Nothing is ever reported renamed: a property renamed in code is a property removed
 * and another added, as nothing in the code says they are one. Every head field points at the property's line: for
 * an emitted event, at the first site whose payload changed it; for a literal union or enum declared apart, at the
 * member added (or the declaration, for one removed).
 */
export function compareReads(name: string, base: CommitRead, head: CommitRead): AssetComparison {
  const [before, after] = [build(name, base), build(name, head)];
  const comparison: AssetComparison = { base: before.state, head: after.state, fieldRenames: [], fieldRemovedAt: {} };
  if (before.state.status === 'present' && after.state.status === 'absent') {
    const removedAt = formerPlace(before.origin, head.linesOf);
    if (removedAt) comparison.removedAt = removedAt;
  }
  if (before.state.status !== 'present' || after.state.status !== 'present') return comparison;
  if (before.sites && after.sites) pointAtChangedSites(before.sites, after.sites, after.fields);
  pointAtValueChanges(before.fields, after.fields);
  comparison.fieldRemovedAt = removals(before, after);
  return comparison;
}

function build(name: string, read: CommitRead): Built {
  const { outcome } = read;
  switch (outcome.status) {
    case 'error':
      return { state: outcome, fields: [] };
    case 'absent':
      return { state: { status: 'absent' }, fields: [] };
    case 'declared': {
      const fields = fieldsOf(outcome.shape);
      const end = outcome.shape.kind === 'object' ? outcome.shape.end : undefined;
      const approximations = [...read.notes, ...outcome.approximations];
      const state = present(name, 'object', fields, outcome.origin, approximations, []);
      return { state, fields, origin: outcome.origin, ...(end ? { end } : {}) };
    }
    case 'emitted': {
      const sites = outcome.sites.map((site): SiteFields => (site.payload ? { site, fields: fieldsOf(site.payload) } : { site }));
      const origin = outcome.sites[0]!.origin;
      if (!sites.some((site) => site.fields)) {
        const why = outcome.approximations.map((approximation) => `${approximation.file}:${approximation.line}: ${approximation.message}`).join(' ');
        return { state: { status: 'error', error: { kind: 'failed', ...origin, message: `no call that emits ${name} sends a payload whose type is known. ${why}`.trim() } }, fields: [] };
      }
      const fields = mergeAlternatives(sites.flatMap((site) => (site.fields ? [site.fields] : [])));
      const state = present(name, 'message', fields, origin, [...read.notes, ...outcome.approximations], outcome.skipped);
      return { state, fields, origin, sites };
    }
  }
}

function present(
  name: string,
  kind: 'object' | 'message',
  fields: ReadField[],
  origin: SourceLocation,
  approximations: Approximation[],
  skipped: ExtractionError[],
): AssetState {
  return {
    status: 'present',
    schema: { name, kind, fields: fields.map((field) => field.schema), origin },
    ...(approximations.length > 0 ? { approximations: approximations.map((approximation) => ({ ...approximation, rule: 'code-type-unknown' as const })) } : {}),
    ...(skipped.length > 0 ? { skipped } : {}),
  };
}

/** Where an asset the head no longer has was: its line at the base, in the file the head still has, if it has it. */
function formerPlace(origin: SourceLocation | undefined, linesOf: CommitRead['linesOf']): SourceLocation | undefined {
  const lines = origin && linesOf(origin.file);
  return origin && lines !== undefined ? { file: origin.file, line: Math.min(origin.line, lines) } : undefined;
}

/** What a field is, as compared between two sites or two commits. */
function aspects(field: FieldSchema | undefined): string {
  return JSON.stringify(field ? [field.type, field.nullable, [...(field.allowedValues ?? [])].sort(), field.default] : null);
}

/** Each merged head field points at the first site that sends it otherwise than at the base (a new site included). */
function pointAtChangedSites(baseSites: SiteFields[], headSites: SiteFields[], fields: ReadField[]): void {
  const baseByKey = new Map(baseSites.map((site) => [site.site.key, site]));
  for (const { schema } of fields) {
    for (const { site, fields: sent } of headSites) {
      if (!sent) continue;
      const now = sent.find((field) => field.schema.name === schema.name)?.schema;
      const before = baseByKey.get(site.key);
      if (before && aspects(now) === aspects(before.fields?.find((field) => field.schema.name === schema.name)?.schema)) continue;
      const origin = now?.origin ?? site.origin;
      schema.origin = origin;
      break;
    }
  }
}

/** A field whose literal union or enum changed its members points at the first member added, else at its declaration. */
function pointAtValueChanges(baseFields: ReadField[], headFields: ReadField[]): void {
  const before = new Map(baseFields.map((field) => [field.schema.name, field.schema]));
  for (const { schema, valuesOrigin } of headFields) {
    const was = before.get(schema.name)?.allowedValues;
    const is = schema.allowedValues;
    if (!valuesOrigin || !was || !is || (was.length === is.length && was.every((value) => is.includes(value)))) continue;
    const added = is.find((value) => !was.includes(value));
    schema.origin = (added !== undefined ? valuesOrigin.lines[added] : undefined) ?? valuesOrigin.at;
  }
}

/**
 * Where the head lost each field the base had: at the next property of the same object that the head kept, else
 * where that object closes. For an emitted event, in the site that stopped sending it.
 */
function removals(before: Built, after: Built): Record<string, SourceLocation> {
  const kept = new Set(after.fields.map((field) => field.schema.name));
  const removedAt: Record<string, SourceLocation> = {};
  for (const field of before.fields) {
    if (kept.has(field.schema.name)) continue;
    const place = before.sites && after.sites ? siteRemoval(field, before.sites, after.sites) : removalIn(field, before.fields, after.fields, after.end ?? after.origin);
    if (place) removedAt[field.schema.name] = place;
  }
  return removedAt;
}

function siteRemoval(field: ReadField, baseSites: SiteFields[], headSites: SiteFields[]): SourceLocation | undefined {
  const sentBy = baseSites.find((site) => site.fields?.some((sent) => sent.schema.name === field.schema.name));
  const now = headSites.find((site) => site.site.key === sentBy?.site.key) ?? headSites[0];
  if (!now) return undefined;
  const closing = now.site.payload?.kind === 'object' ? now.site.payload.end : undefined;
  return removalIn(field, sentBy?.fields ?? [], now.fields ?? [], closing ?? now.site.origin);
}

function removalIn(field: ReadField, baseFields: ReadField[], headFields: ReadField[], topEnd: SourceLocation | undefined): SourceLocation | undefined {
  const headByName = new Map(headFields.map((candidate) => [candidate.schema.name, candidate]));
  const siblings = baseFields.filter((candidate) => candidate.parent === field.parent);
  const following = siblings.slice(siblings.indexOf(field) + 1);
  const next = following.map((sibling) => headByName.get(sibling.schema.name)?.schema.origin).find((origin) => origin !== undefined);
  if (next) return next;
  if (field.parent === '') return topEnd;
  const parent = headByName.get(field.parent);
  return parent?.end ?? parent?.schema.origin ?? topEnd;
}
