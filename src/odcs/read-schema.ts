import { z } from 'zod';

/**
 * The keys of ODCS v3.1.0 a contract takes, with their types. Objects are loose: every other key is judged by
 * `policy.ts` (dropped, refused, or refused as no key of the standard), never passed over.
 */
const text = z.string().optional();
const flag = z.boolean().optional();

/** A custom property's own `id` and `description` say nothing of the data: read with it, and gone with it. */
export const customPropertySchema = z.looseObject({
  id: z.unknown().optional(),
  property: z.string(),
  value: z.unknown(),
  description: z.unknown().optional(),
});
export type OdcsCustomPropertyInput = z.infer<typeof customPropertySchema>;
const customProperties = z.array(customPropertySchema).optional();

/** A rule is read whole: its operators decide whether it promises what `required`, `unique` or an enum does. */
export const qualityRuleSchema = z.looseObject({
  type: text,
  metric: text,
  unit: text,
  arguments: z.record(z.string(), z.unknown()).optional(),
  mustBe: z.unknown().optional(),
});
export type OdcsQualityRuleInput = z.infer<typeof qualityRuleSchema>;

/** What a property and an array's items have in common. */
const elementShape = {
  physicalName: text,
  physicalType: text,
  logicalType: text,
  required: flag,
  unique: flag,
  primaryKey: flag,
  description: text,
  quality: z.array(qualityRuleSchema).optional(),
  customProperties,
};

type ElementInput = z.infer<z.ZodObject<typeof elementShape>>;
export interface OdcsPropertyInput extends ElementInput {
  name: string;
  properties?: OdcsPropertyInput[];
  items?: OdcsItemsInput;
  [key: string]: unknown;
}
export interface OdcsItemsInput extends ElementInput {
  properties?: OdcsPropertyInput[];
  [key: string]: unknown;
}

const propertyShape = {
  ...elementShape,
  name: z.string(),
  get properties() {
    return z.array(propertySchema).optional();
  },
  get items() {
    return itemsSchema.optional();
  },
};
export const propertySchema: z.ZodType<OdcsPropertyInput> = z.looseObject(propertyShape);

const itemsShape = {
  ...elementShape,
  get properties() {
    return z.array(propertySchema).optional();
  },
};
export const itemsSchema: z.ZodType<OdcsItemsInput> = z.looseObject(itemsShape);

export const schemaObjectSchema = z.looseObject({
  name: z.string(),
  physicalName: text,
  physicalType: text,
  logicalType: z.literal('object').optional(),
  description: text,
  properties: z.array(propertySchema).optional(),
  customProperties,
});
export type OdcsSchemaObjectInput = z.infer<typeof schemaObjectSchema>;

export const descriptionSchema = z.looseObject({ purpose: text, usage: text, limitations: text });
export const teamSchema = z.looseObject({ name: text });

export const documentSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  id: z.string(),
  name: text,
  version: z.string(),
  status: z.string(),
  description: descriptionSchema.optional(),
  team: z.union([teamSchema, z.array(z.unknown())], { error: 'must be a team (a mapping, with its name) or, as before ODCS v3.1.0, a list of members' }).optional(),
  schema: z.array(schemaObjectSchema).optional(),
  customProperties,
});
export type OdcsDocumentInput = z.infer<typeof documentSchema>;

/** The keys a contract takes from each kind of object; `policy.ts` judges the others. */
export const READ_KEYS = {
  document: Object.keys(documentSchema.shape),
  description: Object.keys(descriptionSchema.shape),
  team: Object.keys(teamSchema.shape),
  schemaObject: Object.keys(schemaObjectSchema.shape),
  property: Object.keys(propertyShape),
  rule: Object.keys(qualityRuleSchema.shape),
  customProperty: Object.keys(customPropertySchema.shape),
} as const;
