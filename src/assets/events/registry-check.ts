import type { RegistryVerdict, SchemaRegistry } from '../../registry/port.js';
import type { SchemaFormat } from './format.js';

export interface RegistryOutcome {
  subject: string;
  /** The registry's verdict on the head schema. */
  verdict: RegistryVerdict;
  /** Its verdict on the base schema, asked when the head's is `incompatible`: what the base shares is drift. */
  baseVerdict?: RegistryVerdict;
}

const NO_REGISTRY: RegistryVerdict = {
  status: 'unavailable',
  reason: 'no schema registry is configured where the review runs (DCR_SCHEMA_REGISTRY_URL)',
};

/**
 * Asks the registry whether the head schema may be registered under the subject and, when it may not and the base
 * could be read, whether the base schema may: a refusal the base already earns is not the change's doing.
 */
export async function checkRegistry(
  registry: SchemaRegistry | undefined,
  format: SchemaFormat<unknown>,
  subject: string,
  schemas: { head: unknown; base?: unknown },
): Promise<RegistryOutcome> {
  if (!registry) return { subject, verdict: NO_REGISTRY };
  const verdict = await registry.checkCompatibility(subject, format.registrySchema(schemas.head));
  if (verdict.status !== 'incompatible' || schemas.base === undefined) return { subject, verdict };
  return { subject, verdict, baseVerdict: await registry.checkCompatibility(subject, format.registrySchema(schemas.base)) };
}
