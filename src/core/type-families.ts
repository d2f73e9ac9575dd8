/**
 * The type families a contract's promise covers (README, "How a change is judged"), with the names findings give them. Every type of
 * a scalar value belongs to exactly one; arrays, maps, records, unions and types the promise does not name
 * (durations, intervals, money, bit strings, geometric types) belong to none, and only the contract's type says
 * whether a change of theirs breaks. Decimal and floating point are one family, as the promise lists them: JSON
 * Schema's `number` and the portable `number` make no difference between them. Inside it, a float moving to an
 * unconstrained numeric is a widening (every binary fraction is a decimal one), and a numeric moving to a float a
 * narrowing (no float carries 0.01 exactly).
 */
export const TYPE_FAMILIES = {
  text: 'text',
  integer: 'integer',
  decimal: 'decimal and floating point',
  boolean: 'boolean',
  datetime: 'date and time',
  uuid: 'uuid',
  json: 'json',
  bytes: 'bytes',
  enum: 'enum',
} as const;
export type TypeFamily = keyof typeof TYPE_FAMILIES;

/**
 * The family each portable contract type names, whatever the asset type. `number` is JSON Schema's number, decimal
 * and floating point; `object` and `array` name structures, not families.
 */
export const PORTABLE_TYPE_FAMILIES: ReadonlyMap<string, TypeFamily> = new Map([
  ['string', 'text'],
  ['integer', 'integer'],
  ['number', 'decimal'],
  ['decimal', 'decimal'],
  ['boolean', 'boolean'],
  ['date', 'datetime'],
  ['time', 'datetime'],
  ['timestamp', 'datetime'],
  ['uuid', 'uuid'],
  ['json', 'json'],
  ['bytes', 'bytes'],
]);

/**
 * The family of a type, spelt as a field's type or as a contract's (a portable type or the asset type's own
 * spelling); undefined for a type outside the families. `isEnum` says the type names an enumerated type, which only
 * the extractor knows of a user type's name.
 */
export type FamilyOf = (type: string, traits?: { isEnum?: boolean }) => TypeFamily | undefined;
