import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import { createTempRepo, type TempRepo } from '../git/temp-repo.js';
import { type FakeGitHub, startFakeGitHub } from '../support/fake-github/server.js';

const OWNER = 'acme';
const REPO = 'shop';
const APP_ID = 4242;
const INSTALLATION_ID = 777;
const GRAPHQL_TEXT_LIMIT = 1024;
const BINARY = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]);
const BIG_TEXT = 'x'.repeat(2000);
/** Octokit logs every failed request; these tests fail requests on purpose. */
const SILENT_LOG = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

let temp: TempRepo;
let fake: FakeGitHub;
let octokit: Octokit;
/** Commits by name: `base` is where `feature` left `main`, which has moved on since. */
const commits: Record<'base' | 'feature', string> = { base: '', feature: '' };

beforeAll(async () => {
  temp = await createTempRepo();
  commits.base = await temp.commit({
    'README.md': '# Shop\n',
    'contracts/orders.yaml': 'name: orders\nfields:\n  - id\n',
    'contracts/customers.yaml': 'name: customers\nfields:\n  - email\n',
    'assets/logo.bin': BINARY,
    'docs/big.txt': BIG_TEXT,
    'legacy.txt': 'old\n',
  });
  await temp.git('checkout', '-q', '-b', 'feature');
  commits.feature = await temp.commit({
    'contracts/orders.yaml': 'name: orders\nfields:\n  - id\n  - total\n',
    'contracts/customers.yaml': null,
    'contracts/clients.yaml': 'name: customers\nfields:\n  - email\n',
    'contracts/new.yaml': 'name: new\n',
    'legacy.txt': null,
  });
  await temp.git('checkout', '-q', 'main');
  await temp.commit({ 'README.md': '# Shop\n\nNow with docs.\n' });
});

afterAll(async () => {
  await temp.remove();
});

beforeEach(async () => {
  fake = await startFakeGitHub({
    repoDir: temp.dir,
    owner: OWNER,
    repo: REPO,
    appId: APP_ID,
    installationId: INSTALLATION_ID,
    graphqlTextLimit: GRAPHQL_TEXT_LIMIT,
  });
  await fake.openPull({ number: 1, baseRef: 'main', headRef: 'feature' });
  octokit = new Octokit({ auth: fake.issueInstallationToken().token, baseUrl: `${fake.url}/api/v3`, log: SILENT_LOG });
});

afterEach(async () => {
  await fake.close();
});

