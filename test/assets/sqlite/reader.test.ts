import { afterAll, describe, expect, it } from '@jest/globals';
import type { AssetState, FieldSchema } from '../../../src/assets/model.js';
import { compareSqlite, testSqliteReplayer } from './support.js';

const replayer = testSqliteReplayer();
afterAll(() => replayer.close());

function fieldsOf(state: AssetState): FieldSchema[] {
  if (state.status !== 'present') throw new Error(`expected a table, got ${JSON.stringify(state)}`);
  return state.schema.fields;
}

const brief = ({ name, type, nullable, primaryKey, unique, default: fallback, allowedValues }: FieldSchema) =>
  [name, type, nullable ? 'null' : 'not null', primaryKey ? 'pk' : '', unique ? 'unique' : '', fallback ?? '', (allowedValues ?? []).join('|')].join(' ').trim();

describe('the SQLite reader', () => {
  it('reads a table back from SQLite: types, NOT NULL, rowid, keys, unique indexes, defaults, CHECK values, generated columns', async () => {
    const migration = [
      'CREATE TABLE orders (',
      '  id INTEGER PRIMARY KEY,',
      '  email VARCHAR(64) NOT NULL,',
      "  status TEXT DEFAULT 'new' CHECK (status IN ('new', 'paid')),",
      '  code TEXT,',
      '  region TEXT,',
      '  shard INT,',
      '  total_cents INT GENERATED ALWAYS AS (id * 100) STORED',
      ');',
      'CREATE UNIQUE INDEX orders_email ON orders (email);',
      'CREATE UNIQUE INDEX orders_code ON orders (code) WHERE code IS NOT NULL;',
      'CREATE UNIQUE INDEX orders_place ON orders (region, shard);',
    ].join('\n');
    const comparison = await compareSqlite(replayer, {}, { 'migrations/0001.sql': migration }, 'orders');
    expect(comparison.base).toEqual({ status: 'absent' });
    expect(fieldsOf(comparison.head).map(brief)).toEqual([
      'id INTEGER not null pk unique',
      'email VARCHAR(64) not null  unique',
      "status TEXT null   'new' new|paid",
      'code TEXT null',
      'region TEXT null',
      'shard INT null',
      'total_cents INT null',
    ]);
  });

  it('reads keys of STRICT and WITHOUT ROWID tables as SQLite enforces them, and a STRICT ANY column as any', async () => {
    const migration = 'CREATE TABLE a (id TEXT PRIMARY KEY, v ANY) STRICT;\nCREATE TABLE b (id TEXT PRIMARY KEY, v ANY) WITHOUT ROWID;\nCREATE TABLE c (id TEXT PRIMARY KEY, n INTEGER);';
    const fields = async (table: string) => fieldsOf((await compareSqlite(replayer, {}, { 'migrations/0001.sql': migration }, table)).head).map(brief);
    expect(await fields('a')).toEqual(['id TEXT not null pk unique', 'v ANY null']);
    expect(await fields('b')).toEqual(['id TEXT not null pk unique', 'v numeric null']);
    // A rowid table's TEXT PRIMARY KEY takes NULL: SQLite's long-standing quirk.
    expect(await fields('c')).toEqual(['id TEXT null pk unique', 'n INTEGER null']);
  });

  it('tells a RENAME COLUMN from a drop and an add, and points each change at its statement', async () => {
    const base = { 'migrations/0001_init.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY, email TEXT, note TEXT);' };
    const change = [
      'ALTER TABLE orders RENAME COLUMN email TO customer_email;',
      'ALTER TABLE orders DROP COLUMN note;',
      '',
      'ALTER TABLE orders ADD COLUMN placed_at DATETIME;',
    ].join('\n');
    const comparison = await compareSqlite(replayer, base, { ...base, 'migrations/0002_change.sql': change }, 'orders');
    expect(comparison.fieldRenames).toEqual([{ from: 'email', to: 'customer_email', origin: { file: 'migrations/0002_change.sql', line: 1 } }]);
    expect(comparison.fieldRemovedAt).toEqual({ note: { file: 'migrations/0002_change.sql', line: 2 } });
    expect(fieldsOf(comparison.head).map((field) => [field.name, field.origin?.line])).toEqual([
      ['id', undefined],
      ['customer_email', 1],
      ['placed_at', 4],
    ]);
  });

  it('reads a drop and an add of the same name in one file as a drop and an add', async () => {
    const base = { 'migrations/0001_init.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY, email TEXT, note TEXT);' };
    const change = 'ALTER TABLE orders DROP COLUMN email;\nALTER TABLE orders ADD COLUMN email TEXT NOT NULL DEFAULT \'\';';
    const comparison = await compareSqlite(replayer, base, { ...base, 'migrations/0002_change.sql': change }, 'orders');
    expect(comparison.fieldRenames).toEqual([]);
    expect(comparison.fieldRemovedAt).toEqual({ email: { file: 'migrations/0002_change.sql', line: 1 } });
  });

  it('follows a rename of the table, and a rebuild after a RENAME COLUMN keeps the rename', async () => {
    const base = { 'migrations/0001_init.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY, email TEXT NOT NULL);' };
    const renamed = await compareSqlite(replayer, base, { ...base, 'migrations/0002.sql': '\nALTER TABLE orders RENAME TO purchases;' }, 'orders');
    expect(renamed.assetRename).toEqual({ from: 'orders', to: 'purchases', origin: { file: 'migrations/0002.sql', line: 2 } });
    expect(renamed.head.status === 'present' && renamed.head.schema.name).toBe('purchases');

    const rebuild = [
      'ALTER TABLE orders RENAME COLUMN email TO mail;',
      'CREATE TABLE new_orders (id INTEGER PRIMARY KEY, mail TEXT);',
      'INSERT INTO new_orders SELECT id, mail FROM orders;',
      'DROP TABLE orders;',
      'ALTER TABLE new_orders RENAME TO orders;',
    ].join('\n');
    const rebuilt = await compareSqlite(replayer, base, { ...base, 'migrations/0002.sql': rebuild }, 'orders');
    expect(rebuilt.assetRename).toBeUndefined();
    expect(rebuilt.fieldRenames).toEqual([{ from: 'email', to: 'mail', origin: { file: 'migrations/0002.sql', line: 1 } }]);
    expect(fieldsOf(rebuilt.head).map((field) => [field.name, field.nullable, field.origin?.line])).toEqual([
      ['id', false, 2],
      ['mail', true, 2],
    ]);
  });

  it('reports a dropped table where it was dropped, and a column left out of a rebuild where the new table was created', async () => {
    const base = { 'migrations/0001_init.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY, email TEXT, note TEXT);' };
    const dropped = await compareSqlite(replayer, base, { ...base, 'migrations/0002.sql': 'SELECT 1;\nDROP TABLE orders;' }, 'orders');
    expect(dropped.head).toEqual({ status: 'absent' });
    expect(dropped.removedAt).toEqual({ file: 'migrations/0002.sql', line: 2 });

    const rebuild = 'CREATE TABLE new_orders (id INTEGER PRIMARY KEY, email TEXT);\nINSERT INTO new_orders SELECT id, email FROM orders;\nDROP TABLE orders;\nALTER TABLE new_orders RENAME TO orders;';
    const rebuilt = await compareSqlite(replayer, base, { ...base, 'migrations/0002.sql': rebuild }, 'orders');
    expect(rebuilt.fieldRemovedAt).toEqual({ note: { file: 'migrations/0002.sql', line: 1 } });
  });

  it('replays files in migration order: numbered, Prisma folders, Drizzle breakpoints, down files left out', async () => {
    const head = {
      'migrations/10_add_total/migration.sql': 'ALTER TABLE orders ADD COLUMN total REAL;',
      'migrations/9_init/migration.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY)\n--> statement-breakpoint\nCREATE INDEX orders_id ON orders (id)',
      'migrations/11_undo/down.sql': 'DROP TABLE orders;',
      'migrations/12_undo.down.sql': 'DROP TABLE orders;',
    };
    const comparison = await compareSqlite(replayer, {}, head, 'orders');
    expect(fieldsOf(comparison.head).map((field) => field.name)).toEqual(['id', 'total']);
  });

  it('reads a view, whose columns SQLite cannot say are nullable', async () => {
    const migration = 'CREATE TABLE orders (id INTEGER PRIMARY KEY, email TEXT);\nCREATE VIEW recent AS SELECT id, email, 1 AS one FROM orders;';
    const comparison = await compareSqlite(replayer, {}, { 'migrations/0001.sql': migration }, 'recent');
    expect(comparison.head.status === 'present' && comparison.head.schema.kind).toBe('view');
    expect(fieldsOf(comparison.head).map(brief)).toEqual(['id INTEGER not null', 'email TEXT not null', 'one  not null']);
  });

  it('starts each file with SQLite\'s default connection settings, whatever the file before set', async () => {
    const head = {
      'migrations/0001.sql': 'PRAGMA foreign_keys = ON;\nCREATE TABLE parents (id INTEGER PRIMARY KEY);\nCREATE TABLE orders (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parents (id));',
      // With foreign keys enforced this insert fails; SQLite's default leaves them off.
      'migrations/0002.sql': 'INSERT INTO orders (parent) VALUES (42);\nALTER TABLE orders ADD COLUMN note TEXT;',
    };
    const comparison = await compareSqlite(replayer, {}, head, 'orders');
    expect(fieldsOf(comparison.head).map((field) => field.name)).toEqual(['id', 'parent', 'note']);
  });

  it('skips a failing base statement, lists it at its line, and reads the rest', async () => {
    const base = { 'migrations/0001.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY);\nALTER TABLE missing ADD COLUMN x TEXT;\nALTER TABLE orders ADD COLUMN note TEXT;' };
    const comparison = await compareSqlite(replayer, base, base, 'orders');
    expect(comparison.base.status === 'present' && comparison.base.skipped).toEqual([
      { kind: 'failed', file: 'migrations/0001.sql', line: 2, column: 1, message: 'no such table: missing' },
    ]);
    expect(fieldsOf(comparison.base).map((field) => field.name)).toEqual(['id', 'note']);
    expect(comparison.head.status === 'present' && comparison.head.skipped?.length).toBe(1);
  });

  it('gives the head an error at the line of its first failing statement', async () => {
    const base = { 'migrations/0001.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY);' };
    const head = { ...base, 'migrations/0002.sql': 'ALTER TABLE orders ADD COLUMN a TEXT;\n  ALTER TABLE orders ADD COLUMN a TEXT;\nALTER TABLE orders ADD COLUMN b TEXT;' };
    const comparison = await compareSqlite(replayer, base, head, 'orders');
    expect(comparison.head).toEqual({
      status: 'error',
      error: { kind: 'failed', file: 'migrations/0002.sql', line: 2, column: 3, message: 'duplicate column name: a' },
    });
    expect(comparison.base.status).toBe('present');
  });

  it('refuses a table name SQLite would not read as a table of the main database, at the contract', async () => {
    const comparison = await compareSqlite(replayer, {}, { 'migrations/0001.sql': 'CREATE TABLE orders (id INTEGER);' }, 'public.orders');
    expect(comparison.head).toEqual({
      status: 'error',
      error: expect.objectContaining({ file: 'contracts/c.yaml', line: 4, message: expect.stringContaining('is not the main database') }),
    });
  });
});
