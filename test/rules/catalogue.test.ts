import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadModule, parseSync } from 'libpg-query';
import { parse } from 'yaml';
import { contractSchema } from '../../src/contracts/schema.js';
import { RULES, ruleById } from '../../src/rules/catalogue.js';

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
      'field-made-nullable',
      'enum-value-removed',
      'enum-value-added',
      'primary-key-removed',
      'unique-removed',
      'field-default-changed',
      'field-added',
      'asset-missing',
      'field-missing',
      'field-type-mismatch',
      'field-not-required',
      'enum-values-mismatch',
      'primary-key-missing',
      'unique-missing',
      'migration-failed',
    ]);
  });

  it('finds a rule by id', () => {
    expect(ruleById('field-renamed')?.kind).toBe('change');
    expect(ruleById('no-such-rule')).toBeUndefined();
  });

  it('reports conformance only as drift, and errors only as errors', () => {
    for (const rule of RULES) {
      if (rule.kind === 'conformance') expect(rule.severityPolicy).toBe('drift');
      if (rule.kind === 'error') expect(rule.severityPolicy).toBe('error');
      if (rule.kind === 'change') expect(['consumers', 'info']).toContain(rule.severityPolicy);
    }
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s has an example its policy can produce', (_id, rule) => {
    const possible = {
      consumers: ['blocking', 'advisory'],
      info: ['info'],
      drift: ['drift'],
      error: ['error'],
    }[rule.severityPolicy];
    expect(possible).toContain(rule.example.expect);
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s has a valid example contract for public.orders', (_id, rule) => {
    const header = { id: 'orders', asset: { type: 'postgres', name: 'public.orders', source: 'db/migrations/*.sql' } };
    const parsed = contractSchema.safeParse({ ...header, ...parse(rule.example.contract) });
    expect(parsed.error?.issues).toBeUndefined();
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s has example migrations Postgres parses, changed by the head', (_id, rule) => {
    const { before, after } = rule.example;
    for (const migration of [...before, ...after]) expect(() => parseSync(migration)).not.toThrow();
    expect(after).not.toEqual(before);
  });
});
