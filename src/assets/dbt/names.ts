/** A contract's `asset.name`: a model, and the version it pins, if any. */
export interface ModelName {
  model: string;
  /** Undefined: the model itself or, when it has versions, its latest (what an unpinned `ref()` reads). */
  version?: string;
}

/**
 * `orders` names the model (its latest version, when it has versions); `orders.v2` pins version 2, as dbt's own
 * unique ids spell a version (`model.shop.orders.v2`). A model name holds no dot, so the split is never ambiguous.
 */
export function parseModelName(name: string): { ok: true; name: ModelName } | { ok: false; message: string } {
  const match = /^([^.]+)(?:\.v([^.].*))?$/.exec(name.trim());
  if (!match) {
    return { ok: false, message: `asset.name "${name}" is not a dbt model name: write the model's name (orders), or name one version (orders.v2)` };
  }
  return { ok: true, name: match[2] === undefined ? { model: match[1]! } : { model: match[1]!, version: match[2] } };
}
