import { describe, expect, it } from '@jest/globals';
import type { AffectedConsumer, Severity } from '../../src/core/review.js';
import { severityOf, type Standing } from '../../src/review/severity.js';
import { RULES, ruleById, type RuleId, type SeverityPolicy } from '../../src/rules/catalogue.js';
import { POLICY_SEVERITIES } from '../rules/policy-severities.js';
import { consumers, contract } from './fixtures.js';

const active = contract([{ name: 'amount' }]);
const draft = contract([{ name: 'amount' }], { status: 'draft' });
const blocking: AffectedConsumer = consumers.finance;
const advisory: AffectedConsumer = consumers.churn;

const STANDINGS: readonly Standing[] = ['breaks', 'harmless', 'preexisting'];
const CONSUMER_SETS: readonly (readonly AffectedConsumer[])[] = [[], [advisory], [blocking], [advisory, blocking]];

/** One rule of each policy, checked to have it, so a policy changed in the catalogue cannot pass these silently. */
const RULE_OF: Record<SeverityPolicy, RuleId> = {
  consumers: 'field-removed',
  owner: 'contract-field-added',
  error: 'migration-failed',
  info: 'field-added',
  advisory: 'registry-unavailable',
  drift: 'field-missing',
};

function severity(policy: SeverityPolicy, standing: Standing, affected: readonly AffectedConsumer[], status = active): Severity {
  return severityOf(RULE_OF[policy], { contract: status, consumers: affected, standing });
}

/** Every severity a rule can get, over every standing, set of consumers and contract status. */
function everySeverity(rule: RuleId): Severity[] {
  const produced = STANDINGS.flatMap((standing) =>
    CONSUMER_SETS.flatMap((affected) => [active, draft].map((status) => severityOf(rule, { contract: status, consumers: affected, standing }))),
  );
  return [...new Set(produced)].sort();
}

describe('a finding gets its severity from its rule\'s policy', () => {
  it.each(Object.entries(RULE_OF))('uses a %s rule for the policy', (policy, rule) => {
    expect(ruleById(rule).severityPolicy).toBe(policy);
  });

  describe('consumers', () => {
    it('blocks when a blocking consumer relies on what the change breaks', () => {
      expect(severity('consumers', 'breaks', [blocking])).toBe('blocking');
      expect(severity('consumers', 'breaks', [advisory, blocking])).toBe('blocking');
    });

    it('only warns when the contract is a draft', () => {
      expect(severity('consumers', 'breaks', [blocking], draft)).toBe('advisory');
    });

    it('warns when only advisory consumers rely on it', () => {
      expect(severity('consumers', 'breaks', [advisory])).toBe('advisory');
    });

    it('is information when no consumer relies on it', () => {
      expect(severity('consumers', 'breaks', [])).toBe('info');
    });

    it('is information when the change breaks nothing, whoever relies on the field', () => {
      expect(severity('consumers', 'harmless', [blocking])).toBe('info');
    });

    it('is drift when the base already broke it, never blamed on the change', () => {
      expect(severity('consumers', 'preexisting', [blocking])).toBe('drift');
      expect(severity('consumers', 'preexisting', [])).toBe('drift');
    });
  });

  describe('owner', () => {
    it('blocks until the owner agrees, whoever else relies on the asset and however the change stands', () => {
      for (const standing of STANDINGS) for (const affected of CONSUMER_SETS) expect(severity('owner', standing, affected)).toBe('blocking');
    });

    it('only warns when the contract is a draft', () => {
      expect(severity('owner', 'breaks', [], draft)).toBe('advisory');
    });
  });

  describe('error', () => {
    it('is an error whatever the consumers and the contract\'s status', () => {
      expect(severity('error', 'breaks', [])).toBe('error');
      expect(severity('error', 'breaks', [advisory], draft)).toBe('error');
    });

    it('is drift when only the base commit has it', () => {
      expect(severity('error', 'preexisting', [])).toBe('drift');
    });
  });

  it.each<[SeverityPolicy, Severity]>([
    ['info', 'info'],
    ['advisory', 'advisory'],
    ['drift', 'drift'],
  ])('%s is always %s', (policy, expected) => {
    for (const standing of STANDINGS) {
      for (const affected of CONSUMER_SETS) {
        expect(severity(policy, standing, affected)).toBe(expected);
        expect(severity(policy, standing, affected, draft)).toBe(expected);
      }
    }
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))(
    '%s gets exactly the severities the catalogue documents for its policy',
    (id, rule) => {
      expect(everySeverity(id as RuleId)).toEqual([...POLICY_SEVERITIES[rule.severityPolicy]].sort());
    },
  );
});
