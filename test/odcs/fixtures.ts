import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContracts } from '../../src/contracts/load.js';
import type { Contract } from '../../src/contracts/schema.js';
import type { OdcsDocument } from '../../src/odcs/document.js';
import { toOdcs } from '../../src/odcs/to-odcs.js';
import { createEngine } from '../../src/review/engine.js';

const EXAMPLE_CONTRACTS = fileURLToPath(new URL('../../contracts-example/main/contracts/', import.meta.url));

/** A contract file's text as a valid contract; a fixture that is not one is a mistake in the test. */
export function contractOf(text: string, file = 'contract.yaml'): Contract {
  const { contracts, errors } = loadContracts([{ path: file, text }]);
  if (errors.length > 0 || !contracts[0]) throw new Error(`${file} is no valid contract: ${JSON.stringify(errors)}`);
  return contracts[0].contract;
}

/** The example repository's contracts, by file name. */
export function exampleContracts(): { file: string; text: string; contract: Contract }[] {
  return readdirSync(EXAMPLE_CONTRACTS)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(EXAMPLE_CONTRACTS, file), 'utf8');
      return { file, text, contract: contractOf(text, file) };
    });
}

const lines = (...parts: string[]): string => `${parts.join('\n')}\n`;

/**
 * One contract per asset type, between them every part of the format: every status, no version, the `$schema`
 * key, a list of sources, every asset option, nested fields (some out of the nesting's order, some under a
 * contracted object or array), enums of strings and numbers, descriptions, consumers with and without channel and uses.
 */
