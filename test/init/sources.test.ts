import { describe, expect, it } from '@jest/globals';
import { discoverSources, typesOfFiles } from '../../src/init/sources.js';

const FILES = [
  'README.md',
  'db/migrations/V1__orders.sql',
  'db/migrations/V2__customers.sql',
  'services/billing/migrations/0001_invoices.up.sql',
  'prisma/migrations/20240101_init/migration.sql',
  'scripts/report.sql',
  'node_modules/pkg/migrations/1.sql',
  'schemas/events/order.avsc',
  'schemas/events/common/money.avsc',
  'proto/acme/orders/v1/order.proto',
  'proto/acme/common/money.proto',
  'schemas/json/customer.schema.json',
  'package.json',
  'prisma/schema.prisma',
  'apps/loyalty/prisma/schema/main.prisma',
  'apps/loyalty/prisma/schema/models/account.prisma',
  'analytics/models/staging/stg_orders.sql',
  'analytics/models/staging/schema.yml',
  'analytics/dbt_project.yml',
];

const globs = (type: Parameters<typeof discoverSources>[0]) => discoverSources(type, FILES).map((group) => group.source.join(' '));

describe('finding definitions without --source', () => {
  it('takes SQL files in migration folders, one set per folder, never vendored ones', () => {
    expect(globs('postgres')).toEqual(['db/migrations/**/*.sql', 'prisma/migrations/**/*.sql', 'services/billing/migrations/**/*.sql']);
    expect(globs('mysql')).toEqual(globs('postgres'));
  });

  it('reads event schemas of one format as one set, under the folder they share', () => {
    expect(globs('avro')).toEqual(['schemas/events/**/*.avsc']);
    expect(globs('protobuf')).toEqual(['proto/acme/**/*.proto']);
    expect(globs('jsonschema')).toEqual(['schemas/json/**/*.schema.json']);
  });

  it('keeps a multi-file Prisma schema together, and each schema apart', () => {
    expect(globs('prisma')).toEqual(['apps/loyalty/prisma/schema/**/*.prisma', 'prisma/**/*.prisma']);
  });

  it('takes a dbt project\'s models folder, SQL files included', () => {
    expect(globs('dbt')).toEqual(['analytics/models/**']);
  });

  it('has no usual place for TypeScript', () => {
    expect(globs('typescript')).toEqual([]);
  });
});

describe('the asset types of the files --source matches', () => {
  it('reads SQL as Postgres, and SQL beside YAML properties as a dbt project', () => {
    expect(typesOfFiles(['db/V1.sql', 'db/README.md'])).toEqual(['postgres']);
    expect(typesOfFiles(['models/a.sql', 'models/schema.yml'])).toEqual(['dbt']);
    expect(typesOfFiles(['schemas/a.avsc', 'schemas/b.schema.json'])).toEqual(['avro', 'jsonschema']);
    expect(typesOfFiles(['README.md'])).toEqual([]);
  });
});
