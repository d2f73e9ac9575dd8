import { DCR_PREFIX } from './custom-properties.js';
import type { DocumentPath, Located, Notes } from './notes.js';
import { type OdcsCustomPropertyInput, READ_KEYS } from './read-schema.js';

/**
 * The `dcr.` custom properties of one object, by name, from those it may hold; any other custom property is dropped
 * with a warning, and a `dcr.` name that does not belong here (a typo, or a property of another object) is refused.
 */
export function readCustomProperties(
  list: readonly OdcsCustomPropertyInput[] | undefined,
  known: readonly string[],
  path: DocumentPath,
  notes: Notes,
): Map<string, Located> {
  const found = new Map<string, Located>();
  (list ?? []).forEach((entry, index) => {
    const at = [...path, 'customProperties', index];
    notes.judgeKeys(entry, READ_KEYS.customProperty, {}, at);
    const name = entry.property;
    if (!name.startsWith(DCR_PREFIX)) {
      notes.warn(at, `dropped: a contract has no custom properties (this one is "${name}")`);
    } else if (!known.includes(name)) {
      notes.refuse([...at, 'property'], `"${name}" is no custom property of dcr here; this object may hold ${known.join(', ')}`);
    } else if (found.has(name)) {
      notes.refuse([...at, 'property'], `"${name}" is given twice`);
    } else {
      found.set(name, { value: entry.value, path: [...at, 'value'] });
    }
  });
  return found;
}
