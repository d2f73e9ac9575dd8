import { describe, expect, it } from '@jest/globals';
import type { CompatibilityDirection, SchemaFile } from '../../../src/assets/events/format.js';
import { jsonSchemaFormat } from '../../../src/assets/jsonschema/format.js';
import { LIMITS } from '../../../src/assets/jsonschema/limits.js';
import type { JsonSchemaAsset } from '../../../src/assets/jsonschema/asset.js';
import { JSON_SCHEMA_RULES } from '../../../src/rules/jsonschema-rules.js';

const ORDER = 'schemas/order.json';

function read(schema: unknown): ReturnType<typeof jsonSchemaFormat.read> {
  const file: SchemaFile = { path: ORDER, text: JSON.stringify(schema, null, 1) };
  return jsonSchemaFormat.read([file], ORDER);
}

function present(schema: unknown): JsonSchemaAsset {
  const result = read(schema);
  if (result.status !== 'present') throw new Error(JSON.stringify(result));
  return result.parsed;
}

/** The incompatibilities and how long finding them took. */
function timed(before: unknown, after: unknown, direction: CompatibilityDirection = 'backward') {
  const [older, newer] = [present(before), present(after)];
  const started = performance.now();
  const found = jsonSchemaFormat.incompatibilities(older, newer, direction, { policy: 'strict' });
  return { found, milliseconds: performance.now() - started };
}

/** `count` definitions, each referring to the next from every name in `holders`; the last is `leaf`. */
function chainOfDefinitions(count: number, holder: (next: { $ref: string }) => object, leaf: object) {
  const definitions: Record<string, object> = {};
  for (let index = 0; index < count; index += 1) definitions[`d${index}`] = holder({ $ref: `#/definitions/d${index + 1}` });
  definitions[`d${count}`] = leaf;
  return definitions;
}

const SECONDS = 1000;

describe('regular expressions from schemas', () => {
  const evil = '^(a+)+$';
  const attack = `${'a'.repeat(40)}!`;

  it('checks listed values against a pattern with nested quantifiers in linear time', () => {
    const values = { enum: [attack, 'aaa'] };
    const { found, milliseconds } = timed({ properties: { code: values } }, { properties: { code: { ...values, pattern: evil } } });
    expect(found.map((problem) => [problem.rule, problem.path])).toEqual([['jsonschema-pattern-changed', 'code']]);
    expect(found[0]?.message).toContain(JSON.stringify(attack));
    expect(milliseconds).toBeLessThan(5 * SECONDS);
  });

  it('matches property names against patternProperties with nested quantifiers in linear time', () => {
    const closed = { patternProperties: { [evil]: { type: 'integer' } }, additionalProperties: false };
    const { found, milliseconds } = timed({ properties: { [attack]: { type: 'string' } } }, closed);
    // Closing the open model counts too: `timed` compares under the strict policy.
    const rules = ['jsonschema-additional-properties-narrowed', 'jsonschema-property-removed-from-closed-model'];
    expect(found.map((problem) => problem.rule).sort()).toEqual(rules);
    expect(milliseconds).toBeLessThan(5 * SECONDS);
  });

  it('says which pattern RE2 cannot run, and takes it as possibly refusing, never as passing', () => {
    const { found } = timed({ properties: { code: { enum: ['aa'] } } }, { properties: { code: { enum: ['aa'], pattern: '^(a)\\1$' } } });
    expect(found).toEqual([
      expect.objectContaining({ rule: 'jsonschema-pattern-changed', message: expect.stringContaining('RE2 cannot run /^(a)\\1$/') }),
    ]);
    const lookahead = { patternProperties: { '^(?=n)': { type: 'integer' } }, additionalProperties: false };
    const removed = timed({ properties: { note: { type: 'string' } }, ...lookahead }, lookahead).found;
    expect(removed).toEqual([expect.objectContaining({ rule: 'jsonschema-property-removed-from-closed-model', message: expect.stringContaining('(?=n)') })]);
  });
});

