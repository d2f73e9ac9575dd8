import { posix } from 'node:path';
import type { AssetType } from '../contracts/schema.js';

/** Files read together as one definition, and the glob a contract names them by. */
export interface SourceGroup {
  type: AssetType;
  source: string[];
}

/** How files of one kind are found without `--source`, and which of them belong together. */
interface Layout {
  file: RegExp;
  /**
   * Given every file of the kind, the folder each one's definition is rooted in; undefined for a file that is not
   * one (a SQL file outside migrations). What the files share is worked out once, not once per file.
   */
  rootsAmong(all: readonly string[]): (path: string) => string | undefined;
  /** What, under the root, the contract's glob matches. */
  under: string;
}

const folderOf = (path: string): string => (posix.dirname(path) === '.' ? '' : posix.dirname(path));
const ancestors = (path: string): string[] => folderOf(path).split('/').filter(Boolean).map((_, index, parts) => parts.slice(0, index + 1).join('/'));
const named = (pattern: RegExp, pick: 'nearest' | 'outermost') => () => (path: string): string | undefined => {
  const matching = ancestors(path).filter((folder) => pattern.test(posix.basename(folder)));
  return pick === 'nearest' ? matching.at(-1) : matching[0];
};

/** The deepest folder every file is in: schemas that refer to each other by name are read as one set. */
function commonRoot(all: readonly string[]): () => string {
  const parts = all.map((path) => folderOf(path).split('/'));
  const shared = parts[0]?.findIndex((part, index) => parts.some((other) => other[index] !== part)) ?? -1;
  const root = (parts[0] ?? []).slice(0, shared < 0 ? undefined : shared).join('/');
  return () => root;
}

/** The outermost folder above a file that holds one of the files itself: a multi-file Prisma schema is one schema. */
function outermostHolder(all: readonly string[]): (path: string) => string {
  const holders = new Set(all.map(folderOf));
  return (path) => ['', ...ancestors(path)].find((folder) => holders.has(folder))!;
}

/** Migrations live in a folder named for them (Flyway's `db/migration`, `prisma/migrations`, Drizzle's `drizzle`). */
const SQL: Layout = { file: /\.sql$/i, rootsAmong: named(/^(?:migrations?|drizzle)$/i, 'nearest'), under: '**/*.sql' };

const LAYOUTS: Partial<Record<AssetType, Layout>> = {
  postgres: SQL,
  mysql: SQL,
  sqlite: SQL,
  avro: { file: /\.avsc$/i, rootsAmong: commonRoot, under: '**/*.avsc' },
  protobuf: { file: /\.proto$/i, rootsAmong: commonRoot, under: '**/*.proto' },
  jsonschema: { file: /\.schema\.json$/i, rootsAmong: commonRoot, under: '**/*.schema.json' },
  prisma: { file: /\.prisma$/i, rootsAmong: outermostHolder, under: '**/*.prisma' },
  // A dbt model exists when its file is among the sources: the SQL files with their YAML properties.
  dbt: { file: /\.ya?ml$/i, rootsAmong: named(/^models$/, 'outermost'), under: '**' },
};

/** The asset types `dcr init --all` looks for when no `--type` is given: SQL migrations are read as Postgres. */
export const DISCOVERED_TYPES: readonly AssetType[] = ['postgres', 'avro', 'protobuf', 'jsonschema', 'prisma', 'dbt'];

/** Whether files of this type can be found without `--source` (TypeScript cannot: any file could declare an asset). */
export function hasLayout(type: AssetType): boolean {
  return LAYOUTS[type] !== undefined;
}

/** Vendored packages are someone else's definitions. */
const VENDORED = /(?:^|\/)node_modules\//;

/** The definitions of one type a commit's files hold in the usual places, one group per folder they are rooted in. */
export function discoverSources(type: AssetType, paths: readonly string[]): SourceGroup[] {
  const layout = LAYOUTS[type];
  if (!layout) return [];
  const files = paths.filter((path) => layout.file.test(path) && !VENDORED.test(path)).sort();
  const rootOf = layout.rootsAmong(files);
  const roots = new Set(files.map(rootOf).filter((root) => root !== undefined));
  return [...roots].sort().map((root) => ({ type, source: [root === '' ? layout.under : `${root}/${layout.under}`] }));
}

const TYPE_OF_EXTENSION: [RegExp, AssetType][] = [
  [/\.sql$/i, 'postgres'],
  [/\.avsc$/i, 'avro'],
  [/\.proto$/i, 'protobuf'],
  [/\.json$/i, 'jsonschema'],
  [/\.prisma$/i, 'prisma'],
  [/\.ya?ml$/i, 'dbt'],
  [/\.[cm]?tsx?$/i, 'typescript'],
];

/**
 * The asset types of the files `--source` matched, by their extensions: `.sql` is read as Postgres, and SQL beside
 * YAML properties files is a dbt project's models. Files of no asset type (a README) are left out.
 */
export function typesOfFiles(paths: readonly string[]): AssetType[] {
  const types = new Set(paths.flatMap((path) => TYPE_OF_EXTENSION.filter(([pattern]) => pattern.test(path)).map(([, type]) => type)));
  if (types.has('dbt')) types.delete('postgres');
  return [...types];
}
