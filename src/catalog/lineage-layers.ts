import type { Enforcement } from '../core/review.js';
import type { ConsumerView, ContractView, FieldRow } from './contract-view.js';
import { LIMITS, type LineageNode, type NodeKind } from './lineage-model.js';

/** A layer cut to its limit: the items kept, in their own order, the most telling first to be kept. */
function keep<T>(items: readonly T[], limit: number, rank: (item: T) => number): { shown: T[]; hidden: T[] } {
  if (items.length <= limit) return { shown: [...items], hidden: [] };
  const kept = new Set(
    items
      .map((item, index) => ({ item, index }))
      .sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index)
      .slice(0, limit - 1)
      .map(({ item }) => item),
  );
  return { shown: items.filter((item) => kept.has(item)), hidden: items.filter((item) => !kept.has(item)) };
}

function moreNode(id: string, kind: NodeKind, count: number, noun: string): LineageNode {
  return { id, kind, label: `+${count} more ${noun}`, title: `${count} more ${noun}, listed on this page`, marks: ['more'] };
}

const fieldRank = (row: FieldRow): number =>
  row.findings.length > 0 ? 0 : row.consumers.some((view) => view.consumer.enforcement === 'blocking') ? 1 : row.consumers.length > 0 ? 2 : 3;

const consumerRank = (view: ConsumerView): number => (view.consumer.enforcement === 'blocking' ? 0 : 1);

/** One layer's nodes, and what it leaves out in words. */
export interface Layer {
  /** The folder every file of the layer is in, which the labels leave out. */
  folder?: string;
  nodes: LineageNode[];
  notes: string[];
}

/** A layer whose items have edges of their own: which node stands for each (its own, or the "more" node). */
export interface MappedLayer<T> extends Layer {
  nodeOf: Map<T, string>;
}

export function fileLayer(view: ContractView): Layer {
  const files = keep(view.sources, LIMITS.files, (file) => (file.defines.length > 0 ? 0 : 1));
  const folder = commonFolder(files.shown.map((file) => file.path));
  const nodes = files.shown.map((file, index): LineageNode => ({ id: `file-${index}`, kind: 'file', label: file.path.slice(folder.length), title: file.path, marks: [] }));
  const notes: string[] = [];
  if (files.hidden.length > 0) {
    nodes.push(moreNode('file-more', 'file', files.hidden.length, 'files'));
    notes.push(`${files.hidden.length} of the ${view.sources.length} source files are drawn as one node; the list below has them all.`);
  }
  if (view.sources.length === 0) notes.push('No file at this commit matches the asset\'s source globs.');
  return { ...(folder ? { folder } : {}), nodes, notes };
}

export function fieldLayer(view: ContractView): MappedLayer<string> {
  const contracted = view.rows.filter((row) => row.guaranteed);
  const fields = keep(contracted, LIMITS.fields, fieldRank);
  const nodeOf = new Map<string, string>();
  const nodes = fields.shown.map((row, index): LineageNode => {
    nodeOf.set(row.name, `field-${index}`);
    return fieldNode(row, `field-${index}`, view);
  });
  const notes: string[] = [];
  if (fields.hidden.length > 0) {
    for (const row of fields.hidden) nodeOf.set(row.name, 'field-more');
    nodes.push(moreNode('field-more', 'field', fields.hidden.length, 'fields'));
    notes.push(`${fields.hidden.length} of the ${contracted.length} fields under contract are drawn as one node (those with drift and those blocking consumers use are drawn first); the table above has them all.`);
  }
  const uncontracted = view.rows.length - contracted.length;
  if (uncontracted > 0) {
    notes.push(`${uncontracted === 1 ? 'One more field' : `${uncontracted} more fields`} of the asset, not under contract, ${uncontracted === 1 ? 'is' : 'are'} in the table above and not drawn.`);
  }
  return { nodes, nodeOf, notes };
}

export function consumerLayer(view: ContractView): MappedLayer<ConsumerView> {
  const consumers = keep(view.consumers, LIMITS.consumers, consumerRank);
  const nodeOf = new Map<ConsumerView, string>();
  const nodes = consumers.shown.map((consumerView, index): LineageNode => {
    nodeOf.set(consumerView, `consumer-${index}`);
    return consumerNode(consumerView, `consumer-${index}`);
  });
  const notes: string[] = [];
  if (consumers.hidden.length > 0) {
    for (const hidden of consumers.hidden) nodeOf.set(hidden, 'consumer-more');
    nodes.push({ ...moreNode('consumer-more', 'consumer', consumers.hidden.length, 'consumers'), marks: ['more', moreEnforcement(consumers.hidden)] });
    notes.push(`${consumers.hidden.length} of the ${view.consumers.length} consumers are drawn as one node; the consumers table has them all.`);
  }
  return { nodes, nodeOf, notes };
}

/** The folder every path is in (`db/migrations/`), so that the picture names each file by what tells it apart. */
function commonFolder(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  const folders = paths.map((path) => path.split('/').slice(0, -1));
  const shared: string[] = [];
  for (const [index, segment] of folders[0]!.entries()) {
    if (!folders.every((folder) => folder[index] === segment)) break;
    shared.push(segment);
  }
  return shared.map((segment) => `${segment}/`).join('');
}

export function assetNode(view: ContractView): LineageNode {
  const { type, name } = view.contract.asset;
  const state = view.asset.status;
  const title = state === 'present' ? `${type} ${name}` : state === 'absent' ? `${type} ${name}: not defined at this commit` : `${type} ${name}: could not be read`;
  return { id: 'asset', kind: 'asset', label: name, title, marks: state === 'present' ? [] : [state] };
}

function fieldNode(row: FieldRow, id: string, view: ContractView): LineageNode {
  const marks: string[] = [];
  if (row.findings.length > 0) marks.push('drift');
  if (!row.actual && view.asset.status === 'present') marks.push('missing');
  const type = row.actual?.type ?? row.guaranteed?.type;
  const problems = row.findings.map((finding) => finding.message);
  return { id, kind: 'field', label: row.name, title: [type ? `${row.name}: ${type}` : row.name, ...problems].join('\n'), marks };
}

function consumerNode(view: ConsumerView, id: string): LineageNode {
  const { name, contact, enforcement } = view.consumer;
  return { id, kind: 'consumer', label: name, title: `${name} (${contact}, ${enforcement})`, marks: [enforcement] };
}

function moreEnforcement(hidden: readonly ConsumerView[]): Enforcement {
  return hidden.some((view) => view.consumer.enforcement === 'blocking') ? 'blocking' : 'advisory';
}
