import type { JsonSchemaRuleId } from '../../rules/jsonschema-rules.js';
import type { SourceLocation } from '../model.js';
import type { SchemaNode } from './model.js';
import type { SchemaView, Written } from './view.js';
import type { Views } from './views.js';

/**
 * The two versions in the roles a direction gives them: the writer's data must be valid under the reader. Backward
 * has the newer schema read the older one's data; forward the reverse.
 */
export interface Roles {
  writer: Views;
  reader: Views;
  readerIsNewer: boolean;
  /** `strict` also refuses what an open content model's data might carry (`asset.policy`). */
  strict: boolean;
}

/** A schema, or one keyword of it: where a problem is written. */
export interface Place {
  node: SchemaNode;
  keyword?: string;
}

/**
 * One problem as a pass finds it, before it is told: `path` is relative to the pair of schemas the pass compares, and
 * `origin` is the problem as found where it is written, so a problem inside a shared definition is known as one
 * however many paths reach it.
 */
export interface Finding {
  rule: JsonSchemaRuleId;
  path: string;
  detail: string;
  location?: SourceLocation;
  origin: string;
}

/** One walk over a writer and reader pair, and where its problems go. */
export interface Pass {
  readonly roles: Roles;
  /** `detail` is a clause naming both versions, as `writerSide` and `readerSide` spell them. */
  report(rule: JsonSchemaRuleId, path: string, detail: string, places: { writer?: Place; reader?: Place }): void;
  /** Problems found elsewhere (a trial) that are this pass's too. */
  adopt(findings: readonly Finding[]): void;
  /** Compares two schemas at `path`, reporting what it finds into this pass. */
  compare(writer: SchemaView, reader: SchemaView, path: string): void;
  /**
   * What comparing two schemas would report, without reporting it: whether one accepts the other's data. `roles`
   * swaps the versions where the reader's schema is the one whose values must be accepted (`not`).
   */
  trial(writer: SchemaView, reader: SchemaView, path: string, roles?: Roles): readonly Finding[];
}

/** The versions in each other's roles: where the reader's values must be accepted by the writer's schema. */
export function swapRoles(roles: Roles): Roles {
  return { ...roles, writer: roles.reader, reader: roles.writer, readerIsNewer: !roles.readerIsNewer };
}

export function writerSide(roles: Roles): string {
  return roles.readerIsNewer ? 'the old schema' : 'the new schema';
}

export function readerSide(roles: Roles): string {
  return roles.readerIsNewer ? 'the new schema' : 'the old schema';
}

/** `path` and a path inside it, either of which may be the schema itself (''). */
export function joinPath(path: string, name: string): string {
  return path && name ? `${path}.${name}` : path || name;
}

/** Where a constraint is written, or the schema itself when it has none. */
export function placeOf(view: SchemaView, written?: Written<unknown>): Place {
  return written ? { node: written.node, keyword: written.keyword } : { node: view.home };
}
