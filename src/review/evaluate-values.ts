import type { FieldSchema } from '../assets/model.js';
import { capitalized, fieldPhrase, makeFinding, quotedValues, valueList, type EvaluationContext } from './context.js';
import { baseLocation, headLocation, type FieldStates, type FieldSubject } from './field-subject.js';
import type { Finding } from '../core/review.js';

const ANY_VALUE = 'any value';

function without(values: readonly string[], excluded: readonly string[]): string[] {
  return values.filter((value) => !excluded.includes(value));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return without(a, b).length === 0 && without(b, a).length === 0;
}

/**
 * Judges the values an enum type or CHECK constraint allows, as sets (order never matters). A field without
 * `allowedValues` takes any value of its type. Where the contract lists `enum` values, consumers read an exhaustive
 * list: a listed value removed or an unlisted one added breaks them. Where it does not, any removal breaks a
 * contracted field's consumers and an addition is information.
 */
export function judgeAllowedValues(
  ctx: EvaluationContext,
  subject: FieldSubject,
  states: FieldStates,
  head: FieldSchema,
): Finding[] {
  const listed = subject.contracted?.field.enum?.map(String);
  const { base } = states;
  const headValues = head.allowedValues;
  // Without a base (it could not be built), judge the head as if the base allowed exactly the contract's list.
  const baseValues = base ? base.allowedValues : headValues && listed;
  const phrase = fieldPhrase(ctx, subject.name);
  const common = { field: subject.name, consumers: subject.consumers };
  const findings: Finding[] = [];

  if (base?.allowedValues && listed && !sameSet(listed, base.allowedValues)) {
    findings.push(
      makeFinding(ctx, {
        ...common,
        rule: 'enum-values-mismatch',
        standing: 'preexisting',
        before: valueList(listed),
        after: valueList(base.allowedValues),
        location: baseLocation(ctx, subject, states),
        message: `${ctx.atBaseWords}, ${phrase} allows ${quotedValues(base.allowedValues)} where the contract lists ${quotedValues(listed)}.`,
      }),
    );
  }

  const before = baseValues ? valueList(baseValues) : ANY_VALUE;
  const after = headValues ? valueList(headValues) : ANY_VALUE;
  const location = headLocation(ctx, subject, states);

  // A field that took any value and now takes a list lost every value outside it; only listed ones are worth naming.
  const removed = headValues ? without(baseValues ?? listed ?? [], headValues) : [];
  if (removed.length > 0) {
    const listedRemoved = listed ? removed.filter((value) => listed.includes(value)) : removed;
    const note = listed && listedRemoved.length > 0 ? `; the contract lists ${quotedValues(listedRemoved)}` : '';
    findings.push(
      makeFinding(ctx, {
        ...common,
        rule: 'enum-value-removed',
        standing: listedRemoved.length > 0 ? 'breaks' : 'harmless',
        before,
        after,
        location,
        message: `${capitalized(phrase)} ${states.baseKnown ? 'no longer allows' : 'does not allow'} ${quotedValues(removed)}${note}.`,
      }),
    );
  }

  if (baseValues && !headValues) {
    const note = listed ? `, so values outside the contract's list can appear` : '';
    findings.push(
      makeFinding(ctx, {
        ...common,
        rule: 'enum-value-added',
        standing: listed ? 'breaks' : 'harmless',
        before,
        after,
        location,
        message: `${capitalized(phrase)} no longer restricts its values${note}.`,
      }),
    );
  }

  const added = baseValues && headValues ? without(headValues, baseValues) : [];
  if (added.length > 0) {
    const unlisted = listed ? without(added, listed) : [];
    // A reader still on the base schema reads a symbol it does not know as the enum's default (Avro), so the
    // consumer's exhaustive list still holds every value it sees.
    const fallback = (base ?? head).enumDefault;
    const note =
      unlisted.length === 0
        ? ''
        : fallback
          ? `; readers on the base schema read ${unlisted.length === 1 ? 'it' : 'them'} as '${fallback}', the enum's default`
          : `; the contract's list does not include ${quotedValues(unlisted)}`;
    findings.push(
      makeFinding(ctx, {
        ...common,
        rule: 'enum-value-added',
        standing: unlisted.length > 0 && !fallback ? 'breaks' : 'harmless',
        before,
        after,
        location,
        message: `${capitalized(phrase)} ${states.baseKnown ? 'now allows' : 'allows'} ${quotedValues(added)}${note}.`,
      }),
    );
  }
  return findings;
}
