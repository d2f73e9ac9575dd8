import type { AssetComparison, AssetSchema, AssetState, FieldSchema, Rename, SourceLocation } from '../model.js';
import type { SchemaFiles } from './engine-protocol.js';
import type { ReadField, ReadModel } from './models.js';

/** A commit's schema as read: its models and the files that define them. */
export interface ReadSchema {
  models: ReadModel[];
  files: SchemaFiles;
}

/** How a contract's name found its model: by the model's name, up to case, or by the table it maps to. */
type Resolution = { model: ReadModel; by: 'name' | 'case' | 'table' };

/** The model a contract names: its own name first, else the only model with that name up to case, or that table. */
function resolve(name: string, models: readonly ReadModel[]): Resolution | undefined {
  const exact = models.find((model) => model.name === name);
  if (exact) return { model: exact, by: 'name' };
  const byCase = models.filter((model) => model.name.toLowerCase() === name.toLowerCase());
  if (byCase.length === 1) return { model: byCase[0]!, by: 'case' };
  const byTable = models.filter((model) => model.table === name || model.table.split('.').pop() === name);
  return byTable.length === 1 ? { model: byTable[0]!, by: 'table' } : undefined;
}

/** The model as the review judges it: at the head, every column points at its line in the schema. */
function stateOf(model: ReadModel | undefined, atHead: boolean): AssetState {
  if (!model) return { status: 'absent' };
  const fields = model.fields.map(({ schema }): FieldSchema => {
    if (atHead) return { ...schema };
    const { origin: _origin, ...withoutOrigin } = schema;
    return withoutOrigin;
  });
  const schema: AssetSchema = { name: model.name, kind: 'model', fields };
  if (atHead && model.block) schema.origin = { file: model.block.file, line: model.block.line };
  return { status: 'present', schema };
}

function foundMessage(name: string, { model, by }: Resolution): string {
  if (by === 'case') return `No model is named ${name}, but exactly one is up to case: ${model.name}, which was judged. Write ${model.name} in asset.name.`;
  return `No model is named ${name}, but the model ${model.name} maps to the table ${model.table}, which was judged. Write ${model.name} in asset.name: a Prisma contract names its model.`;
}

/** The contract's model at one commit alone (the other could not be read). */
export function stateAt(name: string, schema: ReadSchema, commit: 'base' | 'head'): Pick<AssetComparison, 'resolvedAs'> & { state: AssetState } {
  const found = resolve(name, schema.models);
  const state = stateOf(found?.model, commit === 'head');
  if (!found || found.by === 'name') return { state };
  return { state, resolvedAs: { name, asset: found.model.name, commits: [commit], message: foundMessage(name, found) } };
}

/**
 * The contract's model at base and head. A model is followed by its name, or, renamed, by the table it keeps: the
 * table is what consumers read. A model whose table changes (`@@map`, `@@schema`) is the asset renamed; a field is
 * its column, so a field renamed with its `@map` kept is no change, and a `@map` changed on a field that keeps its
 * name is the column renamed.
 */
export function compareModels(name: string, base: ReadSchema, head: ReadSchema): AssetComparison {
  const found = resolve(name, base.models);
  if (!found) {
    const { state, resolvedAs } = stateAt(name, head, 'head');
    return { base: { status: 'absent' }, head: state, fieldRenames: [], fieldRemovedAt: {}, ...(resolvedAs ? { resolvedAs } : {}) };
  }
  const before = found.model;
  const sameName = head.models.find((model) => model.name === before.name);
  const after = sameName ?? head.models.find((model) => model.table === before.table);
  const comparison: AssetComparison = { base: stateOf(before, false), head: stateOf(after, true), fieldRenames: [], fieldRemovedAt: {} };
  const notes = found.by === 'name' ? [] : [foundMessage(name, found)];
  if (after && !sameName) {
    notes.push(
      `The model ${before.name} is named ${after.name} at the head commit and still maps to the table ${before.table}, so its consumers read it as before. Write ${after.name} in asset.name.`,
    );
  }
  if (notes.length > 0) {
    const commits: ('base' | 'head')[] = found.by === 'name' ? ['head'] : after ? ['base', 'head'] : ['base'];
    comparison.resolvedAs = { name, asset: (after ?? before).name, commits, message: notes.join(' ') };
  }
  if (!after) {
    const removedAt = modelRemovedAt(before, base, head);
    if (removedAt) comparison.removedAt = removedAt;
    return comparison;
  }
  if (after.table !== before.table) comparison.assetRename = tableRename(before, after);
  compareFields(before, after, comparison);
  return comparison;
}