export const FIXTURES: Record<string, string> = {
  postgres: lines(
    '$schema: ../schemas/contract.schema.json',
    'id: invoices',
    'status: draft',
    'owner: "@jane"',
    'asset:',
    '  type: postgres',
    '  name: billing.invoices',
    '  source: [db/migrations/*.sql, db/seed/**/*.sql]',
    'fields:',
    '  - name: id',
    '    type: uuid',
    '    primaryKey: true',
    '    required: true',
    '    description: "Minted by the billing service: never reused"',
    '  - name: total',
    '    type: numeric(12,2)',
    '  - name: issued_on',
    '    type: date',
    '  - name: note',
    'consumers:',
    '  - name: Ledger',
    '    contact: "@acme/finance"',
    '    enforcement: blocking',
  ),
  mysql: lines(
    'id: shipments',
    'name: Shipments',
    'version: "2.0"',
    'status: deprecated',
    'owner: "@acme/logistics"',
    'description: |',
    '  Every parcel that left a warehouse.',
    '  Kept for two years.',
    'asset:',
    '  type: mysql',
    '  name: shop.shipments',
    '  source: migrations/*.sql',
    'fields:',
    '  - name: priority',
    '    type: tinyint',
    '    enum: [1, 2, 3]',
    '  - name: carrier',
    '    type: varchar(32)',
    '    enum: [dhl, ups, "1"]',
    'consumers:',
    '  - name: Tracking page',
    '    contact: "@acme/web"',
    '    channel: "#tracking"',
    '    enforcement: advisory',
    '    uses: [carrier]',
  ),
  sqlite: lines(
    'id: devices',
    'asset:',
    '  type: sqlite',
    '  name: devices',
    '  source: app/schema.sql',
    'fields:',
    '  - name: serial',
    '    type: TEXT',
    '    unique: true',
    '    required: true',
    '  - name: seen_at',
    '    type: timestamp',
    '  - name: online',
    '    type: boolean',
    'consumers:',
    '  - name: Fleet dashboard',
    '    contact: "@acme/iot"',
    '    enforcement: blocking',
    '    uses: [serial]',
  ),
  avro: lines(
    'id: payment-settled',
    'owner: "@acme/payments"',
    'asset:',
    '  type: avro',
    '  name: com.acme.payments.PaymentSettled',
    '  source: schemas/**/*.avsc',
    '  compatibility: BACKWARD_TRANSITIVE',
    '  registry:',
    '    subject: payments-value',
    'fields:',
    '  - name: customer.email',
    '    type: string',
    '    required: true',
    '  - name: payment_id',
    '    type: long',
    '    required: true',
    '  - name: customer.address.zip',
    '    type: string',
    '  - name: amount.units',
    '    type: long',
    'consumers:',
    '  - name: Receipts',
    '    contact: "@acme/crm"',
    '    enforcement: blocking',
    '    uses: [customer, payment_id]',
    '  - name: Fraud model',
    '    contact: "@acme/risk"',
    '    enforcement: advisory',
  ),
  protobuf: lines(
    'id: user-events',
    'asset:',
    '  type: protobuf',
    '  name: acme.users.v1.UserEvent',
    '  source: proto/**/*.proto',
    '  compatibility: FULL',
    '  level: WIRE',
    'fields:',
    '  - name: user.id',
    '    type: int64',
    '    required: true',
    '  - name: kind',
    '    enum: [CREATED, DELETED]',
    'consumers:',
    '  - name: Audit log',
    '    contact: "@acme/security"',
    '    enforcement: blocking',
    '    uses: [user.id, kind]',
  ),
  jsonschema: lines(
    'id: order-document',
    'asset:',
    '  type: jsonschema',
    '  name: https://acme.example/schemas/order.json',
    '  source: schemas/order.json',
    '  compatibility: FORWARD',
    '  policy: strict',
    'fields:',
    '  - name: lines',
    '    type: array',
    '    required: true',
    '  - name: lines.sku',
    '    type: string',
    '    required: true',
    '  - name: lines.quantity',
    '    type: integer',
    '  - name: customer',
    '    type: object',
    '  - name: customer.address.zip',
    '    type: string',
    '  - name: total',
    '    type: number',
    '  - name: tags',
    '    type: string',
    '  - name: tags.label',
    'consumers:',
    '  - name: Picking',
    '    contact: "@acme/warehouse"',
    '    enforcement: blocking',
    '    uses: [lines]',
  ),
  prisma: lines(
    'id: subscriptions',
    'asset:',
    '  type: prisma',
    '  name: Subscription',
    '  source: prisma/schema.prisma',
    'fields:',
    '  - name: plan',
    '    type: Plan',
    '    enum: [FREE, PRO]',
    '    required: true',
    '  - name: renews_at',
    '    type: DateTime',
    'consumers:',
    '  - name: Billing',
    '    contact: "@acme/billing"',
    '    enforcement: advisory',
  ),
  dbt: lines(
    'id: daily-revenue',
    'name: Daily revenue',
    'asset:',
    '  type: dbt',
    '  name: fct_daily_revenue',
    '  source: [models/**/*.sql, models/**/*.yml]',
    'fields:',
    '  - name: day',
    '    type: date',
    '    primaryKey: true',
    '  - name: revenue',
    '    type: decimal',
    'consumers:',
    '  - name: Board deck',
    '    contact: "@acme/finance"',
    '    enforcement: blocking',
  ),
  typescript: lines(
    'id: signed-up',
    'asset:',
    '  type: typescript',
    '  name: Signed Up',
    '  source: src/**/*.ts',
    '  emit:',
    '    call: analytics.track',
    '    event: Signed Up',
    '    argument: 2',
    'fields:',
    '  - name: plan',
    '    type: string',
    '  - name: referrer.campaign',
    '    type: string',
    'consumers:',
    '  - name: Growth funnels',
    '    contact: "@acme/growth"',
    '    enforcement: blocking',
  ),
};

export function fixtureContracts(): { type: string; contract: Contract }[] {
  return Object.entries(FIXTURES).map(([type, text]) => ({ type, contract: contractOf(text, `${type}.yaml`) }));
}

const typeSystems = createEngine();

/** The document `dcr export` writes: each type in the asset's own spelling given its family's logical type. */
export function exportedDocument(contract: Contract): OdcsDocument {
  return toOdcs(contract, typeSystems.typesOf(contract.asset.type).familyOf);
}
