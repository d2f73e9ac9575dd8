import { ConfluentRegistry } from './client.js';
import type { SchemaRegistry } from './port.js';

/**
 * The schema registry configured for the process, from `DCR_SCHEMA_REGISTRY_URL` (with `_USERNAME`, `_PASSWORD` and
 * `_TIMEOUT_SECONDS`), or undefined when none is. A broken setting stops the start, rather than every review.
 */
export function registryFromEnvironment(env: NodeJS.ProcessEnv): SchemaRegistry | undefined {
  const url = env.DCR_SCHEMA_REGISTRY_URL;
  if (!url) return undefined;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new Error('DCR_SCHEMA_REGISTRY_URL must be an http or https URL, such as https://registry.example.com');
  }
  const timeout = env.DCR_SCHEMA_REGISTRY_TIMEOUT_SECONDS;
  const timeoutSeconds = timeout === undefined || timeout === '' ? 10 : Number(timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new Error('DCR_SCHEMA_REGISTRY_TIMEOUT_SECONDS must be a positive number of seconds');
  }
  return new ConfluentRegistry({
    url,
    timeoutMs: timeoutSeconds * 1000,
    ...(env.DCR_SCHEMA_REGISTRY_USERNAME ? { username: env.DCR_SCHEMA_REGISTRY_USERNAME, password: env.DCR_SCHEMA_REGISTRY_PASSWORD ?? '' } : {}),
  });
}
