import { Ajv, type ErrorObject } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { JsonDocument, JsonPath } from '../json-document.js';
import type { ExtractionError } from '../model.js';
import { follow, pointerSteps } from './keywords.js';
import { type Draft, isJsonObject } from './model.js';
import { re2Engine } from './patterns.js';

/** The meta-schema URIs of the drafts, without scheme or trailing `#`: both are written either way. */
const DRAFTS: Record<string, Draft> = {
  'json-schema.org/draft-07/schema': '07',
  'json-schema.org/draft/2019-09/schema': '2019-09',
  'json-schema.org/draft/2020-12/schema': '2020-12',
};

/**
 * A file that names no draft is read as draft-07, as Confluent Schema Registry and the other registries read it:
 * the same file must get the same verdict here as there (`prefixItems`, `$anchor` or `dependentRequired` then mean
 * nothing, and a `$ref` hides its sibling keywords).
 */
const DEFAULT_DRAFT: Draft = '07';

/** The draft a schema file is written in, or an error at its `$schema` when it names a draft this reader lacks. */
export function draftOf(document: JsonDocument): { ok: true; draft: Draft } | { ok: false; error: ExtractionError } {
  const { value } = document;
  const metaSchema = isJsonObject(value) ? value.$schema : undefined;
  if (metaSchema === undefined) return { ok: true, draft: DEFAULT_DRAFT };
  const draft = typeof metaSchema === 'string' ? DRAFTS[metaSchema.replace(/^https?:\/\//, '').replace(/#$/, '')] : undefined;
  if (draft) return { ok: true, draft };
  const message = `$schema ${JSON.stringify(metaSchema)} names no draft this reader supports (draft-07, 2019-09, 2020-12)`;
  return { ok: false, error: { kind: 'failed', file: document.file, line: document.lineOf(['$schema']), message } };
}

type Validator = Ajv | Ajv2019 | Ajv2020;

const validators = new Map<Draft, Validator>();

/** One Ajv per draft, made on first use: each knows only its own meta-schema. */
export function ajvFor(draft: Draft): Validator {
  let validator = validators.get(draft);
  if (!validator) {
    // Patterns run through RE2, never through a backtracking engine (the meta-schemas' own patterns included).
    const options = { strict: false, validateFormats: false, code: { regExp: re2Engine } };
    validator = draft === '07' ? new Ajv(options) : draft === '2019-09' ? new Ajv2019(options) : new Ajv2020(options);
    validators.set(draft, validator);
  }
  return validator;
}

/**
 * Checks the schema at `at` in the file (the whole file by default) against its draft's meta-schema; the first
 * problem, at its line, if it is no valid schema.
 */
export function invalidSchema(document: JsonDocument, draft: Draft, at: JsonPath = []): ExtractionError | undefined {
  const ajv = ajvFor(draft);
  if (ajv.validateSchema(follow(document.value, at).value as object) === true) return undefined;
  const [first] = ajv.errors ?? [];
  if (!first) return undefined;
  const { path } = follow(document.value, [...at, ...pointerSteps(first.instancePath)]);
  const pointer = at.map((step) => `/${String(step).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('') + first.instancePath;
  return {
    kind: 'failed',
    file: document.file,
    line: document.lineOf(path) ?? 1,
    message: `not a valid JSON Schema (draft ${draft}): ${pointer || 'the root'} ${describe(first)}`,
  };
}

function describe(error: ErrorObject): string {
  const allowed = error.params.allowedValues as unknown[] | undefined;
  return allowed ? `${error.message} (${allowed.map((value) => JSON.stringify(value)).join(', ')})` : `${error.message}`;
}

