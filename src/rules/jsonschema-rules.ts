import { FINANCE, type RuleDefinition } from './rule.js';

/** A JSON Schema example's `schemas/order.json`: an object with `id` and the given properties, then other keywords. */
const order = (properties: string[], ...keywords: string[]) => `{
  "type": "object",
  "properties": {
    ${['"id": { "type": "integer" }', ...properties].join(',\n    ')}
  }${keywords.map((keyword) => `,\n  ${keyword}`).join('')}
}`;

/** `levels` objects, each the only property (`child`) of the one around it, with `leaf` innermost. */
const nested = (levels: number, leaf: string): string =>
  Array.from({ length: levels }).reduce<string>((inner) => `{ "type": "object", "properties": { "child": ${inner} } }`, leaf);

const DRAFT_2020_12 = '"$schema": "https://json-schema.org/draft/2020-12/schema"';

const CONTRACT = `fields:\n  - name: id\n    type: integer\n${FINANCE}\n`;
const BACKWARD = '  compatibility: BACKWARD';
const BACKWARD_STRICT = '  compatibility: BACKWARD\n  policy: strict';
const FORWARD = '  compatibility: FORWARD';

const WHEN =
  'Checked when the contract sets `asset.compatibility`, in the directions its mode names (BACKWARD: every document valid under the old schema must be valid under the new one; FORWARD: the reverse), as Confluent Schema Registry checks JSON Schemas, with `$ref`s followed and `allOf` merged. The whole schema is the guarantee, so the severity comes from all the contract\'s consumers, whichever fields they use.';
const REVERSE = 'In the FORWARD direction the same rule reports the reverse change.';
const LENIENT_TOO = 'It applies under both `asset.policy` values.';

const example = (asset: string, before: string, after: string) => ({
  assetType: 'jsonschema' as const,
  asset,
  contract: CONTRACT,
  before: [before],
  after: [after],
  expect: 'blocking' as const,
});

const rule = <Id extends string>(id: Id, title: string, description: string, worked: ReturnType<typeof example>) =>
  ({ id, title, kind: 'change', severityPolicy: 'consumers', description: `${description} ${WHEN}`, example: worked }) as const;

