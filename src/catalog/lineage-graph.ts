import type { ConsumerView, ContractView } from './contract-view.js';
import { assetNode, consumerLayer, fieldLayer, fileLayer, type Layer, type MappedLayer } from './lineage-layers.js';
import type { LineageEdge, LineageGraph, LineageNode } from './lineage-model.js';

/** Edges between drawn nodes, once each: an edge into a "more" node is blocking when any it stands for is. */
function edgesOf(view: ContractView, asset: LineageNode, files: Layer, fields: MappedLayer<string>, consumers: MappedLayer<ConsumerView>): LineageEdge[] {
  const edges = new Map<string, LineageEdge>();
  const add = (edge: LineageEdge): void => {
    const known = edges.get(`${edge.from}>${edge.to}`);
    if (!known || (known.kind === 'advisory' && edge.kind === 'blocking')) edges.set(`${edge.from}>${edge.to}`, edge);
  };
  for (const node of files.nodes) add({ from: node.id, to: asset.id, kind: 'source', title: `${node.title} defines ${asset.label}` });
  for (const node of fields.nodes) add({ from: asset.id, to: node.id, kind: 'field', title: `${asset.label}: ${node.label}` });
  const labelOf = new Map([asset, ...fields.nodes].map((node) => [node.id, node.label]));
  for (const consumerView of view.consumers) {
    const { name, enforcement } = consumerView.consumer;
    const to = consumers.nodeOf.get(consumerView)!;
    const used = consumerView.fields.map((field) => fields.nodeOf.get(field)!);
    // With no fields under contract, a consumer relies on the asset as a whole.
    const from = used.length > 0 ? used : [asset.id];
    const who = to === 'consumer-more' ? 'Consumers not drawn use' : `${name} (${enforcement}) uses`;
    for (const id of from) add({ from: id, to, kind: enforcement, title: `${who} ${labelOf.get(id)}` });
  }
  return [...edges.values()];
}

export function lineageGraph(view: ContractView): LineageGraph {
  const asset = assetNode(view);
  const files = fileLayer(view);
  const fields = fieldLayer(view);
  const consumers = consumerLayer(view);
  const edges = edgesOf(view, asset, files, fields, consumers);
  const layers = [
    { title: 'Source files', ...(files.folder ? { folder: files.folder } : {}), nodes: files.nodes },
    { title: 'Asset', nodes: [asset] },
    { title: 'Fields under contract', nodes: fields.nodes },
    { title: 'Consumers', nodes: orderByUse(consumers.nodes, fields.nodes, edges) },
  ].filter((layer) => layer.nodes.length > 0);
  return { layers, edges, notes: [...files.notes, ...fields.notes, ...consumers.notes] };
}

/** Consumers placed by the mean position of the fields they read (stable for ties): fewer edges cross. */
function orderByUse(consumers: readonly LineageNode[], fields: readonly LineageNode[], edges: readonly LineageEdge[]): LineageNode[] {
  const position = new Map(fields.map((node, index) => [node.id, index]));
  const centre = (node: LineageNode): number => {
    const places = edges.filter((edge) => edge.to === node.id && position.has(edge.from)).map((edge) => position.get(edge.from)!);
    return places.length === 0 ? -1 : places.reduce((sum, place) => sum + place, 0) / places.length;
  };
  return consumers
    .map((node, index) => ({ node, index, centre: centre(node) }))
    .sort((a, b) => a.centre - b.centre || a.index - b.index)
    .map(({ node }) => node);
}
