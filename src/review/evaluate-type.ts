import type { FieldSchema } from '../assets/model.js';
import { capitalized, fieldPhrase, makeFinding, type EvaluationContext, type FindingLocation } from './context.js';
import { baseLocation, headLocation, type FieldStates, type FieldSubject } from './field-subject.js';
import type { Finding } from './types.js';

/**
 * Judges a field's type against the contract's: a type the contract cannot hold breaks consumers, unless the change
 * is a pure widening of a type that met the contract; any other change (a widening, or a narrowing the contract's
 * type still holds) is information.
 */
export function judgeType(
  ctx: EvaluationContext,
  subject: FieldSubject,
  states: FieldStates,
  head: FieldSchema,
): Finding[] {
  const contractType = subject.contracted?.field.type;
  const holds = (field: FieldSchema) =>
    !contractType || ctx.types.canHold(contractType, field.type, { isEnum: field.allowedValuesFrom === 'enum' });
  const phrase = fieldPhrase(ctx, subject.name);
  const headType = ctx.types.normalize(head.type);
  const common = { field: subject.name, consumers: subject.consumers };
  const { base } = states;
  if (!base) {
    // The base could not be built: judge the head as if the base had the contract's type.
    if (holds(head)) return [];
    return [
      makeFinding(ctx, {
        ...common,
        rule: 'field-type-changed',
        severity: subject.breakingSeverity,
        before: contractType,
        after: headType,
        location: headLocation(ctx, subject, states),
        message: `${capitalized(phrase)} is ${headType} at the head commit, which the contract's ${contractType} cannot hold.`,
      }),
    ];
  }
  const baseType = ctx.types.normalize(base.type);
  const changed = baseType !== headType;
  const findings: Finding[] = [];
  const baseHolds = holds(base);
  if (!baseHolds) {
    findings.push(
      makeFinding(ctx, {
        ...common,
        rule: 'field-type-mismatch',
        severity: 'drift',
        before: contractType,
        after: baseType,
        location: baseLocation(ctx, subject, states),
        message: `At the base commit, ${phrase} is ${baseType}, which the contract's ${contractType} cannot hold.`,
      }),
    );
  }
  if (!changed) return findings;
  const change = { ...common, before: baseType, after: headType, location: headLocation(ctx, subject, states) };
  // A pure widening keeps every value a consumer read before, so it never breaks one, even where the contract still
  // names the narrower type: the contract is then out of date, not the consumer broken.
  findings.push(...unionBranchesLost(ctx, subject, contractType, baseType, headType, change));
  const widened = ctx.types.isWidening(baseType, headType);
  const headHolds = holds(head);
  if (baseHolds && !headHolds && !widened) {
    const message = `${capitalized(phrase)} changed type from ${baseType} to ${headType}, which the contract's ${contractType} cannot hold.`;
    const breaking = makeFinding(ctx, { ...change, rule: 'field-type-changed', severity: subject.breakingSeverity, message });
    return [...findings, breaking];
  }
  const note = contractNote(ctx, contractType, baseHolds, headHolds);
  const message = widened
    ? `${capitalized(phrase)} was widened from ${baseType} to ${headType}${note}.`
    : `${capitalized(phrase)} changed type from ${baseType} to ${headType}${note}.`;
  const rule = widened ? 'field-type-widened' : 'field-type-changed';
  return [...findings, makeFinding(ctx, { ...change, rule, severity: 'info', message })];
}

/** What an information-only type change means for the contract. */
function contractNote(ctx: EvaluationContext, contractType: string | undefined, baseHolds: boolean, headHolds: boolean): string {
  if (!contractType) return '';
  if (headHolds) return `; the contract's ${contractType} still holds it`;
  // The base already broke the contract: its drift finding says so.
  if (!baseHolds) return '';
  // A widening of a type that met the contract: nothing breaks, but the contract no longer describes the field.
  return `; every value reads as before, but the contract's ${contractType} is now narrower than the ${ctx.fieldNoun}: update the contract`;
}

/**
 * A union the contract lists is the set of value types its consumers handle: a branch they expect that the base
 * could carry and the head cannot is a kind of value that no longer appears.
 */
function unionBranchesLost(
  ctx: EvaluationContext,
  subject: FieldSubject,
  contractType: string | undefined,
  baseType: string,
  headType: string,
  change: Pick<Finding, 'field' | 'consumers' | 'before' | 'after'> & { location: FindingLocation },
): Finding[] {
  const branchesOf = (type: string) => ctx.types.unionBranches?.(type) ?? [ctx.types.normalize(type)];
  const expected = contractType ? ctx.types.unionBranches?.(contractType) : undefined;
  if (!expected) return [];
  const headBranches = branchesOf(headType);
  const lost = branchesOf(baseType).filter((branch) => expected.includes(branch) && !headBranches.includes(branch));
  if (lost.length === 0) return [];
  return [
    makeFinding(ctx, {
      ...change,
      rule: 'union-branch-removed',
      severity: subject.breakingSeverity,
      message: `${capitalized(fieldPhrase(ctx, subject.name))} can no longer carry ${lost.join(', ')}, which the contract's ${contractType} expects.`,
    }),
  ];
}
