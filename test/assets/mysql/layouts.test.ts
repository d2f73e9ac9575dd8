import { describe, expect, it } from '@jest/globals';
import { mysqlReader } from '../../../src/assets/mysql/reader.js';
import { parseTableName } from '../../../src/assets/mysql/names.js';
import { memoryChange } from '../../../src/core/memory-snapshot.js';
import { settings } from './support.js';

const reader = mysqlReader();

async function columnsOf(files: Record<string, string>, source: string): Promise<string[] | string> {
  const request = { key: 'orders', asset: { type: 'mysql' as const, name: 'orders', source }, nameLocation: { file: 'contracts/orders.yaml', line: 4 } };
  const { comparison } = (await reader.compare([request], memoryChange(files, files), settings())).get('orders')!;
  return comparison.base.status === 'present' ? comparison.base.schema.fields.map((field) => field.name) : comparison.base.status;
}

describe('migration layouts, replayed in the order their tool applies them', () => {
  it('Flyway: V2 before V10, undo migrations left out', async () => {
    const files = {
      'db/migration/V10__add_total.sql': 'ALTER TABLE orders ADD COLUMN total INT;',
      'db/migration/V2__create.sql': 'CREATE TABLE orders (id INT);',
      'db/migration/U10__drop_total.sql': 'ALTER TABLE orders DROP COLUMN total;',
    };
    expect(await columnsOf(files, 'db/migration/*.sql')).toEqual(['id', 'total']);
  });

  it('golang-migrate: the up files, never the down ones', async () => {
    const files = {
      'migrations/0001_create.up.sql': 'CREATE TABLE orders (id INT);',
      'migrations/0001_create.down.sql': 'DROP TABLE orders;',
      'migrations/0002_total.up.sql': 'ALTER TABLE orders ADD COLUMN total INT;',
      'migrations/0002_total.down.sql': 'ALTER TABLE orders DROP COLUMN total;',
    };
    expect(await columnsOf(files, 'migrations/*.sql')).toEqual(['id', 'total']);
  });

  it('Prisma\'s MySQL folders, in timestamp order', async () => {
    const files = {
      'prisma/migrations/20240301000000_total/migration.sql': 'ALTER TABLE `orders` ADD COLUMN `total` INTEGER NOT NULL;',
      'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE `orders` (\n  `id` INTEGER NOT NULL AUTO_INCREMENT,\n  PRIMARY KEY (`id`)\n) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;',
      'prisma/migrations/migration_lock.toml': 'provider = "mysql"',
    };
    expect(await columnsOf(files, 'prisma/migrations/**/*.sql')).toEqual(['id', 'total']);
  });

  it('plain numbered files, numbers compared as numbers', async () => {
    const files = { 'sql/10-total.sql': 'ALTER TABLE orders ADD COLUMN total INT;', 'sql/9-create.sql': 'CREATE TABLE orders (id INT);' };
    expect(await columnsOf(files, 'sql/*.sql')).toEqual(['id', 'total']);
  });
});

describe('asset.name', () => {
  it.each([
    ['orders', 'orders'],
    ['Orders', 'Orders'],
    ['`order items`', 'order items'],
    ['`odd``name`', 'odd`name'],
  ])('names the table %s of the migrated database', (written, name) => {
    expect(parseTableName(written)).toEqual({ ok: true, name });
  });

  it.each([['shop.orders'], [''], ['a'.repeat(65)], ['`orders ` ']])('refuses %j', (written) => {
    expect(parseTableName(written).ok).toBe(false);
  });
});