/** The model's table changed under it: named with the model, as the review's message reads `renamed to <to>`. */
function tableRename(before: ReadModel, after: ReadModel): Rename {
  const block = after.block;
  const line = block?.attributes.get('map') ?? block?.attributes.get('schema') ?? block?.line;
  return {
    from: `${before.name} (table ${before.table})`,
    to: `${after.name} (table ${after.table})`,
    ...(block && line !== undefined ? { origin: { file: block.file, line } } : {}),
  };
}

/**
 * Columns renamed (the field kept its name, its `@map` changed) and columns removed, with where it happened; a column
 * whose enum changed its values points at the enum.
 */
function compareFields(before: ReadModel, after: ReadModel, comparison: AssetComparison): void {
  const headColumns = new Map(after.fields.map((field) => [field.schema.name, field]));
  const baseColumns = new Set(before.fields.map((field) => field.schema.name));
  const headByPath = new Map(after.fields.map((field) => [field.path, field]));
  const headStates = new Map<string, FieldSchema>(comparison.head.status === 'present' ? comparison.head.schema.fields.map((field) => [field.name, field]) : []);
  before.fields.forEach((field, index) => {
    const column = field.schema.name;
    const renamed = headByPath.get(field.path);
    const kept = headColumns.get(column) ?? (renamed && !baseColumns.has(renamed.schema.name) ? renamed : undefined);
    if (!kept) {
      const removedAt = fieldRemovedAt(before.fields.slice(index + 1), after, headColumns);
      if (removedAt) comparison.fieldRemovedAt[column] = removedAt;
      return;
    }
    if (kept.schema.name !== column) {
      comparison.fieldRenames.push({ from: column, to: kept.schema.name, ...(kept.schema.origin ? { origin: kept.schema.origin } : {}) });
    }
    const valuesChangedAt = enumChangeOrigin(field, kept);
    const state = headStates.get(kept.schema.name);
    if (valuesChangedAt && state) state.origin = valuesChangedAt;
  });
}

/** Where an enum's values changed: the first value added, else the enum itself. */
function enumChangeOrigin(before: ReadField, after: ReadField): SourceLocation | undefined {
  const [was, is] = [before.schema.allowedValues ?? [], after.schema.allowedValues ?? []];
  if (!after.enumValues || (was.length === is.length && was.every((value) => is.includes(value)))) return undefined;
  const added = is.find((value) => !was.includes(value));
  return (added !== undefined ? after.enumValues.lines.get(added) : undefined) ?? after.enumValues.at;
}

/** Where a removed field was: at the line of the next field that survives, else at the block's closing brace. */
function fieldRemovedAt(following: ReadField[], after: ReadModel, headColumns: Map<string, ReadField>): SourceLocation | undefined {
  const next = following.find((field) => headColumns.has(field.schema.name));
  const origin = next && headColumns.get(next.schema.name)?.schema.origin;
  if (origin) return origin;
  return after.block ? { file: after.block.file, line: after.block.endLine } : undefined;
}

/**
 * Where a removed model was: in the file that defined it, if the head still has it, at the next model of that file
 * that survives, else at the file's last line.
 */
function modelRemovedAt(before: ReadModel, base: ReadSchema, head: ReadSchema): SourceLocation | undefined {
  const file = before.block?.file;
  const headText = head.files.find(([path]) => path === file)?.[1];
  if (!file || headText === undefined) return undefined;
  const following = base.models
    .filter((model) => model.block?.file === file && model.block.line > before.block!.line)
    .sort((a, b) => a.block!.line - b.block!.line);
  for (const model of following) {
    const survivor = head.models.find((candidate) => candidate.name === model.name)?.block;
    if (survivor?.file === file) return { file, line: survivor.line };
  }
  return { file, line: headText.trimEnd().split('\n').length };
}
