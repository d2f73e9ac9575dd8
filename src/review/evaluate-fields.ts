import type { AssetSchema, FieldSchema } from '../assets/model.js';
import type { ContractField } from '../contracts/schema.js';
import { consumersOfField } from './consumers.js';
import { capitalized, firstLocation, makeFinding, type EvaluationContext } from './context.js';
import { judgeField } from './evaluate-field.js';
import { fallbackLocation, type FieldSubject } from './field-subject.js';
import type { Finding } from '../core/review.js';

function contractedSubject(ctx: EvaluationContext, field: ContractField, index: number): FieldSubject {
  return { name: field.name, contracted: { field, index }, consumers: consumersOfField(ctx.contract, field.name) };
}

/** No contract names the field, so nothing about it can block. */
function uncontractedSubject(name: string): FieldSubject {
  return { name, consumers: [] };
}

/**
 * Judges every field of an asset present at head: the contracted ones, then (when the base is known) the ones no
 * contract names, then the fields the head added. Fields match by name, following the head's renames, so their
 * order never matters. `baseAsset` is undefined when the base could not be built.
 */
export function judgeFields(ctx: EvaluationContext, baseAsset: AssetSchema | undefined, headAsset: AssetSchema): Finding[] {
  const byName = (asset: AssetSchema | undefined) => new Map(asset?.fields.map((field) => [field.name, field]));
  const baseFields = byName(baseAsset);
  const headFields = byName(headAsset);
  const { fieldRenames, fieldRemovedAt } = ctx.comparison;
  const contractNames = new Set(ctx.contract.fields.map((field) => field.name));
  const matchedHeadNames = new Set<string>();

  const judge = (subject: FieldSubject, base: FieldSchema | undefined): Finding[] => {
    const rename = fieldRenames.find((candidate) => candidate.from === subject.name);
    const headName = rename?.to ?? subject.name;
    if (base) matchedHeadNames.add(headName);
    return judgeField(ctx, subject, {
      baseKnown: baseAsset !== undefined,
      base,
      baseAsset,
      head: headFields.get(headName),
      headAsset,
      rename,
      removedAt: fieldRemovedAt[subject.name],
    });
  };

  const findings = ctx.contract.fields.flatMap((field, index) =>
    judge(contractedSubject(ctx, field, index), baseFields.get(field.name)),
  );
  if (!baseAsset) return findings;
  for (const base of baseAsset.fields) {
    if (!contractNames.has(base.name)) findings.push(...judge(uncontractedSubject(base.name), base));
  }
  for (const head of headAsset.fields) {
    if (!matchedHeadNames.has(head.name)) findings.push(fieldAdded(ctx, head, headAsset));
  }
  return findings;
}

function fieldAdded(ctx: EvaluationContext, head: FieldSchema, headAsset: AssetSchema): Finding {
  const index = ctx.contract.fields.findIndex((field) => field.name === head.name);
  const contractField = ctx.contract.fields[index];
  const subject = contractField ? contractedSubject(ctx, contractField, index) : uncontractedSubject(head.name);
  return makeFinding(ctx, {
    rule: 'field-added',
    standing: 'harmless',
    field: head.name,
    after: ctx.types.normalize(head.type),
    consumers: subject.consumers,
    location: firstLocation(head.origin, fallbackLocation(ctx, subject, headAsset)),
    message: `${capitalized(ctx.fieldNoun)} "${head.name}" was added to ${ctx.contract.asset.name}.`,
  });
}
