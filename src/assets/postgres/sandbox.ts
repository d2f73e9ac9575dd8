import { createHash } from 'node:crypto';
import { CATALOG_FUNCTIONS } from './catalog-query.js';

/**
 * How the embedded Postgres is locked down. Everything here goes into the pre-initialised image (see image.ts) or is
 * applied to every instance started from it; the image's cache key is a digest of this module's settings, so a
 * change here builds a new image.
 *
 * The threat model: a pull request's migrations are hostile. They run as `dcr_migrator`, a role that is no superuser,
 * through `dcr.run`, a SECURITY DEFINER function that role owns. Inside a security-definer function Postgres refuses
 * `SET ROLE`, `RESET ROLE` and `SET SESSION AUTHORIZATION` (and their `set_config` forms), so a migration cannot get
 * back to the superuser session it was called from. As that role a migration cannot write `pg_catalog` (no
 * `CREATE OR REPLACE FUNCTION pg_catalog.format_type`, no `UPDATE pg_type`), run programs (`COPY ... PROGRAM`) or read
 * server files (`pg_read_file`, `COPY FROM 'file'`). It owns the database, so it can create schemas, roles (CREATEROLE
 * cannot grant superuser since Postgres 16) and the trusted extensions, whose scripts Postgres itself runs as the
 * bootstrap superuser. The catalog is read back by the superuser through `dcr.snapshot`, which pins
 * `search_path = pg_catalog, pg_temp`, so nothing a migration defines is ever called by the read.
 */

export const MIGRATION_ROLE = 'dcr_migrator';

/**
 * Postgres settings of every instance. `max_stack_depth` is far below the default 2MB: PGlite's WebAssembly stack is
 * smaller than Postgres believes, and endless recursion past it corrupts the instance (or aborts the whole process)
 * instead of raising "stack depth limit exceeded". `temp_file_limit` bounds a query that spills without end into the
 * in-memory file system. A small `shared_buffers` makes an instance start faster and hold less memory.
 */
export const SETTINGS: Record<string, string> = {
  max_stack_depth: '200kB',
  temp_file_limit: '256MB',
  shared_buffers: '16MB',
  createrole_self_grant: 'set, inherit',
  client_min_messages: 'warning',
  check_function_bodies: 'on',
};

