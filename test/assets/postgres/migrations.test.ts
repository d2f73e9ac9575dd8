import { describe, expect, it } from '@jest/globals';
import { migrationPaths, prepareMigration } from '../../../src/assets/postgres/migrations.js';
import { memoryChange } from '../../../src/core/memory-snapshot.js';

describe('migrationPaths', () => {
  it('orders versions as numbers and leaves out the files that undo a migration', async () => {
    const files = ['db/V10__c.sql', 'db/V2__b.sql', 'db/V1__a.sql', 'db/U2__b.sql', 'db/0001_x.down.sql', 'db/0001_x.up.sql', 'db/x/down.sql', 'db/notes.md'];
    const { head } = memoryChange({}, Object.fromEntries(files.map((path) => [path, ''])));
    expect(await migrationPaths(head, (path) => path.startsWith('db/'))).toEqual(['db/0001_x.up.sql', 'db/V1__a.sql', 'db/V2__b.sql', 'db/V10__c.sql']);
  });
});

describe('prepareMigration', () => {
  it('keeps a plain file as it is', () => {
    expect(prepareMigration('CREATE TABLE a (id int);\n')).toEqual({ ok: true, text: 'CREATE TABLE a (id int);\n' });
  });

  it('keeps only the up sections of a goose file, every line where it was', () => {
    const text = ['-- leading note', '-- +goose Up', 'CREATE TABLE a (id int);', '-- +goose Down', 'DROP TABLE a;', '-- +goose Up', 'SELECT 1;'].join('\n');
    expect(prepareMigration(text)).toEqual({ ok: true, text: ['', '', 'CREATE TABLE a (id int);', '', '', '', 'SELECT 1;'].join('\n') });
  });

  it('keeps only the up section of a dbmate file', () => {
    const text = '-- migrate:up transaction:false\r\nCREATE TABLE a (id int);\r\n-- migrate:down\r\nDROP TABLE a;\r\n';
    expect(prepareMigration(text)).toEqual({ ok: true, text: '\nCREATE TABLE a (id int);\r\n\n\n' });
  });

  it('refuses a NUL byte and bytes that were not UTF-8, at their line and column', () => {
    expect(prepareMigration('SELECT 1;\nSELECT 2;\u0000 DROP TABLE a;')).toMatchObject({ ok: false, line: 2, column: 10 });
    expect(prepareMigration("SELECT 'ok';\n\nSELECT '\uFFFD';")).toMatchObject({ ok: false, line: 3, column: 9 });
  });
});
