import type { AssetSchema, FieldSchema } from '../assets/model.js';
import { capitalized, fieldPhrase, firstLocation, makeFinding, type EvaluationContext } from './context.js';
import { judgeType } from './evaluate-type.js';
import { judgeAllowedValues } from './evaluate-values.js';
import {
  baseLocation,
  fallbackLocation,
  headLocation,
  type FieldStates,
  type FieldSubject,
} from './field-subject.js';
import type { Finding } from '../core/review.js';

/**
 * Judges one field between base and head. Each guarantee the contract gives is checked at both commits: broken at
 * base, it is drift (reported here once); kept at base and broken at head, the change rule that explains it reports
 * it with the consumers' severity. Every other change is information.
 */
export function judgeField(ctx: EvaluationContext, subject: FieldSubject, states: FieldStates): Finding[] {
  if (states.baseKnown && !states.base) return [fieldMissing(ctx, subject, states)];
  const { head } = states;
  if (!head) return [fieldRemoved(ctx, subject, states)];
  return [
    ...fieldRenamed(ctx, subject, states),
    ...judgeType(ctx, subject, states, head),
    ...judgeNullability(ctx, subject, states, head),
    ...judgeAllowedValues(ctx, subject, states, head),
    ...judgeKeys(ctx, subject, states, head),
    ...judgeDefault(ctx, subject, states, head),
  ];
}

function fieldMissing(ctx: EvaluationContext, subject: FieldSubject, states: FieldStates): Finding {
  return makeFinding(ctx, {
    rule: 'field-missing',
    standing: 'preexisting',
    field: subject.name,
    consumers: subject.consumers,
    location: fallbackLocation(ctx, subject, states.headAsset),
    message: `${ctx.atBaseWords}, ${fieldPhrase(ctx, subject.name)} does not exist, though the contract names it.`,
  });
}

function fieldRemoved(ctx: EvaluationContext, subject: FieldSubject, states: FieldStates): Finding {
  const phrase = capitalized(fieldPhrase(ctx, subject.name));
  // Without a base, the field may never have existed: say what the head lacks, not what the change did.
  const message = states.baseKnown
    ? `${phrase} was removed${subject.contracted ? '; the contract still names it' : ''}.`
    : `${phrase} does not exist at the head commit, though the contract names it.`;
  return makeFinding(ctx, {
    rule: 'field-removed',
    standing: 'breaks',
    field: subject.name,
    before: states.base?.type ?? subject.contracted?.field.type,
    consumers: subject.consumers,
    location: firstLocation(states.removedAt, fallbackLocation(ctx, subject, states.headAsset)),
    message,
  });
}

function fieldRenamed(ctx: EvaluationContext, subject: FieldSubject, states: FieldStates): Finding[] {
  const { rename } = states;
  if (!rename) return [];
  const contractNote = subject.contracted ? `; the contract still names "${subject.name}"` : '';
  return [
    makeFinding(ctx, {
      rule: 'field-renamed',
      standing: 'breaks',
      field: subject.name,
      before: rename.from,
      after: rename.to,
      consumers: subject.consumers,
      location: firstLocation(rename.origin, headLocation(ctx, subject, states)),
      message: `${capitalized(fieldPhrase(ctx, subject.name))} was renamed to "${rename.to}"${contractNote}.`,
    }),
  ];
}

function judgeNullability(ctx: EvaluationContext, subject: FieldSubject, states: FieldStates, head: FieldSchema): Finding[] {
  const required = subject.contracted?.field.required ?? false;
  const phrase = fieldPhrase(ctx, subject.name);
  const { presence } = ctx;
  const common = { field: subject.name, consumers: subject.consumers, before: presence.required, after: presence.optional };
  const { base } = states;
  if (required && base?.nullable) {
    return [
      makeFinding(ctx, {
        ...common,
        rule: 'field-not-required',
        standing: 'preexisting',
        location: baseLocation(ctx, subject, states),
        message: `${ctx.atBaseWords}, ${phrase} ${presence.isOptional}, though the contract marks it required.`,
      }),
    ];
  }
  // An unknown base counts as meeting the contract, so only a required field can be judged without it.
  const madeNullable = head.nullable && (base ? !base.nullable : required);
  if (!madeNullable) return [];
  return [
    makeFinding(ctx, {
      ...common,
      rule: 'field-made-nullable',
      standing: required ? 'breaks' : 'harmless',
      location: headLocation(ctx, subject, states),
      message: `${capitalized(phrase)} ${states.baseKnown ? presence.nowOptional : presence.isOptional}${required ? '; the contract marks it required' : ''}.`,
    }),
  ];
}

/** A single-column primary key is unique too; one column of a composite key is not. */
function isUnique(field: FieldSchema, asset: AssetSchema): boolean {
  return field.unique || (field.primaryKey && asset.fields.filter((other) => other.primaryKey).length === 1);
}

function judgeKeys(ctx: EvaluationContext, subject: FieldSubject, states: FieldStates, head: FieldSchema): Finding[] {
  const promised = subject.contracted?.field;
  const phrase = fieldPhrase(ctx, subject.name);
  const guarantees = [
    {
      promised: promised?.primaryKey ?? false,
      holds: (field: FieldSchema) => field.primaryKey,
      drift: 'primary-key-missing',
      change: 'primary-key-removed',
      label: 'primary key',
      atBase: `is not part of the primary key, though the contract marks it primaryKey`,
      atHead: `is ${states.baseKnown ? 'no longer' : 'not'} part of the primary key; the contract marks it primaryKey`,
    },
    {
      promised: promised?.unique ?? false,
      holds: (field: FieldSchema, asset: AssetSchema) => isUnique(field, asset),
      drift: 'unique-missing',
      change: 'unique-removed',
      label: 'unique',
      atBase: `is not unique, though the contract marks it unique`,
      atHead: `is ${states.baseKnown ? 'no longer' : 'not'} unique; the contract marks it unique`,
    },
  ] as const;
  const { base, baseAsset } = states;
  return guarantees.flatMap((guarantee): Finding[] => {
    if (!guarantee.promised) return [];
    const common = {
      field: subject.name,
      consumers: subject.consumers,
      before: guarantee.label,
      after: `not ${guarantee.label}`,
    };
    if (base && baseAsset && !guarantee.holds(base, baseAsset)) {
      const location = baseLocation(ctx, subject, states);
      const message = `${ctx.atBaseWords}, ${phrase} ${guarantee.atBase}.`;
      return [makeFinding(ctx, { ...common, rule: guarantee.drift, standing: 'preexisting', location, message })];
    }
    if (guarantee.holds(head, states.headAsset)) return [];
    const location = headLocation(ctx, subject, states);
    const message = `${capitalized(phrase)} ${guarantee.atHead}.`;
    return [makeFinding(ctx, { ...common, rule: guarantee.change, standing: 'breaks', location, message })];
  });
}

function judgeDefault(ctx: EvaluationContext, subject: FieldSubject, states: FieldStates, head: FieldSchema): Finding[] {
  const { base } = states;
  if (!base || base.default === head.default) return [];
  const before = base.default ?? 'no default';
  const after = head.default ?? 'no default';
  return [
    makeFinding(ctx, {
      rule: 'field-default-changed',
      standing: 'harmless',
      field: subject.name,
      before,
      after,
      consumers: subject.consumers,
      location: headLocation(ctx, subject, states),
      message: `${capitalized(fieldPhrase(ctx, subject.name))} changed its default from ${before} to ${after}.`,
    }),
  ];
}