/** JSON Schema compatibility rules: how a change makes data valid under one version invalid under the other. */
export const JSON_SCHEMA_RULES = [
  rule(
    'jsonschema-property-removed-from-closed-model',
    'JSON Schema: a property was removed from a closed content model',
    `The reading schema no longer declares a property and allows no undeclared one (\`additionalProperties: false\`), so data that carries it is refused. Removing a property from an open model is compatible. ${REVERSE} ${LENIENT_TOO}`,
    example(BACKWARD, order(['"note": { "type": "string" }'], '"additionalProperties": false'), order([], '"additionalProperties": false')),
  ),
  rule(
    'jsonschema-property-removed-from-partially-open-model',
    'JSON Schema: a removed property is not covered by the partially open content model',
    `The reading schema no longer declares a property, and the schema it gives undeclared properties (\`additionalProperties\` or a matching \`patternProperties\`) does not accept the values the property had. Names are matched with RE2; a pattern RE2 cannot run may match or not, and either must pass. ${REVERSE} ${LENIENT_TOO}`,
    example(BACKWARD, order(['"note": { "type": "string" }'], '"additionalProperties": { "type": "integer" }'), order([], '"additionalProperties": { "type": "integer" }')),
  ),
  rule(
    'jsonschema-property-added-to-open-model',
    'JSON Schema: a property was added to an open content model (strict policy)',
    `The reading schema declares a property the writing schema left to its open content model, whose data may already carry that name with any value. Only under \`asset.policy: strict\`; the default lenient policy, as the schema registries, presumes undeclared properties absent. ${REVERSE}`,
    example(BACKWARD_STRICT, order([]), order(['"note": { "type": "string" }'])),
  ),
  rule(
    'jsonschema-property-added-to-partially-open-model',
    'JSON Schema: an added property is not covered by the partially open content model',
    `The reading schema declares a property that the writing schema's \`additionalProperties\` or \`patternProperties\` schema allowed with other values, which its data may carry. ${REVERSE} ${LENIENT_TOO}`,
    example(BACKWARD, order([], '"additionalProperties": { "type": "string" }'), order(['"note": { "type": "integer" }'], '"additionalProperties": { "type": "string" }')),
  ),
  rule(
    'jsonschema-required-property-added',
    'JSON Schema: a required property was added',
    `The reading schema requires a property the writing schema does not declare, with no \`default\` to stand in for it: the writer's data may lack it. ${REVERSE} ${LENIENT_TOO}`,
    example(BACKWARD, order([]), order(['"note": { "type": "string" }'], '"required": ["note"]')),
  ),
  rule(
    'jsonschema-property-made-required',
    'JSON Schema: an optional property was made required',
    `The reading schema requires a property the writing schema declares as optional, with no \`default\` to stand in for it. Making a property optional shows in the FORWARD direction. ${LENIENT_TOO}`,
    example(BACKWARD, order(['"note": { "type": "string" }']), order(['"note": { "type": "string" }'], '"required": ["note"]')),
  ),
  rule(
    'jsonschema-additional-properties-narrowed',
    'JSON Schema: undeclared properties accept less',
    `The reading schema's \`additionalProperties\` or \`patternProperties\` accept less than the writing schema's: closed, or a narrower schema. Closing an open content model counts only under \`asset.policy: strict\`, as the lenient policy presumes undeclared properties absent. ${REVERSE}`,
    example(BACKWARD, order([], '"additionalProperties": { "type": "string" }'), order([], '"additionalProperties": false')),
  ),
  rule(
    'jsonschema-type-narrowed',
    'JSON Schema: a type was narrowed',
    `The reading schema accepts only some of the writing schema's types: \`number\` to \`integer\`, \`null\` dropped from a type list, a type added where any value was valid. Widening (\`integer\` to \`number\`) shows in the FORWARD direction, as here. ${LENIENT_TOO}`,
    example(FORWARD, order(['"amount": { "type": "integer" }']), order(['"amount": { "type": "number" }'])),
  ),
  rule(
    'jsonschema-type-changed',
    'JSON Schema: a type was changed',
    `The reading schema does not accept the writing schema's type, and accepts others it never wrote: \`string\` to \`number\`. ${LENIENT_TOO}`,
    example(BACKWARD, order(['"amount": { "type": "number" }']), order(['"amount": { "type": "string" }'])),
  ),
  rule(
    'jsonschema-enum-narrowed',
    'JSON Schema: an enum or const lost a value',
    `The reading schema's \`enum\` or \`const\` does not list a value the writing schema allows, or lists values where the writing schema allowed any. Adding a value shows in the FORWARD direction. ${LENIENT_TOO}`,
    example(BACKWARD, order(['"status": { "enum": ["PENDING", "PAID", "SHIPPED"] }']), order(['"status": { "enum": ["PENDING", "PAID"] }'])),
  ),
  rule(
    'jsonschema-max-length-decreased',
    'JSON Schema: a string\'s maxLength was decreased or added',
    `The reading schema allows shorter strings than the writing schema. ${REVERSE} ${LENIENT_TOO}`,
    example(BACKWARD, order(['"note": { "type": "string", "maxLength": 100 }']), order(['"note": { "type": "string", "maxLength": 50 }'])),
  ),
  rule(
    'jsonschema-min-length-increased',
    'JSON Schema: a string\'s minLength was increased or added',
    `The reading schema needs longer strings than the writing schema. ${REVERSE} ${LENIENT_TOO}`,
    example(BACKWARD, order(['"note": { "type": "string", "minLength": 1 }']), order(['"note": { "type": "string", "minLength": 3 }'])),
  ),
  rule(
    'jsonschema-pattern-changed',
    'JSON Schema: a string\'s pattern was changed or added',
    `The reading schema requires a \`pattern\` the writing schema does not: no two regular expressions are compared for meaning, so any other pattern counts. Where the writing schema lists its values (\`enum\`, \`const\`), each is matched with RE2, in linear time; a pattern RE2 cannot run (a backreference, a lookaround) is taken to refuse them, and the finding says so. Removing a pattern shows in the FORWARD direction. ${LENIENT_TOO}`,
    example(BACKWARD, order(['"sku": { "type": "string", "pattern": "^[A-Z]+$" }']), order(['"sku": { "type": "string", "pattern": "^[A-Z]{3}$" }'])),
  ),
  rule(
    'jsonschema-format-changed',
    'JSON Schema: a string\'s format was changed or added',
    `The reading schema requires a \`format\` (\`date-time\`, \`uuid\`, ...) the writing schema does not. Removing a format shows in the FORWARD direction. ${LENIENT_TOO}`,
    example(BACKWARD, order(['"placed_at": { "type": "string" }']), order(['"placed_at": { "type": "string", "format": "date-time" }'])),
  ),
  rule(
    'jsonschema-maximum-decreased',
    'JSON Schema: a number\'s maximum was decreased or added',
    `The reading schema's upper bound (\`maximum\` or \`exclusiveMaximum\`) is below the writing schema's, or new. ${REVERSE} ${LENIENT_TOO}`,
    example(BACKWARD, order(['"quantity": { "type": "integer", "maximum": 100 }']), order(['"quantity": { "type": "integer", "maximum": 10 }'])),
  ),
  rule(
    'jsonschema-minimum-increased',
    'JSON Schema: a number\'s minimum was increased or added',
    `The reading schema's lower bound (\`minimum\` or \`exclusiveMinimum\`) is above the writing schema's, or new. ${REVERSE} ${LENIENT_TOO}`,
    example(BACKWARD, order(['"quantity": { "type": "integer", "minimum": 0 }']), order(['"quantity": { "type": "integer", "minimum": 1 }'])),
  ),
  rule(
    'jsonschema-multiple-of-changed',
    'JSON Schema: a number\'s multipleOf was changed or added',
    `The reading schema's \`multipleOf\` does not divide the writing schema's, so some of the writer's numbers are no multiples of it. ${REVERSE} ${LENIENT_TOO}`,
    example(BACKWARD, order(['"amount": { "type": "number", "multipleOf": 0.01 }']), order(['"amount": { "type": "number", "multipleOf": 0.05 }'])),
  ),
  rule(
    'jsonschema-items-changed',
    'JSON Schema: an array\'s items were constrained or a tuple position changed',
    `The reading schema constrains items the writing schema left open, or a tuple position (\`prefixItems\`, or \`items\` as a list before 2020-12) one schema has is not accepted by what the other allows there. A position added to an open tuple counts only under \`asset.policy: strict\`. Changes inside item schemas both declare are reported by their own rules under the array's path. ${REVERSE}`,
    example(BACKWARD, order(['"tags": { "type": "array" }']), order(['"tags": { "type": "array", "items": { "type": "string" } }'])),
  ),
  rule(
    'jsonschema-max-items-decreased',
    'JSON Schema: an array\'s maxItems was decreased or added',
    `The reading schema allows fewer items than the writing schema. ${REVERSE} ${LENIENT_TOO}`,
    example(BACKWARD, order(['"tags": { "type": "array", "maxItems": 10 }']), order(['"tags": { "type": "array", "maxItems": 5 }'])),
  ),
  rule(
    'jsonschema-min-items-increased',
    'JSON Schema: an array\'s minItems was increased or added',
    `The reading schema needs more items than the writing schema. ${REVERSE} ${LENIENT_TOO}`,
    example(BACKWARD, order(['"tags": { "type": "array" }']), order(['"tags": { "type": "array", "minItems": 1 }'])),
  ),
  rule(
    'jsonschema-unique-items-added',
    'JSON Schema: an array now requires unique items',
    `The reading schema sets \`uniqueItems\` and the writing schema does not, so arrays with repeats are refused. ${REVERSE} ${LENIENT_TOO}`,
    example(BACKWARD, order(['"tags": { "type": "array" }']), order(['"tags": { "type": "array", "uniqueItems": true }'])),
  ),
  rule(
    'jsonschema-combined-type-narrowed',
    'JSON Schema: a oneOf or anyOf branch was removed',
    `A branch of the writing schema's \`oneOf\`/\`anyOf\` is accepted by none of the reading schema's branches, which are fewer. Adding a branch shows in the FORWARD direction. ${LENIENT_TOO}`,
    example(
      BACKWARD,
      order(['"reference": { "oneOf": [{ "type": "string" }, { "type": "integer" }, { "type": "boolean" }] }']),
      order(['"reference": { "oneOf": [{ "type": "string" }, { "type": "integer" }] }']),
    ),
  ),
  rule(
    'jsonschema-combined-type-changed',
    'JSON Schema: a oneOf or anyOf changed',
    `A branch of the writing schema's \`oneOf\`/\`anyOf\` is accepted by none of the reading schema's, which are as many or more, or \`anyOf\` became \`oneOf\`, which refuses data more than one branch accepts. ${REVERSE} ${LENIENT_TOO}`,
    example(
      BACKWARD,
      order(['"reference": { "anyOf": [{ "type": "string" }, { "type": "integer" }] }']),
      order(['"reference": { "oneOf": [{ "type": "string" }, { "type": "integer" }] }']),
    ),
  ),
  rule(
    'jsonschema-not-extended',
    'JSON Schema: a not refuses more values',
    `The reading schema's \`not\` refuses values that the writing schema accepts: a \`not\` added, or one that now excludes more. ${REVERSE} ${LENIENT_TOO}`,
    example(BACKWARD, order(['"code": { "type": "string" }']), order(['"code": { "type": "string", "not": { "const": "" } }'])),
  ),
  rule(
    'jsonschema-min-properties-increased',
    'JSON Schema: an object\'s minProperties was increased or added',
    `The reading schema needs more properties than the writing schema guarantees: its \`minProperties\`, or the number of properties it requires. ${REVERSE} ${LENIENT_TOO}`,
    example(BACKWARD, order(['"note": { "type": "string" }']), order(['"note": { "type": "string" }'], '"minProperties": 2')),
  ),
  rule(
    'jsonschema-max-properties-decreased',
    'JSON Schema: an object\'s maxProperties was decreased or added',
    `The reading schema allows fewer properties than the writing schema: its \`maxProperties\`, or the properties a closed model declares. ${REVERSE} ${LENIENT_TOO}`,
    example(BACKWARD, order(['"note": { "type": "string" }'], '"maxProperties": 5'), order(['"note": { "type": "string" }'], '"maxProperties": 2')),
  ),
  rule(
    'jsonschema-property-names-narrowed',
    'JSON Schema: propertyNames refuse names the writing schema allows',
    `The reading schema's \`propertyNames\` refuse a property name the writing schema declares, or names it allows for undeclared properties (an open model's count only under \`asset.policy: strict\`, as the lenient policy presumes undeclared properties absent). Patterns run on RE2, in linear time. ${REVERSE}`,
    example(
      BACKWARD,
      order(['"placedAt": { "type": "string" }']),
      order(['"placedAt": { "type": "string" }'], '"propertyNames": { "pattern": "^[a-z_]+$" }'),
    ),
  ),
  rule(
    'jsonschema-dependent-required-added',
    'JSON Schema: a property requires others when present',
    `The reading schema's \`dependentRequired\` (\`dependencies\` with a list of names, in draft-07) requires a name whenever a property is present, which the writing schema does not require then. Removing or narrowing a dependency shows in the FORWARD direction. ${LENIENT_TOO}`,
    example(
      BACKWARD,
      order(['"coupon": { "type": "string" }', '"note": { "type": "string" }']),
      order(['"coupon": { "type": "string" }', '"note": { "type": "string" }'], '"dependencies": { "coupon": ["note"] }'),
    ),
  ),
  rule(
    'jsonschema-dependent-schema-changed',
    'JSON Schema: a dependent schema was added or changed',
    `The reading schema's \`dependentSchemas\` (\`dependencies\` with a schema, in draft-07) asks of data holding a property what the writing schema's data holding it may not meet. Removing a dependent schema shows in the FORWARD direction. ${LENIENT_TOO}`,
    example(
      BACKWARD,
      order(['"coupon": { "type": "string" }', '"note": { "type": "string" }']),
      order(['"coupon": { "type": "string" }', '"note": { "type": "string" }'], '"dependencies": { "coupon": { "required": ["note"] } }'),
    ),
  ),
  rule(
    'jsonschema-conditional-changed',
    'JSON Schema: an if/then/else refuses data the writing schema accepts',
    `The reading schema's \`if\`/\`then\`/\`else\` may refuse data valid under the writing schema: its \`then\` or \`else\` is not met by all the writer's data, and the writer has no \`if\` accepting the same data whose \`then\` and \`else\` meet them. The schema registries do not judge conditionals. ${REVERSE} ${LENIENT_TOO}`,
    example(
      BACKWARD,
      order(['"status": { "enum": ["NEW", "PAID"] }', '"paid_at": { "type": "string" }']),
      order(
        ['"status": { "enum": ["NEW", "PAID"] }', '"paid_at": { "type": "string" }'],
        '"if": { "properties": { "status": { "const": "PAID" } }, "required": ["status"] }',
        '"then": { "required": ["paid_at"] }',
      ),
    ),
  ),
  rule(
    'jsonschema-contains-narrowed',
    'JSON Schema: an array\'s contains was added or changed, or its minContains increased',
    `The reading schema needs items matching its \`contains\` (as many as \`minContains\`, one by default), which the writing schema does not guarantee: it has no \`contains\` whose items the reader's accepts with as many, nor enough items all of which match. ${REVERSE} ${LENIENT_TOO}`,
    example(
      BACKWARD,
      order(['"tags": { "type": "array", "items": { "type": "string" } }']),
      order(['"tags": { "type": "array", "items": { "type": "string" }, "contains": { "const": "gift" } }']),
    ),
  ),
  rule(
    'jsonschema-max-contains-decreased',
    'JSON Schema: an array\'s maxContains was decreased or added',
    `The reading schema allows fewer items matching its \`contains\` (\`maxContains\`, from 2019-09) than the writing schema. ${REVERSE} ${LENIENT_TOO}`,
    example(
      BACKWARD,
      order(['"tags": { "type": "array", "contains": { "const": "gift" }, "maxContains": 3 }'], DRAFT_2020_12),
      order(['"tags": { "type": "array", "contains": { "const": "gift" }, "maxContains": 1 }'], DRAFT_2020_12),
    ),
  ),
  rule(
    'jsonschema-too-complex-to-compare',
    'JSON Schema: the schemas are too deep or too large to compare',
    `The comparison stopped where the schemas nest more than 128 levels deep, or as a whole: a \`$ref\`/\`allOf\` chain longer than 64, more than 1,024 \`oneOf\`/\`anyOf\` alternatives in one schema, or more than 200,000 pairs of schemas to compare. What lies beyond is not compared, so the change is not shown compatible. ${LENIENT_TOO}`,
    example(BACKWARD, order([`"tree": ${nested(130, '{ "type": "string" }')}`]), order([`"tree": ${nested(130, '{ "type": "integer" }')}`])),
  ),
] as const satisfies readonly RuleDefinition[];

/** The id of a JSON Schema compatibility rule. */
export type JsonSchemaRuleId = (typeof JSON_SCHEMA_RULES)[number]['id'];