/** PGlite's defaults followed by SETTINGS (a later `-c` wins). */
export function startParams(defaults: readonly string[]): string[] {
  return [...defaults, ...Object.entries(SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
}

/** initdb options: 1 MB WAL segments instead of 16 MB keep the image small, so an instance loads it faster. */
export const INITDB_PARAMS = ['--wal-segsize=1'];

/** Statements run once, as the superuser, when the image is built. */
export const IMAGE_SETUP: string[] = [
  // Only the database the migrations run in is needed: the templates would only make every instance load slower.
  "UPDATE pg_catalog.pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')",
  'DROP DATABASE template0',
  'DROP DATABASE template1',
  `CREATE ROLE ${MIGRATION_ROLE} NOSUPERUSER NOCREATEDB CREATEROLE NOREPLICATION NOBYPASSRLS NOLOGIN`,
  `ALTER DATABASE postgres OWNER TO ${MIGRATION_ROLE}`,
  'CREATE SCHEMA dcr AUTHORIZATION postgres',
  'REVOKE ALL ON SCHEMA dcr FROM PUBLIC',
  // Runs one migration statement as the migration role.
  `CREATE FUNCTION dcr.run(statement text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $run$
BEGIN
  EXECUTE statement;
END
$run$`,
  'REVOKE ALL ON FUNCTION dcr.run(text) FROM PUBLIC',
  // The migration role owns it (so it runs as that role) but cannot name it: it has no USAGE on schema dcr.
  `ALTER FUNCTION dcr.run(text) OWNER TO ${MIGRATION_ROLE}`,
  ...CATALOG_FUNCTIONS,
  // Postgres refuses to use an enum value added in the still-open transaction of a type made in a subtransaction
  // ("unsafe use of new value"), and a replay never commits: every base file runs in a savepoint. A migration tool
  // commits each file, so the values a file added are usable by the next one. This gives each value added since
  // `known` a new (odd: sorted by enumsortorder) oid, which Postgres does not list as uncommitted.
  `CREATE FUNCTION dcr.settle_enum_values(known pg_catalog.oid[]) RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $settle$
DECLARE
  added record;
  fresh pg_catalog.oid;
BEGIN
  FOR added IN SELECT e.oid FROM pg_catalog.pg_enum e WHERE NOT (e.oid OPERATOR(pg_catalog.=) ANY (known)) LOOP
    LOOP
      fresh := pg_catalog.pg_nextoid('pg_catalog.pg_enum'::pg_catalog.regclass, 'oid', 'pg_catalog.pg_enum_oid_index'::pg_catalog.regclass);
      EXIT WHEN fresh::pg_catalog.int8 OPERATOR(pg_catalog.%) 2 OPERATOR(pg_catalog.=) 1;
    END LOOP;
    UPDATE pg_catalog.pg_enum SET oid = fresh WHERE oid OPERATOR(pg_catalog.=) added.oid;
  END LOOP;
END
$settle$`,
];

/** Run last when the image is built: marks it with the digest of the setup, checked when an instance loads it. */
export function imageSeal(): string[] {
  return [`COMMENT ON SCHEMA dcr IS 'sandbox ${sandboxDigest()}'`, 'CHECKPOINT'];
}
export const SEAL_QUERY = "SELECT pg_catalog.obj_description('dcr'::pg_catalog.regnamespace, 'pg_namespace') AS seal";
export const expectedSeal = (): string => `sandbox ${sandboxDigest()}`;

/** The contrib bundles (file names in PGlite's dist folder) whose files every instance gets. */
export const EXTENSION_BUNDLES = [
  'btree_gin',
  'btree_gist',
  'citext',
  'cube',
  'dict_int',
  'fuzzystrmatch',
  'hstore',
  'intarray',
  'isn',
  'lo',
  'ltree',
  'pg_trgm',
  'pgcrypto',
  'seg',
  'tablefunc',
  'tcn',
  'tsm_system_rows',
  'tsm_system_time',
  'unaccent',
  'uuid-ossp',
  'spi',
] as const;

/**
 * contrib/spi's trigger functions (moddatetime is common in Supabase projects). Postgres does not mark them trusted,
 * but their scripts only create C trigger functions, with no name a migration could hijack: each instance marks them
 * trusted. The bundle that holds them is loaded under the name `moddatetime`.
 */
export const SPI_EXTENSIONS = ['autoinc', 'insert_username', 'moddatetime', 'refint'] as const;

/**
 * Extensions that add nothing a table can use (statistics, inspection, recovery tools). `CREATE EXTENSION` of one of
 * them is skipped: they are not trusted, and their scripts were not written to be run on a hostile role's behalf.
 */
export const SKIPPED_EXTENSIONS = new Set([
  'amcheck',
  'auto_explain',
  'pageinspect',
  'pg_buffercache',
  'pg_freespacemap',
  'pg_logicalinspect',
  'pg_overexplain',
  'pg_prewarm',
  'pg_stat_statements',
  'pg_surgery',
  'pg_visibility',
  'pg_walinspect',
  'pgstattuple',
]);

/** Index access methods of pgvector, which the stand-in below does not provide: such indexes are skipped. */
export const VECTOR_INDEX_METHODS = new Set(['hnsw', 'ivfflat']);

/** pgvector versions the stand-in answers to, so `CREATE EXTENSION vector VERSION '0.5.1'` works too. */
const VECTOR_VERSIONS = ['0.4.0', '0.4.1', '0.4.2', '0.4.3', '0.4.4', '0.5.0', '0.5.1', '0.6.0', '0.6.1', '0.6.2', '0.7.0', '0.7.1', '0.7.2', '0.7.3', '0.7.4', '0.8.0', '0.8.1'];

/**
 * PGlite 0.5 ships no pgvector. This stand-in gives migrations what they use to define tables: the types `vector(n)`,
 * `halfvec(n)` and `sparsevec(n)` (read back with their dimensions), casts from arrays, and the distance functions
 * and operators (which return NULL: they exist so that SQL function bodies and views that use them can be created).
 * Every name is schema-qualified: the script runs as the bootstrap superuser on behalf of the migration role.
 */
function vectorScript(): string {
  const type = (name: string): string => `
CREATE TYPE @extschema@.${name};
CREATE FUNCTION @extschema@.${name}_in(pg_catalog.cstring, pg_catalog.oid, pg_catalog.int4) RETURNS @extschema@.${name}
  AS 'textin' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.${name}_out(@extschema@.${name}) RETURNS pg_catalog.cstring
  AS 'textout' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.${name}_typmod_in(pg_catalog.cstring[]) RETURNS pg_catalog.int4
  AS 'bittypmodin' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.${name} (INPUT = @extschema@.${name}_in, OUTPUT = @extschema@.${name}_out,
  TYPMOD_IN = @extschema@.${name}_typmod_in, INTERNALLENGTH = VARIABLE, STORAGE = extended);
CREATE CAST (pg_catalog.float4[] AS @extschema@.${name}) WITH INOUT AS ASSIGNMENT;
CREATE CAST (pg_catalog.float8[] AS @extschema@.${name}) WITH INOUT AS ASSIGNMENT;
CREATE CAST (pg_catalog.int4[] AS @extschema@.${name}) WITH INOUT AS ASSIGNMENT;
CREATE CAST (pg_catalog.numeric[] AS @extschema@.${name}) WITH INOUT AS ASSIGNMENT;
CREATE CAST (pg_catalog.text AS @extschema@.${name}) WITH INOUT AS IMPLICIT;
CREATE FUNCTION @extschema@.vector_dims(@extschema@.${name}) RETURNS pg_catalog.int4
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN NULL::pg_catalog.int4;
CREATE FUNCTION @extschema@.l2_norm(@extschema@.${name}) RETURNS pg_catalog.float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN NULL::pg_catalog.float8;
${[
  ['l2_distance', '<->'],
  ['inner_product', null],
  ['negative_inner_product', '<#>'],
  ['cosine_distance', '<=>'],
  ['l1_distance', '<+>'],
]
  .map(
    ([fn, op]) => `
CREATE FUNCTION @extschema@.${fn}(@extschema@.${name}, @extschema@.${name}) RETURNS pg_catalog.float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN NULL::pg_catalog.float8;${
    op
      ? `
CREATE OPERATOR @extschema@.${op} (LEFTARG = @extschema@.${name}, RIGHTARG = @extschema@.${name},
  FUNCTION = @extschema@.${fn}, COMMUTATOR = OPERATOR(@extschema@.${op}));`
      : ''
  }`,
  )
  .join('')}`;
  return [
    '-- Stand-in for pgvector, written by Data Contract Review: types and operators only.',
    type('vector'),
    type('halfvec'),
    type('sparsevec'),
    `CREATE FUNCTION @extschema@.vector_norm(@extschema@.vector) RETURNS pg_catalog.float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN NULL::pg_catalog.float8;`,
    '',
  ].join('\n');
}

/** Files written into every instance's extension directory: the pgvector stand-in, and spi marked trusted. */
export function extensionFiles(readControl: (name: string) => string | undefined): Record<string, string> {
  const files: Record<string, string> = {
    'vector.control': [
      "comment = 'vector data types (Data Contract Review stand-in for pgvector)'",
      `default_version = '${VECTOR_VERSIONS[VECTOR_VERSIONS.length - 1]}'`,
      // Not relocatable, so Postgres substitutes @extschema@ (the script names every object with it).
      'relocatable = false',
      'trusted = true',
      '',
    ].join('\n'),
  };
  const script = vectorScript();
  for (const version of VECTOR_VERSIONS) files[`vector--${version}.sql`] = script;
  for (const name of SPI_EXTENSIONS) {
    const control = readControl(name);
    if (control !== undefined && !/^\s*trusted\s*=/m.test(control)) files[`${name}.control`] = `${control.trimEnd()}\ntrusted = true\n`;
  }
  return files;
}

/** The part of the image's cache key that says how it was set up. */
export function sandboxDigest(): string {
  return createHash('sha256')
    .update(JSON.stringify({ INITDB_PARAMS, IMAGE_SETUP, SETTINGS }))
    .digest('hex')
    .slice(0, 16);
}
