import { isJsonObject, type SchemaNode } from './model.js';

/** The URI without its fragment, the form resources are known by. */
export function withoutFragment(uri: string): string {
  const hash = uri.indexOf('#');
  return hash === -1 ? uri : uri.slice(0, hash);
}

/** `uri` resolved against `base`, or undefined when it is no URI. */
export function resolveUri(uri: string, base: string): string | undefined {
  try {
    return new URL(uri, base).href;
  } catch {
    return undefined;
  }
}

/**
 * The `$id` that starts a new resource: drafts before 2019-09 also wrote plain-name fragments (`"$id": "#address"`),
 * which name an anchor instead.
 */
export function resourceId(value: unknown): string | undefined {
  if (!isJsonObject(value) || typeof value.$id !== 'string' || value.$id.startsWith('#')) return undefined;
  return value.$id;
}

/** The anchors a schema declares, each by its plain name. */
export function anchorsOf(value: unknown): string[] {
  if (!isJsonObject(value)) return [];
  const fragmentId = typeof value.$id === 'string' && value.$id.startsWith('#') ? [value.$id.slice(1)] : [];
  const anchors = [value.$anchor, value.$dynamicAnchor].filter((anchor): anchor is string => typeof anchor === 'string');
  return [...anchors, ...fragmentId];
}

/** The reference a schema makes; the dynamic forms are followed as plain references to where they point first. */
export function referenceOf(node: SchemaNode): string | undefined {
  const { value } = node;
  if (!isJsonObject(value)) return undefined;
  const reference = value.$ref ?? value.$dynamicRef ?? value.$recursiveRef;
  return typeof reference === 'string' ? reference : undefined;
}
