import { afterEach, describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import { createCaches } from '../../src/github/caches.js';
import { GitHubFileHistory } from '../../src/github/history.js';
import { GitHubRepository } from '../../src/github/repository.js';
import type { NockGitHub } from '../support/fake-github/nock.js';
import { requestLine } from '../support/fake-github/requests.js';
import { type Commits, type Files, type TestRepository, writeRepository } from './support/repository.js';
import { SHOP, SHOP_ID, serveShop } from './support/shop.js';

const REPO = '/repos/acme/shop';

/** main, oldest first: what each commit changes. Its last commit, `orders-v3`, is the base the history is behind. */
const MAIN: [string, Files][] = [
  ['orders-v1', { 'schemas/orders.avsc': 'orders v1', 'README.md': 'shop' }],
  ['readme', { 'README.md': 'shop, documented' }],
  ['payments-v1', { 'events/payments.avsc': 'payments v1' }],
  ['orders-v2', { 'schemas/orders.avsc': 'orders v2' }],
  ['payments-v2', { 'events/payments.avsc': 'payments v2' }],
  ['orders-v3', { 'schemas/orders.avsc': 'orders v3' }],
];

let repository: TestRepository;
let github: NockGitHub;

afterEach(async () => {
  github.stop();
  await repository.remove();
  expect(github.unserved).toEqual([]);
});

/** Serves `line` (oldest first, each commit changing the files given) and returns the history behind its last commit. */
async function serve(line: [string, Files][]): Promise<GitHubFileHistory> {
  const commits: Commits = {};
  let files: Files = {};
  let parent: string | undefined;
  for (const [name, changes] of line) {
    files = { ...files, ...changes };
    commits[name] = { files, ...(parent === undefined ? {} : { parent }) };
    parent = name;
  }
  repository = await writeRepository(commits);
  github = serveShop(repository);
  const octokit = new Octokit({ auth: github.issueInstallationToken().token });
  const gitHubRepository = new GitHubRepository(octokit, SHOP.owner, SHOP.repo, createCaches());
  return new GitHubFileHistory(octokit, gitHubRepository, repository.sha(line.at(-1)![0]));
}

const shas = (...names: string[]): string[] => names.map((name) => repository.sha(name));

function listings(): string[] {
  return github.takeRequests().map(requestLine).filter((line) => line.includes('/commits'));
}

describe('the earlier versions of schema files on GitHub', () => {
  it('merge the listings of each glob\'s directory, newest first by commit date, the base left out', async () => {
    const history = await serve(MAIN);

    const { snapshots, complete } = await history.earlierVersions(['schemas/**/*.avsc', 'events/*.avsc'], 10);

    expect(snapshots.map((snapshot) => snapshot.rev)).toEqual(shas('payments-v2', 'orders-v2', 'payments-v1', 'orders-v1'));
    expect(complete).toBe(true);
    const [BASE] = shas('orders-v3');
    expect(listings()).toEqual([
      `GET ${REPO}/commits?sha=${BASE}&path=events&per_page=11`,
      `GET ${REPO}/commits?sha=${BASE}&path=schemas&per_page=11`,
    ]);
  });

  it('list the whole repository once for a glob without a directory, and a directory inside another once', async () => {
    const history = await serve(MAIN);
    const [BASE] = shas('orders-v3');

    const whole = await history.earlierVersions(['**/*.avsc', 'schemas/*.avsc'], 10);
    expect(whole.snapshots.map((snapshot) => snapshot.rev)).toEqual(shas('payments-v2', 'orders-v2', 'payments-v1', 'readme', 'orders-v1'));
    expect(listings()).toEqual([`GET ${REPO}/commits?sha=${BASE}&per_page=11`]);

    await history.earlierVersions(['schemas/**', 'schemas/v2/*.avsc', 'schemas/orders.avsc'], 10);
    expect(listings()).toEqual([`GET ${REPO}/commits?sha=${BASE}&path=schemas&per_page=11`]);
  });

  it('are cut at the limit, and then said to be incomplete', async () => {
    const history = await serve(MAIN);

    const { snapshots, complete } = await history.earlierVersions(['schemas/*.avsc', 'events/*.avsc'], 2);

    expect(snapshots.map((snapshot) => snapshot.rev)).toEqual(shas('payments-v2', 'orders-v2'));
    expect(complete).toBe(false);
  });

  it('are said to be incomplete when a listing has another page, even within the limit', async () => {
    const history = await serve(MAIN);

    const exhausted = await history.earlierVersions(['schemas/*.avsc'], 2);
    expect(exhausted.snapshots.map((snapshot) => snapshot.rev)).toEqual(shas('orders-v2', 'orders-v1'));
    expect(exhausted.complete).toBe(true);

    const paged = await history.earlierVersions(['**/*.avsc'], 2);
    expect(paged.snapshots.map((snapshot) => snapshot.rev)).toEqual(shas('payments-v2', 'orders-v2'));
    expect(paged.complete).toBe(false);
  });

  it('read as many pages as a limit past GitHub\'s page size needs', async () => {
    const line: [string, Files][] = Array.from({ length: 111 }, (_, index) => [
      `version-${index}`,
      { 'schemas/orders.avsc': `orders v${index}` },
    ]);
    const history = await serve(line);
    const [first, last] = shas('version-0', 'version-110');

    const all = await history.earlierVersions(['schemas/*.avsc'], 120);
    expect(all.snapshots).toHaveLength(110);
    expect(all.snapshots[109]!.rev).toBe(first);
    expect(all.complete).toBe(true);
    expect(listings()).toEqual([
      `GET ${REPO}/commits?sha=${last}&path=schemas&per_page=100`,
      `GET /repositories/${SHOP_ID}/commits?sha=${last}&path=schemas&per_page=100&page=2`,
    ]);

    const cut = await history.earlierVersions(['schemas/*.avsc'], 100);
    expect(cut.snapshots).toHaveLength(100);
    expect(cut.complete).toBe(false);
  });

  it('show the files as they were at each commit', async () => {
    const history = await serve(MAIN);

    const { snapshots } = await history.earlierVersions(['schemas/*.avsc'], 10);

    expect(await Promise.all(snapshots.map((snapshot) => snapshot.readFile('schemas/orders.avsc')))).toEqual(['orders v2', 'orders v1']);
    expect(await snapshots[1]!.readFile('events/payments.avsc')).toBeUndefined();
    const [ORDERS_V2, ORDERS_V1] = shas('orders-v2', 'orders-v1');
    expect(github.takeRequests().map(requestLine).filter((line) => line.includes('/git/trees/'))).toEqual([
      `GET ${REPO}/git/trees/${ORDERS_V2}?recursive=true`,
      `GET ${REPO}/git/trees/${ORDERS_V1}?recursive=true`,
    ]);
  });

  it('are none for no globs, without asking GitHub', async () => {
    const history = await serve(MAIN);

    expect(await history.earlierVersions([], 10)).toEqual({ snapshots: [], complete: true });
    expect(github.takeRequests()).toEqual([]);
  });

  it('fail with GitHub\'s answer when a listing fails', async () => {
    const history = await serve(MAIN);
    github.failNext('GET', /\/commits\?/, 500);

    await expect(history.earlierVersions(['schemas/*.avsc'], 10)).rejects.toMatchObject({ status: 500 });
  });
});
