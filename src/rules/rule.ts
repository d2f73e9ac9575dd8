import type { Severity } from '../core/review.js';

/**
 * How a rule's findings get their severity (the review derives every finding's severity from it, in one place).
 * `consumers`: by the consumers that rely on what changed (a field's, or every consumer of the contract for the asset
 * or the whole schema): `blocking` if any of them blocks (`advisory` instead on a `draft` contract), `advisory` if only
 * advisory ones do; `info` when none does or the change breaks nothing; `drift` when the base commit already broke it.
 * `error`: an error, as the change cannot be judged or a check it needs cannot run; `drift` when only the base commit
 * has it. `info`: always information. `advisory`: always a warning. `drift`: always drift, the base commit already
 * breaking the contract. `owner`: a guarantee a pull request adds to a contract, which its owner must agree to keep:
 * `blocking` (`advisory` on a `draft` contract).
 */
export type SeverityPolicy = 'consumers' | 'owner' | 'info' | 'advisory' | 'error' | 'drift';

/** The asset types the catalogue's examples are written in. */
export type ExampleAssetType = 'postgres' | 'mysql' | 'avro' | 'protobuf' | 'jsonschema' | 'dbt' | 'typescript';

/**
 * A worked case that makes the rule fire, run through the whole review to prove it (Postgres examples are replayed
 * in a real Postgres). The files are named as the asset type's sources, the first one the main file:
 * - postgres: `db/migrations/V1__step.sql`, `V2__step.sql`, ...; the asset is the table `public.orders`;
 * - avro: `schemas/order.avsc`, then `schemas/extra-1.avsc`, ...; the asset is the record `com.acme.Order`;
 * - protobuf: `proto/acme/order.proto`, then `proto/acme/extra-1.proto`, ...; the asset is the message `acme.Order`;
 * - jsonschema: `schemas/order.json`, then `schemas/extra-1.json`, ...; the asset is `schemas/order.json` (or its `$id`).
 */
export interface RuleExample {
  /** Default: postgres. */
  assetType?: ExampleAssetType;
  /**
   * YAML of the `fields` and `consumers` parts of the contract (and `owner` or `status` where the example needs them),
   * at the base commit; null when the base has no contract file (the pull request adds it).
   */
  contract: string | null;
  /** When the pull request changes the contract file itself: its body at the head commit, null when it is deleted. */
  contractAfter?: string | null;
  /**
   * YAML lines added under the contract's `asset:` (such as `compatibility: BACKWARD`), indented by two spaces; a
   * `name:` or `source:` line here replaces the layout's.
   */
  asset?: string;
  /** The same lines at the head commit, when the pull request changes them in the contract file. */
  assetAfter?: string;
  /** The asset's files at the base commit, in order. */
  before: readonly string[];
  /** The asset's files at the head commit, in order. */
  after: readonly string[];
  /**
   * For the registry rules, the schema registry the review asks: `base-registered` has the base's main file as the
   * subject's latest version, `empty` has no version of the subject, `unreachable` does not answer.
   */
  registry?: 'base-registered' | 'empty' | 'unreachable';
  /** The severity of the rule's finding for this example. */
  expect: Severity;
}

export interface RuleDefinition {
  /** Stable: findings, docs and users' tooling refer to it, so it is never renamed. */
  id: string;
  title: string;
  /**
   * `change`: the PR changed the asset; `conformance`: the base already breaks the contract; `error`: not judged;
   * `agreement`: the PR changed a contract, which needs the consent of the consumers or the owner it binds.
   */
  kind: 'change' | 'conformance' | 'error' | 'agreement';
  severityPolicy: SeverityPolicy;
  description: string;
  example: RuleExample;
}

/** The consumer the catalogue's examples share: a blocking finance team. */
export const FINANCE = `consumers:
  - name: Finance dashboards
    contact: "@acme/analytics"
    enforcement: blocking`;
