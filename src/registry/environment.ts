import { ConfluentRegistry } from './client.js';
import type { SchemaRegistry } from './port.js';

/** Past this, a registry that hangs would hold every review that names a subject. */
const LONGEST_TIMEOUT_SECONDS = 600;

/** A schema registry setting the process cannot start with. */
export class RegistryConfigurationError extends Error {
  override readonly name = 'RegistryConfigurationError';
}

/**
 * The schema registry configured for the process, from `DCR_SCHEMA_REGISTRY_URL` (with `_USERNAME`, `_PASSWORD` and
 * `_TIMEOUT_SECONDS`), or undefined when none is. A broken setting stops the start rather than every review; its
 * message never repeats the values, which may hold credentials.
 */
export function registryFromEnvironment(env: NodeJS.ProcessEnv): SchemaRegistry | undefined {
  const url = env.DCR_SCHEMA_REGISTRY_URL?.trim();
  if (!url) return undefined;
  if (!URL.canParse(url) || !['http:', 'https:'].includes(new URL(url).protocol)) {
    throw new RegistryConfigurationError('DCR_SCHEMA_REGISTRY_URL must be an http or https URL, such as https://registry.example.com');
  }
  const username = env.DCR_SCHEMA_REGISTRY_USERNAME || undefined;
  const password = env.DCR_SCHEMA_REGISTRY_PASSWORD || undefined;
  if (password !== undefined && username === undefined) {
    throw new RegistryConfigurationError('DCR_SCHEMA_REGISTRY_PASSWORD is set without DCR_SCHEMA_REGISTRY_USERNAME (the API key that goes with the secret)');
  }
  const timeoutSeconds = parseTimeout(env.DCR_SCHEMA_REGISTRY_TIMEOUT_SECONDS);
  return new ConfluentRegistry({
    url,
    ...(username === undefined ? {} : { username, password: password ?? '' }),
    ...(timeoutSeconds === undefined ? {} : { timeoutMs: timeoutSeconds * 1000 }),
  });
}

function parseTimeout(setting: string | undefined): number | undefined {
  if (setting === undefined || setting.trim() === '') return undefined;
  const seconds = Number(setting);
  if (!(seconds > 0 && seconds <= LONGEST_TIMEOUT_SECONDS)) {
    throw new RegistryConfigurationError(`DCR_SCHEMA_REGISTRY_TIMEOUT_SECONDS must be a number of seconds above 0 and at most ${LONGEST_TIMEOUT_SECONDS}`);
  }
  return seconds;
}
