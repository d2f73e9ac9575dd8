import type { DocumentPath, Located, Notes } from './notes.js';
import { CARRIED_RULE_POLICY } from './policy.js';
import { type OdcsQualityRuleInput, READ_KEYS } from './read-schema.js';

/** What a property's quality rules promise that a contract field can say. */
export interface CarriedRules {
  required: boolean;
  unique: boolean;
  enum?: Located;
}

const OPERATORS = [
  'mustBe',
  'mustNotBe',
  'mustBeGreaterThan',
  'mustBeGreaterOrEqualTo',
  'mustBeLessThan',
  'mustBeLessOrEqualTo',
  'mustBeBetween',
  'mustNotBeBetween',
];

const CARRIED =
  'a contract carries only library rules nullValues, duplicateValues and invalidValues (with validValues) that must be 0, as required, unique and enum';

/** A rule that allows no null, no duplicate or no value outside a list is the field's `required`, `unique` or enum. */
export function readRules(rules: readonly OdcsQualityRuleInput[] | undefined, path: DocumentPath, notes: Notes): CarriedRules {
  const carried: CarriedRules = { required: false, unique: false };
  (rules ?? []).forEach((rule, index) => {
    const at = [...path, 'quality', index];
    const refusal = whyNotCarried(rule);
    if (refusal) {
      notes.refuse(at, `cannot be carried over: ${refusal}; ${CARRIED}`);
      return;
    }
    notes.judgeKeys(rule, READ_KEYS.rule, CARRIED_RULE_POLICY, at);
    if (rule.metric === 'nullValues') carried.required = true;
    else if (rule.metric === 'duplicateValues') carried.unique = true;
    else if (carried.enum) notes.refuse(at, 'cannot be carried over: a second list of valid values, where a field has one enum');
    else carried.enum = { value: rule.arguments?.validValues, path: [...at, 'arguments', 'validValues'] };
  });
  return carried;
}

function whyNotCarried(rule: OdcsQualityRuleInput): string | undefined {
  const type = rule.type ?? (rule.metric === undefined ? undefined : 'library');
  if (type === undefined) return 'a rule with neither type nor metric';
  if (type !== 'library') return `a ${type} rule is a check dcr does not run`;
  if (rule.metric === undefined) return 'a library rule without a metric';
  if (!['nullValues', 'duplicateValues', 'invalidValues'].includes(rule.metric)) return `the metric ${rule.metric} is a check dcr does not run`;
  const operators = OPERATORS.filter((operator) => rule[operator] !== undefined);
  if (operators.length !== 1 || rule.mustBe !== 0) return `it allows some (${operators.join(', ') || 'no operator'}), where only "mustBe: 0" allows none`;
  if (rule.unit !== undefined && rule.unit !== 'rows' && rule.unit !== 'percent') return `the unit ${rule.unit} is neither rows nor percent`;
  const args = Object.keys(rule.arguments ?? {});
  if (rule.metric === 'invalidValues') {
    return args.length === 1 && args[0] === 'validValues' ? undefined : 'invalidValues carries over with its one argument validValues only (a pattern is a check dcr does not run)';
  }
  return args.length > 0 ? `${rule.metric} with arguments (${args.join(', ')}) is a check dcr does not run` : undefined;
}
