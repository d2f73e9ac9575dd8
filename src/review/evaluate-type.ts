import type { FieldSchema, TypeSystem } from '../assets/model.js';
import { TYPE_FAMILIES, type TypeFamily } from '../core/type-families.js';
import { capitalized, fieldPhrase, makeFinding, type EvaluationContext, type FindingLocation } from './context.js';
import { baseLocation, headLocation, type FieldStates, type FieldSubject } from './field-subject.js';
import type { Finding } from '../core/review.js';

/**
 * How a field's type moved, by the promise's type families. `unranked`: a type outside the families (an array, a
 * record, a union, a user type) or one enum type for another, whose values the enum rules judge; only the contract's
 * type can say whether such a change breaks.
 */
type TypeMove =
  | { kind: 'widened' }
  | { kind: 'narrowed'; family: TypeFamily }
  | { kind: 'family-changed'; from: TypeFamily; to: TypeFamily }
  | { kind: 'unranked' };

/** A type change, and how the contract's type sees each side of it. */
interface TypeChange {
  baseType: string;
  headType: string;
  move: TypeMove;
  contractType: string | undefined;
  baseHolds: boolean;
  headHolds: boolean;
}

type ChangeParts = Pick<Finding, 'field' | 'consumers' | 'before' | 'after'> & { location: FindingLocation };

/**
 * Judges a field's type against the contract's, by the promise's type families. For a field whose base met the
 * contract's type: a move to another family breaks its consumers, even where the contract's type reads the new values,
 * unless the field moved into the family the contract's type names; inside a family, a widening is information and a
 * narrowing breaks; any other change breaks when the contract's type cannot hold the new type.
 */
export function judgeType(
  ctx: EvaluationContext,
  subject: FieldSubject,
  states: FieldStates,
  head: FieldSchema,
): Finding[] {
  const contractType = subject.contracted?.field.type;
  const holds = (field: FieldSchema) => !contractType || ctx.types.canHold(contractType, field.type, traitsOf(field));
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
        standing: 'breaks',
        before: contractType,
        after: headType,
        location: headLocation(ctx, subject, states),
        message: `${capitalized(phrase)} is ${headType} at the head commit, which the contract's ${contractType} cannot hold.`,
      }),
    ];
  }
  const baseType = ctx.types.normalize(base.type);
  const findings: Finding[] = [];
  const baseHolds = holds(base);
  if (!baseHolds) {
    findings.push(
      makeFinding(ctx, {
        ...common,
        rule: 'field-type-mismatch',
        standing: 'preexisting',
        before: contractType,
        after: baseType,
        location: baseLocation(ctx, subject, states),
        message: `${ctx.atBaseWords}, ${phrase} is ${baseType}, which the contract's ${contractType} cannot hold.`,
      }),
    );
  }
  if (baseType === headType) return findings;
  const parts = { ...common, before: baseType, after: headType, location: headLocation(ctx, subject, states) };
  findings.push(...unionBranchesLost(ctx, subject, contractType, baseType, headType, parts));
  const move = typeMove(ctx.types, base, head);
  const change = { baseType, headType, move, contractType, baseHolds, headHolds: holds(head) };
  return [...findings, changeFinding(ctx, subject, change, parts)];
}

function typeMove(types: TypeSystem, base: FieldSchema, head: FieldSchema): TypeMove {
  const [baseType, headType] = [types.normalize(base.type), types.normalize(head.type)];
  const from = types.familyOf(baseType, traitsOf(base));
  const to = types.familyOf(headType, traitsOf(head));
  if (from && to && from !== to) return { kind: 'family-changed', from, to };
  if (types.isWidening(baseType, headType)) return { kind: 'widened' };
  // Enum types are not ordered: which values they allow is what changes, and the enum rules judge that.
  if (from && from === to && from !== 'enum') return { kind: 'narrowed', family: from };
  return { kind: 'unranked' };
}

function traitsOf(field: FieldSchema): { isEnum: boolean } {
  return { isEnum: field.allowedValuesFrom === 'enum' };
}

type TypeRule = 'field-type-changed' | 'field-type-widened' | 'field-type-narrowed';

function changeFinding(ctx: EvaluationContext, subject: FieldSubject, change: TypeChange, parts: ChangeParts): Finding {
  const { baseType, headType, move, contractType, baseHolds, headHolds } = change;
  const field = capitalized(fieldPhrase(ctx, subject.name));
  const changed = `${field} changed type from ${baseType} to ${headType}`;
  // A base that broke the contract's type already has its drift finding; the change is not blamed for it.
  const guarded = contractType !== undefined && baseHolds;
  const finding = (rule: TypeRule, breaks: boolean, message: string) =>
    makeFinding(ctx, { ...parts, rule, standing: breaks ? 'breaks' : 'harmless', message });
  switch (move.kind) {
    case 'widened': {
      // A widening keeps every value a consumer read before, so it never breaks one, even where the contract still
      // names the narrower type: the contract is then out of date, not the consumer broken.
      const note = contractNote(ctx, contractType, baseHolds, headHolds);
      return finding('field-type-widened', false, `${field} was widened from ${baseType} to ${headType}${note}.`);
    }
    case 'narrowed': {
      const family = TYPE_FAMILIES[move.family];
      const loss = guarded ? `: not every value of ${baseType} carries over to ${headType}` : '';
      const narrowed = `${field} was narrowed from ${baseType} to ${headType} within the ${family} family`;
      return finding('field-type-narrowed', guarded, `${narrowed}${loss}.`);
    }
    case 'family-changed': {
      const [from, to] = [TYPE_FAMILIES[move.from], TYPE_FAMILIES[move.to]];
      const moved = `${changed}, from the ${from} family to the ${to} family`;
      // A field that moved into the family the contract's type names, which holds it, is what the contract describes.
      if (contractType && headHolds && ctx.types.familyOf(contractType) === move.to) {
        return finding('field-type-changed', false, `${moved}, the one the contract's ${contractType} names.`);
      }
      if (!guarded) return finding('field-type-changed', false, `${moved}.`);
      const why = headHolds
        ? `: its consumers get another kind of value, even though the contract's ${contractType} holds it`
        : `, which the contract's ${contractType} cannot hold`;
      return finding('field-type-changed', true, `${moved}${why}.`);
    }
    case 'unranked': {
      if (guarded && !headHolds) {
        return finding('field-type-changed', true, `${changed}, which the contract's ${contractType} cannot hold.`);
      }
      const note = contractNote(ctx, contractType, baseHolds, headHolds);
      return finding('field-type-changed', false, `${changed}${note}.`);
    }
  }
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
  change: ChangeParts,
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
      standing: 'breaks',
      message: `${capitalized(fieldPhrase(ctx, subject.name))} can no longer carry ${lost.join(', ')}, which the contract's ${contractType} expects.`,
    }),
  ];
}
