/** Avro's primitive type names: never qualified by a namespace, and never redefinable. */
const PRIMITIVES = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'] as const;
export type AvroPrimitive = (typeof PRIMITIVES)[number];

export function isPrimitive(name: string): name is AvroPrimitive {
  return (PRIMITIVES as readonly string[]).includes(name);
}

/**
 * The specification's promotions: a reader of the key reads a writer's value of each listed type. String and bytes
 * promote both ways, as their encodings are the same.
 */
const PROMOTIONS: Record<AvroPrimitive, readonly AvroPrimitive[]> = {
  null: [],
  boolean: [],
  int: [],
  long: ['int'],
  float: ['int', 'long'],
  double: ['int', 'long', 'float'],
  bytes: ['string'],
  string: ['bytes'],
};

/** Whether a reader of `reader` reads every value written as `writer`, by equality or a promotion. */
export function primitiveReads(reader: AvroPrimitive, writer: AvroPrimitive): boolean {
  return reader === writer || PROMOTIONS[reader].includes(writer);
}
