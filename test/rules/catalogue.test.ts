import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadModule, parseSync } from 'libpg-query';
import { parse } from 'yaml';
import { contractSchema } from '../../src/contracts/schema.js';
import { AVRO_RULES } from '../../src/rules/avro-rules.js';
import { RULES, ruleById } from '../../src/rules/catalogue.js';
import { exampleContract } from '../../src/rules/example-files.js';
import { JSON_SCHEMA_RULES } from '../../src/rules/jsonschema-rules.js';
import { PROTOBUF_RULES } from '../../src/rules/protobuf-rules.js';

beforeAll(async () => {
  await loadModule();
});

describe('the rule catalogue', () => {
  it('keeps every id it ever published, in order', () => {
    expect(RULES.map((rule) => rule.id)).toEqual([
      'asset-removed',
      'asset-renamed',
      'field-removed',
      'field-renamed',
      'field-type-changed',
      'field-type-widened',
      'field-type-narrowed',
      'field-made-nullable',
      'enum-value-removed',
      'enum-value-added',
      'primary-key-removed',
      'unique-removed',
      'field-default-changed',
      'field-added',
      'asset-missing',
      'asset-not-found',
      'asset-name-resolved',
      'field-missing',
      'field-type-mismatch',
      'field-not-required',
      'enum-values-mismatch',
      'primary-key-missing',
      'unique-missing',
      'migration-failed',
      'union-branch-removed',
      'compatibility-history-incomplete',
      'compatibility-unchecked',
      'registry-incompatible',
      'registry-subject-missing',
      'registry-unavailable',
      'schema-invalid',
      ...AVRO_RULES.map((rule) => rule.id),
      ...PROTOBUF_RULES.map((rule) => rule.id),
      ...JSON_SCHEMA_RULES.map((rule) => rule.id),
    ]);
  });

  it('names the compatibility rules of each format with its prefix', () => {
    for (const [prefix, rules] of [['avro-', AVRO_RULES], ['protobuf-', PROTOBUF_RULES], ['jsonschema-', JSON_SCHEMA_RULES]] as const) {
      for (const rule of rules) {
        expect(rule.id.startsWith(prefix)).toBe(true);
        expect(rule.example.assetType).toBe(prefix.slice(0, -1));
      }
    }
  });

  it('finds a rule by id', () => {
    expect(ruleById('field-renamed')?.kind).toBe('change');
    expect(ruleById('no-such-rule')).toBeUndefined();
  });

  it('reports conformance only as drift, and errors only as errors', () => {
    for (const rule of RULES) {
      if (rule.kind === 'conformance') expect(rule.severityPolicy).toBe('drift');
      // A check that could not run is an error for the review, but only a broken definition fails it.
      if (rule.kind === 'error') expect(['error', 'info', 'advisory']).toContain(rule.severityPolicy);
      if (rule.kind === 'change') expect(['consumers', 'info']).toContain(rule.severityPolicy);
    }
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s has an example its policy can produce', (_id, rule) => {
    const possible = {
      consumers: ['blocking', 'advisory'],
      info: ['info'],
      advisory: ['advisory'],
      drift: ['drift'],
      error: ['error'],
    }[rule.severityPolicy];
    expect(possible).toContain(rule.example.expect);
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s has a valid example contract', (_id, rule) => {
    const parsed = contractSchema.safeParse(parse(exampleContract(rule.example)));
    expect(parsed.error?.issues).toBeUndefined();
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s has an example the head changes', (_id, rule) => {
    const { before, after } = rule.example;
    if ((rule.example.assetType ?? 'postgres') === 'postgres') {
      for (const migration of [...before, ...after]) expect(() => parseSync(migration)).not.toThrow();
    }
    expect(after).not.toEqual(before);
  });
});
