import type { AssetComparison, AssetState, ExtractionError, FieldSchema, Rename, SourceLocation } from '../model.js';
import type { CommitModels } from './commit.js';
import type { ModelEntry } from './entries.js';
import { type FieldAspect, type FieldLines, modelSchema, type ModelSchema } from './fields.js';
import type { ModelName } from './names.js';
import { resolveModel, type ResolvedModel } from './versions.js';

/** The model at one commit: built, gone (and where the commit says so), or not readable. */
type ModelAt =
  | { status: 'present'; model: ModelSchema; resolved: ResolvedModel; skipped: ExtractionError[] }
  | { status: 'absent'; goneAt?: SourceLocation }
  | { status: 'error'; error: ExtractionError };

/**
 * Builds the model a contract names at the base and head commits. dbt cannot tell a renamed column from one removed
 * and another added, and neither can its properties: no field is ever reported renamed. A model whose entry is gone
 * is reported renamed when exactly one model the base did not have declares the same columns.
 */
export function compareModel(name: ModelName, base: CommitModels, head: CommitModels): AssetComparison {
  // Properties matched without model files at either commit (a source that matches only them) say nothing of the files.
  const filesListed = base.modelFiles.size > 0 || head.modelFiles.size > 0;
  const atBase = modelAt(base, name, filesListed);
  let atHead = modelAt(head, name, filesListed);
  const comparison: AssetComparison = { base: stateOf(atBase), head: stateOf(atHead), fieldRenames: [], fieldRemovedAt: {} };
  if (atBase.status === 'present' && atHead.status === 'absent') {
    const renamed = name.version === undefined ? renamedModel(atBase, base, head, filesListed) : undefined;
    if (renamed) {
      comparison.assetRename = renamed.rename;
      atHead = renamed.model;
      comparison.head = stateOf(atHead);
    } else {
      comparison.removedAt = atHead.goneAt ?? entryRemovedAt(atBase.resolved.entry, head);
    }
  }
  if (atBase.status === 'present') markOrigins(atBase.model);
  if (atHead.status === 'present') {
    const baseFields = atBase.status === 'present' ? atBase.model.schema.fields : [];
    markChanges(atHead.model, baseFields);
    if (atBase.status === 'present') comparison.fieldRemovedAt = removals(atBase, atHead);
  }
  return comparison;
}

function modelAt(models: CommitModels, name: ModelName, filesListed: boolean): ModelAt {
  if (models.failure) return { status: 'error', error: models.failure };
  const entries = models.entries.get(name.model) ?? [];
  const [entry, duplicate] = entries;
  if (duplicate) {
    return failed(duplicate.file, duplicate.line, `model ${name.model} has a second properties entry here (the first is at ${entry!.file}:${entry!.line}), which dbt refuses`);
  }
  const fileErrors = models.errors;
  if (!entry) {
    const [firstError] = fileErrors;
    if (firstError) return { status: 'error', error: firstError };
    const [code] = models.modelFiles.get(name.model) ?? [];
    if (code && name.version === undefined) {
      return failed(code, 1, `model ${name.model} has no entry under models: in any properties file asset.source matches, so none of its columns is declared`);
    }
    return { status: 'absent' };
  }
  const resolved = resolveModel(entry, name.version);
  const skipped = [...entry.errors, ...fileErrors];
  if (!resolved) return skipped[0] ? { status: 'error', error: skipped[0] } : { status: 'absent' };
  const files = resolved.definedIn.flatMap((fileName) => models.modelFiles.get(fileName) ?? []);
  if (files.length > 1) return failed(files[1]!, 1, `two model files define ${resolved.definedIn[0]} (${files.join(', ')}), which dbt refuses`);
  const gone = goneAt(resolved, filesListed && files.length === 0);
  if (gone) return skipped[0] ? { status: 'error', error: skipped[0] } : { status: 'absent', goneAt: gone };
  const displayName = resolved.version ? `${entry.name}.v${resolved.version.v}` : entry.name;
  return { status: 'present', model: modelSchema(displayName, resolved), resolved, skipped };
}

