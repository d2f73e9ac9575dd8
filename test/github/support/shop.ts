import { type NockGitHub, nockGitHub } from '../../support/fake-github/nock.js';
import type { FakeGitHubOptions } from '../../support/fake-github/stand-in.js';
import { ORDERS_CONTRACT } from '../../support/orders-contract.js';
import { APP_ID } from './app.js';
import type { Files, TestRepository } from './repository.js';

/** The repository the handler tests review, where the app is installed: one contract on `public.orders`. */
export const SHOP = { owner: 'acme', repo: 'shop', installationId: 31 };
/** GitHub's id of the repository, which the `Link` headers of paginated answers use. */
export const SHOP_ID = 4242;

export const BASE_FILES: Files = {
  'contracts/orders.yaml': ORDERS_CONTRACT,
  'db/migrations/V1__orders.sql': 'CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  amount numeric(12,2) NOT NULL\n);\n',
  'src/app.ts': 'export {};\n',
};

/** Drops a column the blocking consumer relies on, on the migration's line 2. */
export const DROP_AMOUNT: Files = {
  'db/migrations/V2__drop_amount.sql': '-- no longer needed\nALTER TABLE orders DROP COLUMN amount;\n',
};

/** The stand-in GitHub serving `repository` as the shop to the app under test, through nock. */
export function serveShop(repository: TestRepository, options: Pick<FakeGitHubOptions, 'installationPermissions'> = {}): NockGitHub {
  return nockGitHub({ repoDir: repository.dir, ...SHOP, repositoryId: SHOP_ID, appId: APP_ID, ...options });
}
