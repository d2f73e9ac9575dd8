/**
 * Reads tables back from the Postgres catalog as JSON, as the superuser, after a migration statement. It is a
 * function created in the image, owned by the superuser, with `search_path` pinned to `pg_catalog, pg_temp`: every
 * table, function, operator and type it uses is the catalog's own, whatever a migration created or whatever
 * `search_path` it set (a migration cannot write `pg_catalog`).
 *
 * `tracked` holds table oids already followed; `names`, `schemas` and `relations` describe each watched name as a
 * contract writes it (`Orders`, `public."Orders"`), already split and case-folded as Postgres would (names.ts). A
 * name resolves to the table with exactly that schema and name; when none has it but exactly one table has it up to
 * case (a contract naming `public.TaskRun` for Prisma's `"TaskRun"`), it resolves to that one, and the name is
 * listed in `loose`. Nothing here calls `to_regclass`, so a name Postgres would refuse cannot fail the read.
 */
export const CATALOG_FUNCTIONS = [
  // Types, defaults and constraints are spelled as a consumer on the default search path would see them (objects in
  // public unqualified). Each helper only calls one catalog function, schema-qualified, on arguments of exact types:
  // nothing in public can be picked instead, and deparsing looks names up without running anything.
  ...[
    ['show_type(pg_catalog.oid, pg_catalog.int4)', 'pg_catalog.format_type($1, $2)'],
    ['show_expression(pg_catalog.pg_node_tree, pg_catalog.oid)', 'pg_catalog.pg_get_expr($1, $2)'],
    ['show_constraint(pg_catalog.oid)', 'pg_catalog.pg_get_constraintdef($1)'],
  ].map(
    ([signature, body]) =>
      `CREATE FUNCTION dcr.${signature} RETURNS pg_catalog.text LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $show$ SELECT ${body} $show$`,
  ),
  `
CREATE FUNCTION dcr.snapshot(tracked int8[], names text[], schemas text[], relations text[]) RETURNS json
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $snapshot$
with watched as (
  select w.name,
    (select c.oid from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = w.schema and c.relname = w.relation and c.relkind in ('r', 'p', 'v', 'm', 'f')) as exact,
    (select pg_catalog.array_agg(c.oid) from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where pg_catalog.lower(n.nspname) = pg_catalog.lower(w.schema) and pg_catalog.lower(c.relname) = pg_catalog.lower(w.relation)
        and c.relkind in ('r', 'p', 'v', 'm', 'f')) as loose
  from rows from (pg_catalog.unnest(names), pg_catalog.unnest(schemas), pg_catalog.unnest(relations)) as w(name, schema, relation)
), resolved as (
  select name,
    coalesce(exact, case when pg_catalog.cardinality(loose) = 1 then loose[1] end) as oid,
    exact is null and pg_catalog.cardinality(loose) = 1 as loosely
  from watched
), rels as (
  select c.oid, n.nspname, c.relname, c.relkind
  from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p', 'v', 'm', 'f')
    and (c.oid = any(tracked::pg_catalog.oid[]) or c.oid in (select oid from resolved where oid is not null))
)
select pg_catalog.json_build_object(
  'resolved', (select coalesce(pg_catalog.json_object_agg(name, oid::pg_catalog.int8), '{}'::pg_catalog.json) from resolved),
  'loose', (select coalesce(pg_catalog.json_agg(name), '[]'::pg_catalog.json) from resolved where loosely),
  'tables', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
    'oid', r.oid::pg_catalog.int8, 'schema', r.nspname, 'name', r.relname, 'kind', r.relkind,
    'columns', (
      select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
        'num', a.attnum, 'name', a.attname, 'type', dcr.show_type(a.atttypid, a.atttypmod),
        'notNull', a.attnotnull, 'default', dcr.show_expression(d.adbin, d.adrelid),
        'enumLabels', (select pg_catalog.json_agg(e.enumlabel order by e.enumsortorder) from pg_catalog.pg_enum e where e.enumtypid = a.atttypid),
        'domain', (
          select pg_catalog.json_build_object(
            'base', dcr.show_type(t.typbasetype, t.typtypmod), 'notNull', t.typnotnull,
            'checks', (select coalesce(pg_catalog.json_agg(dcr.show_constraint(dc.oid) order by dc.conname), '[]'::pg_catalog.json)
                       from pg_catalog.pg_constraint dc where dc.contypid = t.oid and dc.contype = 'c'))
          from pg_catalog.pg_type t where t.oid = a.atttypid and t.typtype = 'd')
      ) order by a.attnum), '[]'::pg_catalog.json)
      from pg_catalog.pg_attribute a left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped),
    'indexes', (
      select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
        'columns', (select pg_catalog.json_agg(k) from pg_catalog.unnest(i.indkey::pg_catalog.int2[]) k),
        'primary', i.indisprimary, 'unique', i.indisunique, 'partial', i.indpred is not null
      ) order by i.indexrelid), '[]'::pg_catalog.json)
      from pg_catalog.pg_index i where i.indrelid = r.oid and (i.indisprimary or i.indisunique)),
    'checks', (
      select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object('columns', con.conkey, 'definition', dcr.show_constraint(con.oid))
        order by con.conname), '[]'::pg_catalog.json)
      from pg_catalog.pg_constraint con where con.conrelid = r.oid and con.contype = 'c')
  ) order by r.oid), '[]'::pg_catalog.json) from rels r)
)
$snapshot$`,
  // The relations a listing reads back: every table, view and foreign table of the migrations' own schemas, but no
  // partition (its parent is the table consumers read) and nothing an extension created (PostGIS's spatial_ref_sys).
  // Schemas named pg_* are Postgres's own (a migration cannot create one); dcr is the sandbox's.
  `
CREATE FUNCTION dcr.listed_relations() RETURNS int8[]
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $listed$
select coalesce(pg_catalog.array_agg(c.oid::pg_catalog.int8 order by c.oid), '{}')
from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p', 'v', 'm', 'f') and not c.relispartition
  and n.nspname not in ('information_schema', 'dcr') and n.nspname not like 'pg\\_%'
  and not exists (select from pg_catalog.pg_depend d
                  where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.objid = c.oid and d.deptype = 'e')
$listed$`,
];

