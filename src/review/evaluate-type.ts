import type { FieldSchema } from '../assets/model.js';
import { capitalized, fieldPhrase, makeFinding, type EvaluationContext } from './context.js';
import { baseLocation, headLocation, type FieldStates, type FieldSubject } from './field-subject.js';
import type { Finding } from './types.js';

/**
 * Judges a field's type against the contract's: a type the contract cannot hold breaks consumers, any other change
 * (a widening, or a narrowing the contract's type still holds) is information.
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
  if (baseHolds && !holds(head)) {
    const message = `${capitalized(phrase)} changed type from ${baseType} to ${headType}, which the contract's ${contractType} cannot hold.`;
    const breaking = makeFinding(ctx, { ...change, rule: 'field-type-changed', severity: subject.breakingSeverity, message });
    return [...findings, breaking];
  }
  const stillHolds = contractType && holds(head) ? `; the contract's ${contractType} still holds it` : '';
  const widened = ctx.types.isWidening(baseType, headType);
  const message = widened
    ? `${capitalized(phrase)} was widened from ${baseType} to ${headType}${stillHolds}.`
    : `${capitalized(phrase)} changed type from ${baseType} to ${headType}${stillHolds}.`;
  const rule = widened ? 'field-type-widened' : 'field-type-changed';
  return [...findings, makeFinding(ctx, { ...change, rule, severity: 'info', message })];
}
