import type { ColumnEntry, ConstraintEntry, ModelConfig, ModelEntry, VersionEntry } from './entries.js';

/** A model, or one version of a versioned model, as dbt builds it from its properties entry. */
export interface ResolvedModel {
  entry: ModelEntry;
  /** Undefined for a model without versions. */
  version?: VersionEntry;
  /** Where the entry says which version is the latest, for a versioned model read as its latest. */
  latestLine?: number;
  columns: ColumnEntry[];
  constraints: ConstraintEntry[];
  config: ModelConfig;
  /** The file names (without extension) that may define its SQL. */
  definedIn: string[];
}

/**
 * The latest version: `latest_version`, else the highest `v` when every one is a number, else the last in text
 * order (dbt's rule). A `latest_version` naming no version is undefined.
 */
export function latestVersion(entry: ModelEntry): VersionEntry | undefined {
  const versions = entry.versions ?? [];
  if (entry.latestVersion) return versions.find((version) => version.v === entry.latestVersion!.value);
  const numeric = versions.every((version) => version.v.trim() !== '' && Number.isFinite(Number(version.v)));
  const order = (a: VersionEntry, b: VersionEntry) => (numeric ? Number(a.v) - Number(b.v) : a.v < b.v ? -1 : a.v > b.v ? 1 : 0);
  return [...versions].sort(order).at(-1);
}

/**
 * The model `requested` names: without a version, the model itself or, when it has versions, its latest; with one,
 * that version. Undefined when the entry has no such version.
 */
export function resolveModel(entry: ModelEntry, requested: string | undefined): ResolvedModel | undefined {
  if (!entry.versions) {
    if (requested !== undefined) return undefined;
    return { entry, columns: entry.columns, constraints: entry.constraints, config: entry.config, definedIn: [entry.name] };
  }
  const latest = latestVersion(entry);
  const version = requested === undefined ? latest : entry.versions.find((candidate) => candidate.v === requested);
  if (!version) return undefined;
  const resolved: ResolvedModel = {
    entry,
    version,
    columns: versionColumns(entry.columns, version),
    constraints: version.constraints.length > 0 ? version.constraints : entry.constraints,
    // A version's `config:` is merged into the model's, key by key (its settings are never written as undefined).
    config: { ...entry.config, ...version.config },
    definedIn: [version.definedIn ?? `${entry.name}_v${version.v}`, ...(version === latest ? [entry.name] : [])],
  };
  if (requested === undefined) resolved.latestLine = entry.latestVersion?.line ?? version.line;
  return resolved;
}

/**
 * The top-level columns the version includes, then its own: one named like an included column takes its place (and
 * keeps its tests unless it lists its own), the others come after.
 */
function versionColumns(topLevel: ColumnEntry[], version: VersionEntry): ColumnEntry[] {
  if (!version.columns) return topLevel;
  const { selection, entries } = version.columns;
  const included = (name: string) =>
    !selection || ((selection.include === 'all' || selection.include.includes(name)) && !selection.exclude.includes(name));
  const columns = new Map(topLevel.filter((column) => included(column.name)).map((column) => [column.name, column]));
  for (const column of entries) {
    const inherited = columns.get(column.name);
    columns.set(column.name, column.tests === undefined && inherited?.tests ? { ...column, tests: inherited.tests } : column);
  }
  return [...columns.values()];
}