/** Calls dcr.snapshot; the names are bound as parameters. */
export const CATALOG_QUERY = 'SELECT dcr.snapshot($1::pg_catalog.int8[], $2::pg_catalog.text[], $3::pg_catalog.text[], $4::pg_catalog.text[])::pg_catalog.text AS snapshot';

/** The oids of the relations a listing reads back (dcr.listed_relations), as a JSON array. */
export const LISTED_RELATIONS_QUERY = 'SELECT pg_catalog.array_to_json(dcr.listed_relations())::pg_catalog.text AS oids';

/**
 * Everything a migration can leave behind, summarised. After a replay's transaction is rolled back it must equal the
 * value taken when the instance started, otherwise the instance is replaced rather than trusted.
 */
export const FINGERPRINT_QUERY = `
select pg_catalog.json_build_object(
  'objects', (select pg_catalog.count(*) from pg_catalog.pg_class where oid >= 16384)
           + (select pg_catalog.count(*) from pg_catalog.pg_proc where oid >= 16384)
           + (select pg_catalog.count(*) from pg_catalog.pg_type where oid >= 16384)
           + (select pg_catalog.count(*) from pg_catalog.pg_operator where oid >= 16384)
           + (select pg_catalog.count(*) from pg_catalog.pg_cast where oid >= 16384),
  'procs', (select pg_catalog.md5(pg_catalog.string_agg(p.oid::pg_catalog.text || p.prosrc || p.prosecdef::pg_catalog.text || p.proowner::pg_catalog.text, ',' order by p.oid))
            from pg_catalog.pg_proc p),
  'types', (select pg_catalog.md5(pg_catalog.string_agg(t.oid::pg_catalog.text || t.typname || t.typowner::pg_catalog.text, ',' order by t.oid))
            from pg_catalog.pg_type t),
  'namespaces', (select pg_catalog.string_agg(nspname, ',' order by nspname) from pg_catalog.pg_namespace
                 where nspname not like 'pg\\_temp\\_%' and nspname not like 'pg\\_toast\\_temp\\_%'),
  'roles', (select pg_catalog.string_agg(rolname || ':' || rolsuper::pg_catalog.text, ',' order by rolname) from pg_catalog.pg_roles),
  'extensions', (select pg_catalog.string_agg(extname, ',' order by extname) from pg_catalog.pg_extension),
  'databases', (select pg_catalog.string_agg(datname || ':' || datdba::pg_catalog.text, ',' order by datname) from pg_catalog.pg_database),
  'settings', (select pg_catalog.count(*) from pg_catalog.pg_db_role_setting),
  'eventTriggers', (select pg_catalog.count(*) from pg_catalog.pg_event_trigger),
  'publications', (select pg_catalog.count(*) from pg_catalog.pg_publication)
)::pg_catalog.text as fingerprint`;
