import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadModule, parseSync } from 'libpg-query';
import { parse } from 'yaml';
import { contractSchema } from '../../src/contracts/schema.js';
import { AVRO_RULES } from '../../src/rules/avro-rules.js';
import { RULES, ruleById } from '../../src/rules/catalogue.js';
import { exampleContractAt } from '../../src/rules/example-files.js';
import { JSON_SCHEMA_RULES } from '../../src/rules/jsonschema-rules.js';
import { PROTOBUF_RULES } from '../../src/rules/protobuf-rules.js';
import { renderRulesMarkdown } from '../../src/tools/rules-docs.js';
import { POLICY_SEVERITIES } from './policy-severities.js';

/**
 * Every id the catalogue has published, by group, in catalogue order. Findings, docs and users' tooling refer to them,
 * so none is ever removed, renamed or moved. A new rule goes at the end of its group in the catalogue (or starts a new
 * group after the last one), and once it is published its id is added at the same place here.
 */
const PUBLISHED_GROUPS = Object.entries(
  JSON.parse(readFileSync(new URL('./published-rule-ids.json', import.meta.url), 'utf8')) as Record<string, string[]>,
);
const PUBLISHED_IDS = PUBLISHED_GROUPS.flatMap(([, ids]) => ids);

const SEVERITIES = ['error', 'blocking', 'advisory', 'info', 'drift'];

beforeAll(async () => {
  await loadModule();
});

describe('the rule catalogue', () => {
  it('keeps every id it ever published, in order', () => {
    const ids = RULES.map((rule) => rule.id);
    expect(PUBLISHED_IDS.filter((id) => !ids.includes(id))).toEqual([]);
    expect(ids.filter((id) => PUBLISHED_IDS.includes(id))).toEqual(PUBLISHED_IDS);
  });

  it('adds a new id only at the end of a group', () => {
    const ids = RULES.map((rule) => rule.id);
    const groupOf = (id: string) => PUBLISHED_GROUPS.find(([, group]) => group.includes(id))?.[0];
    const misplaced = ids.flatMap((id, index) => {
      if (PUBLISHED_IDS.includes(id)) return [];
      const previous = ids.slice(0, index).findLast((other) => PUBLISHED_IDS.includes(other));
      const next = ids.slice(index + 1).find((other) => PUBLISHED_IDS.includes(other));
      const atAnEnd = next === undefined || (previous !== undefined && groupOf(previous) !== groupOf(next));
      return atAnEnd ? [] : [`${id} (between ${previous ?? 'the start'} and ${next})`];
    });
    expect(misplaced).toEqual([]);
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
      if (rule.kind === 'agreement') expect(['consumers', 'owner', 'error']).toContain(rule.severityPolicy);
    }
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s has an example its policy can produce', (_id, rule) => {
    const possible = {
      consumers: ['blocking', 'advisory'],
      owner: ['blocking', 'advisory'],
      info: ['info'],
      advisory: ['advisory'],
      drift: ['drift'],
      error: ['error'],
    }[rule.severityPolicy];
    expect(possible).toContain(rule.example.expect);
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s documents exactly the severities its policy gives', (_id, rule) => {
    const [, policy = ''] = /^Kind: .*?\. Severity: (.*)\.$/m.exec(renderRulesMarkdown([rule])) ?? [];
    const named = [...policy.matchAll(/`([a-z]+)`/g)].map(([, word]) => word!).filter((word) => SEVERITIES.includes(word));
    expect([...new Set(named)].sort()).toEqual([...POLICY_SEVERITIES[rule.severityPolicy]].sort());
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s has a valid example contract', (id, rule) => {
    const versions = id === 'contract-invalid' ? (['base'] as const) : (['base', 'head'] as const);
    const contracts = versions.map((version) => exampleContractAt(rule.example, version)).filter((text) => text !== undefined);
    expect(contracts.length).toBeGreaterThan(0);
    for (const text of contracts) expect(contractSchema.safeParse(parse(text)).error?.issues).toBeUndefined();
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s has an example the head changes', (_id, rule) => {
    const { before, after } = rule.example;
    if ((rule.example.assetType ?? 'postgres') === 'postgres') {
      for (const migration of [...before, ...after]) expect(() => parseSync(migration)).not.toThrow();
    }
    const contractChanges = exampleContractAt(rule.example, 'base') !== exampleContractAt(rule.example, 'head');
    expect(contractChanges || JSON.stringify(after) !== JSON.stringify(before)).toBe(true);
  });
});
