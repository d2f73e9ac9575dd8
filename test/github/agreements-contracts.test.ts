import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import type { Replayer } from '../../src/assets/postgres/replayer.js';
import type { NockGitHub } from '../support/fake-github/nock.js';
import { testReplayer } from '../support/replayer.js';
import { AGREED_FILES, MARIA_CONTRACT } from './support/agreements.js';
import { loadApp, type TestApp } from './support/app.js';
import { pullRequestEvent, reviewEvent } from './support/events.js';
import { type TestRepository, writeRepository } from './support/repository.js';
import { serveShop } from './support/shop.js';

/** A new contract on a table the migrations already create, owned by a person. */
const CUSTOMERS_CONTRACT = `id: customers
owner: "@carol"
asset:
  type: postgres
  name: public.customers
  source: db/migrations/*.sql
fields:
  - name: id
    type: bigint
    required: true
consumers:
  - name: CRM sync
    contact: "@acme/crm"
    enforcement: blocking
`;

const BASE = {
  ...AGREED_FILES,
  'db/migrations/V2__customers.sql': 'CREATE TABLE customers (id bigint PRIMARY KEY, email text);\n',
};
/** The orders contract no longer requires `amount`: a guarantee the blocking consumer relied on is loosened. */
const LOOSENED = MARIA_CONTRACT.replace(/(- name: amount\n {4}type: decimal\n {4}required:) true/, '$1 false');

let replayer: Replayer;
let repository: TestRepository;
let github: NockGitHub;
let app: TestApp;

beforeAll(async () => {
  replayer = testReplayer();
  expect(LOOSENED).not.toBe(MARIA_CONTRACT);
  repository = await writeRepository({
    main: { files: BASE },
    loosens: { parent: 'main', files: { ...BASE, 'contracts/orders.yaml': LOOSENED } },
    adds: { parent: 'main', files: { ...BASE, 'contracts/customers.yaml': CUSTOMERS_CONTRACT } },
  });
  github = serveShop(repository);
  github.addTeamMember('checkout', 'olga');
  github.addTeamMember('crm', 'cris');
  await github.openPull({ number: 7, baseRef: 'main', headRef: 'loosens' });
  await github.openPull({ number: 8, baseRef: 'main', headRef: 'adds' });
  app = await loadApp(replayer);
});
afterEach(() => expect(github.unserved).toEqual([]));
afterAll(async () => {
  github.stop();
  await repository.remove();
  await replayer.close();
});

const checkOf = (number: number) => github.checkRuns.find((run) => run.head_sha === github.pulls.get(number)!.headSha)!;

async function approve(number: number, login: string): Promise<void> {
  const review = github.addReview(number, { login, state: 'APPROVED' });
  await app.receive(reviewEvent('submitted', github.pulls.get(number)!, review));
}

it('waits for the consumer when a pull request loosens a guarantee she relies on; the owner cannot agree for her', async () => {
  await app.receive(pullRequestEvent('opened', github.pulls.get(7)!));
  expect(checkOf(7)).toMatchObject({ conclusion: 'failure' });
  expect(checkOf(7).output.summary).toContain('| `contract-required-removed` | `amount` |');
  expect(checkOf(7).output.summary).toContain('Ask @maria to approve this pull request');

  // A member of the owning team.
  await approve(7, 'olga');
  expect(checkOf(7)).toMatchObject({ conclusion: 'failure' });

  await approve(7, 'maria');
  expect(checkOf(7)).toMatchObject({ conclusion: 'success' });
  expect(checkOf(7).output.summary).toContain('| `contract-required-removed` | `amount` | `required` | `optional` | ✅ accepted by @maria |');
});

it('waits for the owner when a pull request adds a contract; a consumer cannot agree for her', async () => {
  await app.receive(pullRequestEvent('opened', github.pulls.get(8)!));
  expect(checkOf(8)).toMatchObject({ conclusion: 'failure' });
  expect(checkOf(8).output.summary).toContain('| `contract-added` |');
  expect(checkOf(8).output.summary).toContain('Ask @carol to approve this pull request');

  // A member of the consuming team.
  await approve(8, 'cris');
  expect(checkOf(8)).toMatchObject({ conclusion: 'failure' });

  await approve(8, 'carol');
  expect(checkOf(8)).toMatchObject({ conclusion: 'success' });
  expect(checkOf(8).output.summary).toContain('✅ accepted by @carol');
});