describe('git trees and blobs', () => {
  it('lists a commit’s whole tree recursively, with blob sizes', async () => {
    const { data } = await octokit.rest.git.getTree({
      owner: OWNER,
      repo: REPO,
      tree_sha: commits.base,
      recursive: 'true',
    });
    expect(data.sha).toBe(await temp.git('rev-parse', `${commits.base}^{tree}`));
    expect(data.truncated).toBe(false);
    expect(data.tree.map((entry) => `${entry.type} ${entry.path}`)).toEqual([
      'blob README.md',
      'tree assets',
      'blob assets/logo.bin',
      'tree contracts',
      'blob contracts/customers.yaml',
      'blob contracts/orders.yaml',
      'tree docs',
      'blob docs/big.txt',
      'blob legacy.txt',
    ]);
    const big = data.tree.find((entry) => entry.path === 'docs/big.txt');
    expect(big).toMatchObject({
      mode: '100644',
      size: BIG_TEXT.length,
      url: `${fake.url}/api/v3/repos/${OWNER}/${REPO}/git/blobs/${big?.sha}`,
    });
    expect(data.tree.find((entry) => entry.path === 'docs')).not.toHaveProperty('size');
  });

  it('takes a tree SHA too, lists one level without `recursive`, and answers 404 for an unknown SHA', async () => {
    const treeSha = await temp.git('rev-parse', `${commits.base}^{tree}`);
    const { data } = await octokit.rest.git.getTree({ owner: OWNER, repo: REPO, tree_sha: treeSha });
    expect(data.tree.map((entry) => entry.path)).toEqual(['README.md', 'assets', 'contracts', 'docs', 'legacy.txt']);
    await expect(
      octokit.rest.git.getTree({ owner: OWNER, repo: REPO, tree_sha: 'f'.repeat(40) }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('serves a blob as base64', async () => {
    const sha = await temp.git('rev-parse', `${commits.base}:assets/logo.bin`);
    const { data } = await octokit.rest.git.getBlob({ owner: OWNER, repo: REPO, file_sha: sha });
    expect(data).toMatchObject({ sha, size: BINARY.length, encoding: 'base64' });
    expect(Buffer.from(data.content, 'base64')).toEqual(BINARY);
  });
});

describe('GraphQL', () => {
  const query = (count: number): string => {
    const declarations = [
      '$owner: String!',
      '$name: String!',
      ...Array.from({ length: count }, (_, index) => `$o${index}: GitObjectID!`),
    ];
    const fields = Array.from(
      { length: count },
      (_, index) => `b${index}: object(oid: $o${index}) { ... on Blob { text isBinary isTruncated byteSize } }`,
    );
    return `query(${declarations.join(', ')}) { repository(owner: $owner, name: $name) { ${fields.join(' ')} } }`;
  };

  it('answers a batch of blobs in one request: text, binary, truncated, missing and not a blob', async () => {
    const shaOf = (path: string): Promise<string> => temp.git('rev-parse', `${commits.base}:${path}`);
    const oids = [
      await shaOf('README.md'),
      await shaOf('assets/logo.bin'),
      await shaOf('docs/big.txt'),
      'e'.repeat(40),
      await shaOf('contracts'),
    ];
    const variables = Object.fromEntries(oids.map((oid, index) => [`o${index}`, oid]));
    const result = await octokit.graphql<{ repository: Record<string, unknown> }>(query(oids.length), {
      owner: OWNER,
      name: REPO,
      ...variables,
    });
    expect(result.repository).toEqual({
      b0: { text: '# Shop\n', isBinary: false, isTruncated: false, byteSize: 7 },
      b1: { text: null, isBinary: true, isTruncated: false, byteSize: BINARY.length },
      b2: {
        text: BIG_TEXT.slice(0, GRAPHQL_TEXT_LIMIT),
        isBinary: false,
        isTruncated: true,
        byteSize: BIG_TEXT.length,
      },
      b3: null,
      b4: {},
    });
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /graphql']);
  });

  it('reports an unknown repository as GraphQL does', async () => {
    await expect(octokit.graphql(query(1), { owner: OWNER, name: 'elsewhere', o0: commits.base })).rejects.toThrow(
      "Could not resolve to a Repository with the name 'acme/elsewhere'.",
    );
  });
});

describe('pull requests', () => {
  it('lists the files changed since the merge base, renames included', async () => {
    const { data } = await octokit.rest.pulls.listFiles({ owner: OWNER, repo: REPO, pull_number: 1 });
    expect(
      data.map(({ filename, status, additions, deletions, changes, previous_filename }) => ({
        filename,
        status,
        additions,
        deletions,
        changes,
        previous_filename,
      })),
    ).toEqual([
      {
        filename: 'contracts/clients.yaml',
        status: 'renamed',
        additions: 0,
        deletions: 0,
        changes: 0,
        previous_filename: 'contracts/customers.yaml',
      },
      {
        filename: 'contracts/new.yaml',
        status: 'added',
        additions: 1,
        deletions: 0,
        changes: 1,
        previous_filename: undefined,
      },
      {
        filename: 'contracts/orders.yaml',
        status: 'modified',
        additions: 1,
        deletions: 0,
        changes: 1,
        previous_filename: undefined,
      },
      {
        filename: 'legacy.txt',
        status: 'removed',
        additions: 0,
        deletions: 1,
        changes: 1,
        previous_filename: undefined,
      },
    ]);
    expect(data[2]?.sha).toBe(await temp.git('rev-parse', `${commits.feature}:contracts/orders.yaml`));
  });

});

describe('check runs', () => {
  const annotations = (count: number, from = 1) =>
    Array.from({ length: count }, (_, index) => ({
      path: 'contracts/orders.yaml',
      start_line: from + index,
      end_line: from + index,
      annotation_level: 'warning' as const,
      message: `finding ${from + index}`,
    }));

  it('refuses more than 50 annotations or over-long text with 422, leaving the run as it was', async () => {
    const { data: created } = await octokit.rest.checks.create({
      owner: OWNER,
      repo: REPO,
      name: 'Data contracts',
      head_sha: commits.feature,
    });
    await expect(
      octokit.rest.checks.update({
        owner: OWNER,
        repo: REPO,
        check_run_id: created.id,
        output: { title: 't', summary: 's', annotations: annotations(51) },
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      octokit.rest.checks.update({
        owner: OWNER,
        repo: REPO,
        check_run_id: created.id,
        output: { title: 't', summary: 's'.repeat(65536) },
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      octokit.rest.checks.update({ owner: OWNER, repo: REPO, check_run_id: created.id, status: 'completed' }),
    ).rejects.toMatchObject({
      status: 422,
    });
    expect(fake.checkRuns[0]).toMatchObject({ status: 'queued', output: { summary: null, annotations: [] } });
  });
});

describe('what it does not have', () => {
  it('answers 404 for a pull request or a comment it does not have', async () => {
    await expect(octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 9 })).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 9, body: 'x' }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      octokit.rest.issues.deleteComment({ owner: OWNER, repo: REPO, comment_id: 999_999 }),
    ).rejects.toMatchObject({ status: 404 });
    expect(fake.unserved).toEqual([]);
  });

  it('answers 404 for anything it does not serve, and notes it as unserved', async () => {
    await expect(octokit.rest.repos.get({ owner: OWNER, repo: REPO })).rejects.toMatchObject({ status: 404 });
    expect(fake.requests).toEqual([
      { method: 'GET', path: `/repos/${OWNER}/${REPO}`, token: fake.tokensIssued[0]?.token },
    ]);
    expect(fake.unserved).toEqual([`GET /repos/${OWNER}/${REPO}`]);
  });
});
