import type { JsonSchemaRuleId } from '../../rules/jsonschema-rules.js';
import { type Finding, joinPath, type Pass, type Place, type Roles } from './comparison.js';
import { locationOf, nodeKey } from './keywords.js';
import { LIMITS, SchemaTooComplex } from './limits.js';
import { type Frame, newFrame, PairMemo } from './pair-memo.js';
import type { SchemaView } from './view.js';
import { isUnconstrained } from './views.js';

/** How one pair of schemas is compared, relative to the pair (at path ''). */
type Walk = (pass: Pass, writer: SchemaView, reader: SchemaView, path: string) => void;

/** What the comparisons behind one verdict share: how a pair is walked, the pairs compared, and their count. */
export class Session {
  readonly memo = new PairMemo();
  private pairs = 0;
  private readonly ids = new WeakMap<object, number>();
  private lastId = 0;

  constructor(readonly walk: Walk) {}

  /** Names the roles: which version reads, and the policy. */
  rolesKey(roles: Roles): string {
    return `${this.idOf(roles.writer)}>${this.idOf(roles.reader)}${roles.strict ? ' strict' : ''}`;
  }

  /** Names a pair in its roles: a node's view is built once, so a shared `$ref` is the same pair wherever met. */
  pairKey(roles: Roles, writer: SchemaView, reader: SchemaView): string {
    return `${this.rolesKey(roles)} ${this.idOf(writer)}:${this.idOf(reader)}`;
  }

  /** Counts a pair about to be compared, and stops the verdict past the limit. */
  count(reader: SchemaView): void {
    this.pairs += 1;
    if (this.pairs > LIMITS.pairs) throw SchemaTooComplex.at(reader.home, `more than ${LIMITS.pairs} pairs of schemas to compare`);
  }

  private idOf(object: object): number {
    let id = this.ids.get(object);
    if (id === undefined) {
      this.lastId += 1;
      id = this.lastId;
      this.ids.set(object, id);
    }
    return id;
  }
}

/** A pass's findings, in order; a problem of a shared definition, reached by many paths, is kept at its first few. */
class Findings {
  readonly list: Finding[] = [];
  private readonly paths = new Map<string, number>();

  add(finding: Finding): void {
    const seen = this.paths.get(finding.origin) ?? 0;
    if (seen >= LIMITS.pathsPerSharedProblem) return;
    this.paths.set(finding.origin, seen + 1);
    this.list.push(finding);
  }
}

/**
 * A pass over one pair, on a stack of the pairs being compared around it: a pair already on the stack (a recursive
 * schema) is taken as compatible there, a pair compared before is not compared again, and the stack is no deeper
 * than `LIMITS.comparisonDepth`.
 */
export class Comparison implements Pass {
  private readonly findings = new Findings();

  constructor(
    readonly roles: Roles,
    private readonly session: Session,
    private readonly stack: readonly Frame[],
  ) {}

  get found(): readonly Finding[] {
    return this.findings.list;
  }

  report(rule: JsonSchemaRuleId, path: string, detail: string, places: { writer?: Place; reader?: Place }): void {
    const place = this.roles.readerIsNewer ? (places.reader ?? places.writer) : (places.writer ?? places.reader);
    const location = place ? { location: locationOf(place.node, place.keyword) } : {};
    // The same problem met by another path to a shared definition reports the same detail at the same line.
    const origin = JSON.stringify([rule, path, detail, location.location ?? null]);
    this.findings.add({ rule, path, detail, ...location, origin });
  }

  adopt(findings: readonly Finding[]): void {
    for (const finding of findings) this.findings.add(finding);
  }

  compare(writer: SchemaView, reader: SchemaView, path: string): void {
    if (writer.never || isUnconstrained(reader)) return;
    const { roles, session, stack } = this;
    const key = session.pairKey(roles, writer, reader);
    let findings = session.memo.get(key);
    if (!findings) {
      const cycleKey = JSON.stringify([session.rolesKey(roles), writer.definitions.map(nodeKey), reader.definitions.map(nodeKey)]);
      const parent = stack.at(-1);
      const met = stack.findIndex((frame) => frame.cycleKey === cycleKey);
      const metFrame = stack[met];
      if (metFrame && parent) {
        metFrame.assumed = true;
        parent.lowestCut = Math.min(parent.lowestCut, met);
        return;
      }
      if (stack.length >= LIMITS.comparisonDepth) {
        const depth = `the schemas nest more than ${LIMITS.comparisonDepth} levels deep here`;
        const detail = `${depth}, where the comparison stops: what lies deeper is not compared`;
        this.report('jsonschema-too-complex-to-compare', path, detail, { writer: { node: writer.home }, reader: { node: reader.home } });
        return;
      }
      session.count(reader);
      const frame = newFrame(cycleKey, stack.length);
      const inner = new Comparison(roles, session, [...stack, frame]);
      session.walk(inner, writer, reader, '');
      findings = inner.found;
      session.memo.settle(key, findings, frame, parent);
    }
    for (const finding of findings) this.findings.add({ ...finding, path: joinPath(path, finding.path) });
  }

  trial(writer: SchemaView, reader: SchemaView, path: string, roles: Roles = this.roles): readonly Finding[] {
    const trial = new Comparison(roles, this.session, this.stack);
    trial.compare(writer, reader, path);
    return trial.found;
  }
}