describe('shared $refs', () => {
  it('compares each pair of a deep DAG of definitions once, not once per path', () => {
    const holder = (next: object) => ({ type: 'object', patternProperties: { '^p': next }, additionalProperties: next });
    const schema = (leaf: string) => ({ $ref: '#/definitions/d0', definitions: chainOfDefinitions(40, holder, { type: leaf }) });
    const { found, milliseconds } = timed(schema('string'), schema('integer'));
    expect(found.map((problem) => problem.rule)).toEqual(['jsonschema-additional-properties-narrowed']);
    expect(milliseconds).toBeLessThan(5 * SECONDS);
  });

  it('tells a problem of a shared definition at its first few paths, not at every one of them', () => {
    const holder = (next: object) => ({ type: 'object', properties: { left: next, right: next } });
    const schema = (leaf: string) => ({ $ref: '#/definitions/d0', definitions: chainOfDefinitions(12, holder, { type: leaf }) });
    const { found, milliseconds } = timed(schema('string'), schema('integer'));
    expect(found.length).toBeGreaterThan(1);
    expect(found.length).toBeLessThanOrEqual(10);
    expect(found.every((problem) => problem.rule === 'jsonschema-type-changed' && problem.path.split('.').length === 12)).toBe(true);
    expect(milliseconds).toBeLessThan(5 * SECONDS);
  });

  it('refuses to list the fields of a DAG with more paths than fields it lists, at the root', () => {
    const holder = (next: object) => ({ type: 'object', properties: { left: next, right: next } });
    const result = read({ $ref: '#/definitions/d0', definitions: chainOfDefinitions(40, holder, { type: 'string' }) });
    expect(result).toMatchObject({ status: 'error', error: { file: ORDER, line: 1, message: expect.stringContaining('more than 10000 fields') } });
  });

  it('compares a shared definition afresh after the recursion it was first compared under proves incompatible', () => {
    // `first` enters a, then a's b, which meets a again; `second` holds a's properties through allOf, so it meets that
    // same b where a is not being compared, and must find the problem a has.
    const schema = (bad: string) => ({
      type: 'object',
      properties: { first: { $ref: '#/definitions/a' }, second: { allOf: [{ $ref: '#/definitions/a' }] } },
      definitions: {
        a: { type: 'object', properties: { b: { $ref: '#/definitions/b' }, bad: { type: bad } } },
        b: { type: 'object', properties: { a: { $ref: '#/definitions/a' } } },
      },
    });
    const paths = timed(schema('string'), schema('integer')).found.map((problem) => problem.path);
    expect(paths.sort()).toEqual(['first.bad', 'second.b.a.bad', 'second.bad']);
  });
});

describe('deep schemas', () => {
  it('stops a $ref chain longer than 64 with an error at its line', () => {
    const definitions = chainOfDefinitions(5000, (next) => next, { type: 'string' });
    const result = read({ properties: { start: { $ref: '#/definitions/d0' } }, definitions });
    expect(result).toMatchObject({ status: 'error', error: { message: expect.stringContaining('$ref and allOf chain is longer than 64') } });
  });

  it('stops properties nested more than 256 levels deep through $refs with an error, not a stack overflow', () => {
    const definitions = chainOfDefinitions(3000, (next) => ({ type: 'object', properties: { next } }), { type: 'string' });
    const result = read({ $ref: '#/definitions/d0', definitions });
    expect(result).toMatchObject({ status: 'error', error: { message: expect.stringContaining('nest more than 256 levels deep') } });
  });

  it('stops oneOf branches that combine into more than 1024 alternatives', () => {
    const choice = { oneOf: [{ required: ['a'] }, { required: ['b'] }] };
    const result = read({ type: 'object', properties: { a: { type: 'string' } }, allOf: Array.from({ length: 11 }, () => choice) });
    expect(result).toMatchObject({ status: 'error', error: { message: expect.stringContaining('more than 1024 alternatives') } });
  });

  it('says where a comparison nested past 128 levels stops, and what it found before', () => {
    let tree: object = { type: 'string' };
    for (let level = 0; level < 140; level += 1) tree = { type: 'object', properties: { child: tree } };
    const { found } = timed({ properties: { tree, note: { type: 'string' } } }, { properties: { tree, note: { type: 'integer' } } });
    expect(found.map((problem) => problem.rule).sort()).toEqual(['jsonschema-too-complex-to-compare', 'jsonschema-type-changed']);
    expect(found.find((problem) => problem.rule === 'jsonschema-too-complex-to-compare')?.message).toMatch(/^Field tree(\.child)+: .*128 levels/);
  });
});

it('documents the limits it applies', () => {
  const rule = JSON_SCHEMA_RULES.find((candidate) => candidate.id === 'jsonschema-too-complex-to-compare');
  const limits = [LIMITS.comparisonDepth, LIMITS.referenceChain, LIMITS.alternatives, LIMITS.pairs].map((limit) => limit.toLocaleString('en'));
  for (const limit of limits) expect(rule?.description).toMatch(new RegExp(`\\b${limit}\\b`));
});
