import { parseYamlFile } from '../contracts/yaml-positions.js';
import type { ReviewError } from '../core/review.js';
import { SETTINGS_PATH, type Settings, settingsSchema } from './schema.js';

const FALLBACK_NOTE = '(the whole file is ignored: the default settings apply)';

/**
 * Reads the repository settings; no file, or a file with no content, gives the defaults. A file with any error
 * is ignored as a whole, so a review never runs with half of what the user wrote.
 */
export function loadSettings(
  text: string | undefined,
  path = SETTINGS_PATH,
): { settings: Settings; errors: ReviewError[] } {
  const defaults = settingsSchema.parse({});
  if (text === undefined) return { settings: defaults, errors: [] };
  const parsed = parseYamlFile(path, text);
  const validation = parsed.ok ? parsed.yaml.validate(settingsSchema, parsed.yaml.value ?? {}) : parsed;
  if (validation.ok) return { settings: validation.data, errors: [] };
  return {
    settings: defaults,
    errors: validation.errors.map((error) => ({ ...error, message: `${error.message} ${FALLBACK_NOTE}` })),
  };
}
