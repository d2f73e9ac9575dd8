/** The schema as a Confluent-compatible registry takes it. */
export interface RegistrySchema {
  schemaType: 'AVRO' | 'PROTOBUF' | 'JSON';
  schema: string;
}

/**
 * A schema registry's answer about one schema. `unavailable` carries a sentence for the PR comment saying why there
 * is no answer (no credentials ever appear in it).
 */
export type RegistryVerdict =
  | { status: 'compatible' }
  | { status: 'incompatible'; messages: string[] }
  | { status: 'no-subject' }
  | { status: 'unavailable'; reason: string };

/** The schema registry the review asks whether a head schema may be registered under a subject. */
export interface SchemaRegistry {
  checkCompatibility(subject: string, schema: RegistrySchema): Promise<RegistryVerdict>;
}