/** A model switched off (`enabled: false`), or whose model file is gone while its properties stay, does not exist. */
function goneAt(resolved: ResolvedModel, fileMissing: boolean): SourceLocation | undefined {
  const { entry, config } = resolved;
  if (config.enabled?.value === false) return { file: entry.file, line: config.enabled.line };
  return fileMissing ? { file: entry.file, line: entry.line } : undefined;
}

function failed(file: string, line: number, message: string): ModelAt {
  return { status: 'error', error: { kind: 'failed', file, line, message } };
}

/**
 * A model read without what could not be read lists it in `skipped`: a base is still compared, a head's own failures
 * stop its judging. A model missing where a file failed may be missing because of it: `modelAt` reports the failure
 * instead.
 */
function stateOf(at: ModelAt): AssetState {
  if (at.status === 'error') return at;
  if (at.status === 'absent') return { status: 'absent' };
  const { schema } = at.model;
  return at.skipped.length > 0 ? { status: 'present', schema, skipped: at.skipped } : { status: 'present', schema };
}

/** The one model new at the head that declares exactly the columns the removed one had, if there is one. */
function renamedModel(
  removed: Extract<ModelAt, { status: 'present' }>,
  base: CommitModels,
  head: CommitModels,
  filesListed: boolean,
): { rename: Rename; model: Extract<ModelAt, { status: 'present' }> } | undefined {
  const columns = columnNames(removed.model);
  if (columns === '') return undefined;
  const candidates = [...head.entries.keys()]
    .filter((candidate) => !base.entries.has(candidate))
    .map((candidate) => modelAt(head, { model: candidate }, filesListed))
    .filter((at): at is Extract<ModelAt, { status: 'present' }> => at.status === 'present' && columnNames(at.model) === columns);
  const [only, another] = candidates;
  if (!only || another) return undefined;
  const { entry } = only.resolved;
  return {
    rename: { from: removed.model.schema.name, to: only.model.schema.name, origin: { file: entry.file, line: entry.line } },
    model: only,
  };
}

function columnNames(model: ModelSchema): string {
  return JSON.stringify(model.schema.fields.map((field) => field.name).sort());
}

/** Where the head lost an entry: the `models:` list of its file, or the entry itself when the change deleted the file. */
function entryRemovedAt(entry: ModelEntry, head: CommitModels): SourceLocation {
  const file = head.propertiesFiles.get(entry.file);
  if (!file) return { file: entry.file, line: entry.line };
  return { file: entry.file, line: file.modelsLine ?? 1 };
}

function markOrigins({ schema, lines }: ModelSchema): void {
  for (const field of schema.fields) field.origin = { file: schema.origin!.file, line: lines.get(field.name)!.column };
}

const ASPECTS: readonly FieldAspect[] = ['type', 'nullable', 'primaryKey', 'unique', 'allowedValues'];

/** Each head field points at the line of its first guarantee that changed, else at its column's entry. */
function markChanges({ schema, lines }: ModelSchema, baseFields: FieldSchema[]): void {
  const before = new Map(baseFields.map((field) => [field.name, field]));
  for (const field of schema.fields) {
    const fieldLines: FieldLines = lines.get(field.name)!;
    const previous = before.get(field.name);
    const changed = previous ? ASPECTS.find((aspect) => JSON.stringify(previous[aspect]) !== JSON.stringify(field[aspect])) : undefined;
    field.origin = { file: schema.origin!.file, line: changed ? fieldLines[changed] : fieldLines.column };
  }
}

/**
 * Where the head lost each column the base had: the line that makes the head read another version (its
 * `latest_version`), the version's `include`/`exclude`, or the model's `columns:`.
 */
function removals(
  atBase: Extract<ModelAt, { status: 'present' }>,
  atHead: Extract<ModelAt, { status: 'present' }>,
): Record<string, SourceLocation> {
  const kept = new Set(atHead.model.schema.fields.map((field) => field.name));
  const { entry, version, latestLine } = atHead.resolved;
  const switched = atHead.resolved.version?.v !== atBase.resolved.version?.v ? latestLine : undefined;
  const line = switched ?? version?.columns?.selection?.line ?? version?.columns?.line ?? entry.columnsLine ?? entry.line;
  return Object.fromEntries(
    atBase.model.schema.fields.filter((field) => !kept.has(field.name)).map((field) => [field.name, { file: entry.file, line }]),
  );
}
