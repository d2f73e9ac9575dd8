import { ORDERS_CONTRACT } from '../../support/orders-contract.js';
import type { Installed } from './payloads.js';

/** The repository the handler tests review: one contract on `public.orders`, defined by its migrations. */
export const SHOP: Installed = { owner: 'acme', name: 'shop', id: 4242, installationId: 31 };

export const BASE_FILES: Record<string, string> = {
  'contracts/orders.yaml': ORDERS_CONTRACT,
  'db/migrations/V1__orders.sql': 'CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  amount numeric(12,2) NOT NULL\n);\n',
  'src/app.ts': 'export {};\n',
};

/** Drops a column the blocking consumer relies on, on the migration's line 2. */
export const DROP_AMOUNT = { 'db/migrations/V2__drop_amount.sql': '-- no longer needed\nALTER TABLE orders DROP COLUMN amount;\n' };
