import { afterEach, describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import { createCaches } from '../../src/github/caches.js';
import { GitHubFileHistory } from '../../src/github/history.js';
import { GitHubRepository } from '../../src/github/repository.js';
import { type Commits, commitSha, NockGitHub, requestLine } from './support/nock-github.js';
import { SHOP } from './support/shop.js';

const REPO = '/repos/acme/shop';

/** main, oldest first: each commit's files. */
const ORDERS_V1 = commitSha('orders v1');
const README = commitSha('readme');
const PAYMENTS_V1 = commitSha('payments v1');
const ORDERS_V2 = commitSha('orders v2');
const PAYMENTS_V2 = commitSha('payments v2');
const BASE = commitSha('orders v3');
const MAIN: [string, Record<string, string>][] = [
  [ORDERS_V1, { 'schemas/orders.avsc': 'orders v1', 'README.md': 'shop' }],
  [README, { 'README.md': 'shop, documented' }],
  [PAYMENTS_V1, { 'events/payments.avsc': 'payments v1' }],
  [ORDERS_V2, { 'schemas/orders.avsc': 'orders v2' }],
  [PAYMENTS_V2, { 'events/payments.avsc': 'payments v2' }],
  [BASE, { 'schemas/orders.avsc': 'orders v3' }],
];

let github: NockGitHub;

afterEach(() => {
  github.stop();
  expect(github.unexpected).toEqual([]);
});

/** Serves `line` (oldest first, each commit changing the files given) and returns the history behind its last commit. */
function serve(line: [string, Record<string, string>][]): GitHubFileHistory {
  const commits: Commits = {};
  let files: Record<string, string> = {};
  for (const [sha, changes] of line) commits[sha] = files = { ...files, ...changes };
  github = new NockGitHub(SHOP, commits, 1).start();
  github.setHistory(line.map(([sha]) => sha));
  const octokit = new Octokit({ auth: 'ghs_test' });
  const repository = new GitHubRepository(octokit, SHOP.owner, SHOP.name, createCaches());
  return new GitHubFileHistory(octokit, repository, line.at(-1)![0]);
}

function listings(): string[] {
  return github.takeRequests().map(requestLine).filter((line) => line.includes('/commits'));
}

describe('the earlier versions of schema files on GitHub', () => {
  it('merge the listings of each glob\'s directory, newest first by commit date, the base left out', async () => {
    const history = serve(MAIN);

    const { snapshots, complete } = await history.earlierVersions(['schemas/**/*.avsc', 'events/*.avsc'], 10);

    expect(snapshots.map((snapshot) => snapshot.rev)).toEqual([PAYMENTS_V2, ORDERS_V2, PAYMENTS_V1, ORDERS_V1]);
    expect(complete).toBe(true);
    expect(listings()).toEqual([
      `GET ${REPO}/commits?sha=${BASE}&path=events&per_page=11`,
      `GET ${REPO}/commits?sha=${BASE}&path=schemas&per_page=11`,
    ]);
  });

  it('list the whole repository once for a glob without a directory, and a directory inside another once', async () => {
    const history = serve(MAIN);

    const whole = await history.earlierVersions(['**/*.avsc', 'schemas/*.avsc'], 10);
    expect(whole.snapshots.map((snapshot) => snapshot.rev)).toEqual([PAYMENTS_V2, ORDERS_V2, PAYMENTS_V1, README, ORDERS_V1]);
    expect(listings()).toEqual([`GET ${REPO}/commits?sha=${BASE}&per_page=11`]);

    await history.earlierVersions(['schemas/**', 'schemas/v2/*.avsc', 'schemas/orders.avsc'], 10);
    expect(listings()).toEqual([`GET ${REPO}/commits?sha=${BASE}&path=schemas&per_page=11`]);
  });

  it('are cut at the limit, and then said to be incomplete', async () => {
    const history = serve(MAIN);

    const { snapshots, complete } = await history.earlierVersions(['schemas/*.avsc', 'events/*.avsc'], 2);

    expect(snapshots.map((snapshot) => snapshot.rev)).toEqual([PAYMENTS_V2, ORDERS_V2]);
    expect(complete).toBe(false);
  });

  it('are said to be incomplete when a listing has another page, even within the limit', async () => {
    const history = serve(MAIN);

    const exhausted = await history.earlierVersions(['schemas/*.avsc'], 2);
    expect(exhausted.snapshots.map((snapshot) => snapshot.rev)).toEqual([ORDERS_V2, ORDERS_V1]);
    expect(exhausted.complete).toBe(true);

    const paged = await history.earlierVersions(['**/*.avsc'], 2);
    expect(paged.snapshots.map((snapshot) => snapshot.rev)).toEqual([PAYMENTS_V2, ORDERS_V2]);
    expect(paged.complete).toBe(false);
  });

  it('read as many pages as a limit past GitHub\'s page size needs', async () => {
    const line: [string, Record<string, string>][] = Array.from({ length: 111 }, (_, index) => [
      commitSha(`version ${index}`),
      { 'schemas/orders.avsc': `orders v${index}` },
    ]);
    const history = serve(line);

    const all = await history.earlierVersions(['schemas/*.avsc'], 120);
    expect(all.snapshots).toHaveLength(110);
    expect(all.snapshots[109]!.rev).toBe(line[0]![0]);
    expect(all.complete).toBe(true);
    expect(listings()).toEqual([
      `GET ${REPO}/commits?sha=${line[110]![0]}&path=schemas&per_page=100`,
      `GET /repositories/${SHOP.id}/commits?sha=${line[110]![0]}&path=schemas&per_page=100&page=2`,
    ]);

    const cut = await history.earlierVersions(['schemas/*.avsc'], 100);
    expect(cut.snapshots).toHaveLength(100);
    expect(cut.complete).toBe(false);
  });

  it('show the files as they were at each commit', async () => {
    const history = serve(MAIN);

    const { snapshots } = await history.earlierVersions(['schemas/*.avsc'], 10);

    expect(await Promise.all(snapshots.map((snapshot) => snapshot.readFile('schemas/orders.avsc')))).toEqual(['orders v2', 'orders v1']);
    expect(await snapshots[1]!.readFile('events/payments.avsc')).toBeUndefined();
    expect(github.takeRequests().map(requestLine).filter((line) => line.includes('/git/trees/'))).toEqual([
      `GET ${REPO}/git/trees/${ORDERS_V2}?recursive=true`,
      `GET ${REPO}/git/trees/${ORDERS_V1}?recursive=true`,
    ]);
  });

  it('are none for no globs, without asking GitHub', async () => {
    const history = serve(MAIN);

    expect(await history.earlierVersions([], 10)).toEqual({ snapshots: [], complete: true });
    expect(github.takeRequests()).toEqual([]);
  });

  it('fail with GitHub\'s answer when a listing fails', async () => {
    const history = serve(MAIN);
    github.failNext('GET', /\/commits$/, 500);

    await expect(history.earlierVersions(['schemas/*.avsc'], 10)).rejects.toMatchObject({ status: 500 });
  });
});
