/**
 * Reads tables back from the Postgres catalog as JSON. `$1` holds table oids already tracked, `$2` the names a
 * contract watches; `to_regclass` resolves each name as Postgres would (search_path, quoting, case folding).
 */
export const CATALOG_QUERY = `
with watched as (
  select name, to_regclass(name)::oid::int8 as oid from unnest($2::text[]) as name
), rels as (
  select c.oid, n.nspname, c.relname, c.relkind
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p', 'v', 'm', 'f')
    and (c.oid = any($1::int8[]::oid[]) or c.oid::int8 in (select oid from watched where oid is not null))
)
select json_build_object(
  'resolved', (select coalesce(json_object_agg(name, oid), '{}'::json) from watched),
  'tables', (select coalesce(json_agg(json_build_object(
    'oid', r.oid::int8, 'schema', r.nspname, 'name', r.relname, 'kind', r.relkind,
    'columns', (
      select coalesce(json_agg(json_build_object(
        'num', a.attnum, 'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
        'notNull', a.attnotnull, 'default', pg_get_expr(d.adbin, d.adrelid),
        'enumLabels', (select json_agg(e.enumlabel order by e.enumsortorder) from pg_enum e where e.enumtypid = a.atttypid),
        'domain', (
          select json_build_object(
            'base', format_type(t.typbasetype, t.typtypmod), 'notNull', t.typnotnull,
            'checks', (select coalesce(json_agg(pg_get_constraintdef(dc.oid) order by dc.conname), '[]'::json)
                       from pg_constraint dc where dc.contypid = t.oid and dc.contype = 'c'))
          from pg_type t where t.oid = a.atttypid and t.typtype = 'd')
      ) order by a.attnum), '[]'::json)
      from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped),
    'indexes', (
      select coalesce(json_agg(json_build_object(
        'columns', (select json_agg(k) from unnest(i.indkey::int2[]) k),
        'primary', i.indisprimary, 'unique', i.indisunique, 'partial', i.indpred is not null
      ) order by i.indexrelid), '[]'::json)
      from pg_index i where i.indrelid = r.oid and (i.indisprimary or i.indisunique)),
    'checks', (
      select coalesce(json_agg(json_build_object('columns', con.conkey, 'definition', pg_get_constraintdef(con.oid))
        order by con.conname), '[]'::json)
      from pg_constraint con where con.conrelid = r.oid and con.contype = 'c')
  ) order by r.oid), '[]'::json) from rels r)
) as snapshot`;

/**
 * Everything a migration can leave behind, summarised. After a reset it must equal the pristine value, otherwise
 * the database is replaced rather than trusted.
 */
export const FINGERPRINT_QUERY = `
select json_build_object(
  'objects', (select count(*) from pg_class where oid >= 16384)
           + (select count(*) from pg_proc where oid >= 16384)
           + (select count(*) from pg_type where oid >= 16384)
           + (select count(*) from pg_operator where oid >= 16384)
           + (select count(*) from pg_cast where oid >= 16384),
  'namespaces', (select string_agg(nspname, ',' order by nspname) from pg_namespace
                 where nspname not like 'pg\\_temp\\_%' and nspname not like 'pg\\_toast\\_temp\\_%'),
  'roles', (select string_agg(rolname, ',' order by rolname) from pg_roles),
  'extensions', (select string_agg(extname, ',' order by extname) from pg_extension),
  'databases', (select count(*) from pg_database),
  'settings', (select count(*) from pg_db_role_setting),
  'eventTriggers', (select count(*) from pg_event_trigger),
  'publications', (select count(*) from pg_publication)
)::text as fingerprint`;

/** Databases a migration created; `DROP DATABASE` cannot run inside a function, so each is dropped on its own. */
export const EXTRA_DATABASES_QUERY = `select datname from pg_database where datname not in (current_database(), 'template0', 'template1')`;

/** Drops whatever migrations created, as the superuser, so one warm database serves the next replay. */
export const RESET_STATEMENTS = [
  'RESET SESSION AUTHORIZATION',
  'RESET ROLE',
  'RESET ALL',
  `DO $reset$ DECLARE r record; BEGIN
    FOR r IN SELECT evtname FROM pg_event_trigger LOOP EXECUTE format('DROP EVENT TRIGGER %I', r.evtname); END LOOP;
    FOR r IN SELECT pubname FROM pg_publication LOOP EXECUTE format('DROP PUBLICATION %I', r.pubname); END LOOP;
    FOR r IN SELECT nspname FROM pg_namespace
      WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
        AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%' LOOP
      EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
    END LOOP;
    FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
      EXECUTE format('DROP EXTENSION %I CASCADE', r.extname);
    END LOOP;
    FOR r IN SELECT rolname FROM pg_roles WHERE oid >= 16384 LOOP
      EXECUTE format('DROP OWNED BY %I CASCADE', r.rolname);
      EXECUTE format('DROP ROLE %I', r.rolname);
    END LOOP;
    EXECUTE format('ALTER DATABASE %I RESET ALL', current_database());
  END $reset$`,
  'CREATE SCHEMA public AUTHORIZATION pg_database_owner',
  'GRANT USAGE ON SCHEMA public TO PUBLIC',
  'DISCARD ALL',
];
