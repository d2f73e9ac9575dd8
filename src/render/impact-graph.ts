import type { AffectedConsumer, ContractSummary, Enforcement, Finding, Review } from '../core/review.js';
import { plural } from '../core/words.js';

/** Past this many findings drawn, the graph stops being readable in a comment: the rest are counted, not drawn. */
export const MAX_DRAWN_FINDINGS = 40;
/** Rules and fields named on one edge; more are counted. */
const MAX_EDGE_SUBJECTS = 3;

/**
 * The impact of the change as a Mermaid flowchart (GitHub draws it): each changed file behind a blocking or advisory
 * finding, the asset it changes, the contract and the consumers affected, blocking ones marked. Undefined when no
 * finding blocks: with nothing to stop the merge there is nothing worth drawing.
 */
export function impactGraph(review: Review): string | undefined {
  if (!review.findings.some(blocks)) return undefined;
  const relevant = review.findings.filter((finding) => finding.severity === 'blocking' || finding.severity === 'advisory');
  // What blocks is drawn first, so a long list of advisory findings never crowds it out.
  const drawn = [...relevant].sort((a, b) => Number(blocks(b)) - Number(blocks(a))).slice(0, MAX_DRAWN_FINDINGS);
  const graph = new Graph();
  for (const finding of drawn) {
    const contract = review.contracts.find((candidate) => candidate.id === finding.contract);
    drawFinding(graph, finding, contract);
  }
  const left = relevant.length - drawn.length;
  return [
    '```mermaid',
    'flowchart LR',
    ...graph.lines(),
    '  classDef blocking stroke:#d1242f,stroke-width:3px',
    '  classDef advisory stroke:#9a6700,stroke-dasharray:4 3',
    '  classDef accepted stroke:#1a7f37',
    '```',
    ...(left > 0 ? [`${plural(left, 'more finding')} not drawn.`] : []),
  ].join('\n');
}

function drawFinding(graph: Graph, finding: Finding, contract: ContractSummary | undefined): void {
  const subject = [finding.rule, finding.field].filter(Boolean).join(' ');
  const fileNode = finding.file ? graph.node(`file:${finding.file}`, 'box', finding.file) : undefined;
  // A finding on the contract file itself (a change to the agreement) reaches the contract without the asset.
  const assetNode =
    contract && finding.file !== contract.file
      ? graph.node(`asset:${contract.asset.type}:${contract.asset.name}`, 'cylinder', `${contract.asset.name} · ${contract.asset.type}`)
      : undefined;
  const contractNode = graph.node(`contract:${finding.contract}`, 'hexagon', `contract ${finding.contract}`);
  if (fileNode) graph.edge(fileNode, assetNode ?? contractNode, subject);
  if (assetNode) graph.edge(assetNode, contractNode);
  for (const consumer of finding.consumers) {
    // A consumer whose approval accepted the break is drawn as it is, without the mark of what blocks.
    const blocking = consumer.enforcement === 'blocking' && !finding.accepted;
    const consumerNode = graph.node(`consumer:${finding.contract}:${consumer.name}:${consumer.contact}`, 'stadium', consumerLabel(consumer), consumer.enforcement);
    graph.edge(contractNode, consumerNode, undefined, blocking);
  }
}

/** A finding that stops the merge: blocking, and not accepted by an approval. */
function blocks(finding: Finding): boolean {
  return finding.severity === 'blocking' && !finding.accepted;
}

function consumerLabel(consumer: AffectedConsumer): string {
  return `${consumer.name} · ${consumer.contact} · ${consumer.enforcement}`;
}

type Shape = 'box' | 'cylinder' | 'hexagon' | 'stadium';
interface GraphNode {
  id: string;
  shape: Shape;
  label: string;
  /** A consumer's: how a break of its guarantee is treated. */
  enforcement?: Enforcement;
}
const SHAPES: Record<Shape, [string, string]> = { box: ['[', ']'], cylinder: ['[(', ')]'], hexagon: ['{{', '}}'], stadium: ['([', '])'] };

/** Nodes and edges in the order first drawn, so the same review always gives the same text. */
class Graph {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, { from: string; to: string; subjects: string[]; thick: boolean }>();

  node(key: string, shape: Shape, label: string, enforcement?: Enforcement): string {
    let node = this.nodes.get(key);
    if (!node) {
      node = { id: `n${this.nodes.size + 1}`, shape, label, ...(enforcement ? { enforcement } : {}) };
      this.nodes.set(key, node);
    }
    return node.id;
  }

  edge(from: string, to: string, subject?: string, thick = false): void {
    const key = `${from}>${to}`;
    const edge = this.edges.get(key) ?? { from, to, subjects: [], thick };
    if (subject && !edge.subjects.includes(subject)) edge.subjects.push(subject);
    edge.thick ||= thick;
    this.edges.set(key, edge);
  }

  lines(): string[] {
    // A consumer a thick arrow reaches is one a finding still blocks for (⛔); a blocking one reached by none accepted.
    const blocked = new Set([...this.edges.values()].filter((edge) => edge.thick).map((edge) => edge.to));
    const nodes = [...this.nodes.values()].map(
      ({ id, shape, label }) => `  ${id}${SHAPES[shape][0]}"${mermaidText(`${blocked.has(id) ? '⛔ ' : ''}${label}`)}"${SHAPES[shape][1]}`,
    );
    const edges = [...this.edges.values()].map(({ from, to, subjects, thick }) => {
      const arrow = thick ? '==>' : '-->';
      return subjects.length === 0 ? `  ${from} ${arrow} ${to}` : `  ${from} ${arrow}|"${mermaidText(edgeLabel(subjects))}"| ${to}`;
    });
    const classes = [...this.nodes.values()].flatMap(({ id, enforcement }) =>
      enforcement ? [`  class ${id} ${blocked.has(id) ? 'blocking' : enforcement === 'blocking' ? 'accepted' : 'advisory'}`] : [],
    );
    return [...nodes, ...edges, ...classes];
  }
}

function edgeLabel(subjects: string[]): string {
  const shown = subjects.slice(0, MAX_EDGE_SUBJECTS).join(', ');
  return subjects.length > MAX_EDGE_SUBJECTS ? `${shown} +${subjects.length - MAX_EDGE_SUBJECTS} more` : shown;
}

/**
 * Text as Mermaid shows it inside a quoted label: every character that Mermaid, Markdown or HTML could read as syntax
 * (quotes, brackets, pipes, backticks, `#`, `<`) written as Mermaid's `#code;` entity, so a name from a contract can
 * neither end the label nor the code block.
 */
export function mermaidText(text: string): string {
  return text.replace(/[^\p{L}\p{N} _.,:/@+\-·⛔]/gu, (character) => `#${character.codePointAt(0)};`);
}
