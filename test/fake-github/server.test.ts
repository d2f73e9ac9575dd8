import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import { ProbotOctokit } from 'probot';
import { createTempRepo, type TempRepo } from '../git/temp-repo.js';
import { createAppPrivateKey } from '../support/fake-github/app-key.js';
import { type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from '../support/fake-github/server.js';

const OWNER = 'acme';
const REPO = 'shop';
const APP_ID = 4242;
const INSTALLATION_ID = 777;
const GRAPHQL_TEXT_LIMIT = 1024;
const BINARY = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]);
const BIG_TEXT = 'x'.repeat(2000);
const BULK_FILES = 120;
/** Octokit logs every failed request; these tests fail requests on purpose. */
const SILENT_LOG = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

let temp: TempRepo;
let fake: FakeGitHub;
let octokit: Octokit;
/** Commits by name: `base` is where `feature` left `main`. */
const commits: Record<'base' | 'main' | 'feature' | 'bulk', string> = { base: '', main: '', feature: '', bulk: '' };

async function start(options: Partial<FakeGitHubOptions> = {}): Promise<FakeGitHub> {
  const started = await startFakeGitHub({
    repoDir: temp.dir,
    owner: OWNER,
    repo: REPO,
    appId: APP_ID,
    installationId: INSTALLATION_ID,
    graphqlTextLimit: GRAPHQL_TEXT_LIMIT,
    ...options,
  });
  await started.openPull({ number: 1, baseRef: 'main', headRef: 'feature' });
  await started.openPull({ number: 2, baseRef: 'main', headRef: 'bulk' });
  return started;
}

const clientFor = (server: FakeGitHub): Octokit =>
  new Octokit({ auth: server.issueInstallationToken().token, baseUrl: `${server.url}/api/v3`, log: SILENT_LOG });

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
  commits.main = await temp.commit({ 'README.md': '# Shop\n\nNow with docs.\n' });
  await temp.git('checkout', '-q', '-b', 'bulk');
  const bulk = Object.fromEntries(
    Array.from({ length: BULK_FILES }, (_, index) => [`bulk/file-${String(index).padStart(3, '0')}.txt`, `${index}\n`]),
  );
  commits.bulk = await temp.commit(bulk);
  await temp.git('checkout', '-q', 'main');
});

afterAll(async () => {
  await temp.remove();
});

beforeEach(async () => {
  fake = await start();
  octokit = clientFor(fake);
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

describe('pull requests and comparisons', () => {
  it('serves a pull request from its branches', async () => {
    const { data } = await octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 1 });
    expect(data).toMatchObject({
      number: 1,
      state: 'open',
      head: { sha: commits.feature, ref: 'feature', repo: { full_name: `${OWNER}/${REPO}` } },
      base: { sha: commits.main, ref: 'main', repo: { full_name: `${OWNER}/${REPO}` } },
      changed_files: 4,
    });
    await expect(octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 9 })).rejects.toMatchObject({
      status: 404,
    });
  });

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

  it('paginates files with GitHub’s Link header', async () => {
    const filesPath = `/repos/${OWNER}/${REPO}/pulls/2/files`;
    const response = await fetch(`${fake.url}/api/v3${filesPath}?per_page=50&page=2`, {
      headers: { authorization: `token ${fake.tokensIssued[0]?.token}` },
    });
    const page = (url: number): string => `${fake.url}/api/v3${filesPath}?per_page=50&page=${url}`;
    expect(response.headers.get('link')).toBe(
      `<${page(1)}>; rel="prev", <${page(3)}>; rel="next", <${page(3)}>; rel="last", <${page(1)}>; rel="first"`,
    );
    expect(((await response.json()) as { filename: string }[])[0]?.filename).toBe('bulk/file-050.txt');

    const all = await octokit.paginate(octokit.rest.pulls.listFiles, {
      owner: OWNER,
      repo: REPO,
      pull_number: 2,
      per_page: 100,
    });
    expect(all).toHaveLength(BULK_FILES);
    expect(fake.requests.slice(1).map((request) => request.path)).toEqual([
      `${filesPath}?per_page=100`,
      `${filesPath}?per_page=100&page=2`,
    ]);
  });

  it('stops the file list at the cap, as GitHub does at 3000', async () => {
    const capped = await start({ filesCap: 50 });
    try {
      const client = clientFor(capped);
      const files = await client.paginate(client.rest.pulls.listFiles, {
        owner: OWNER,
        repo: REPO,
        pull_number: 2,
        per_page: 30,
      });
      expect(files).toHaveLength(50);
      expect((await client.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 2 })).data.changed_files).toBe(
        BULK_FILES,
      );
    } finally {
      await capped.close();
    }
  });

  it('compares two branches from their merge base', async () => {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
      owner: OWNER,
      repo: REPO,
      basehead: 'main...feature',
    });
    expect(data).toMatchObject({
      status: 'diverged',
      ahead_by: 1,
      behind_by: 1,
      total_commits: 1,
      base_commit: { sha: commits.main },
      merge_base_commit: { sha: commits.base },
    });
    expect(data.files?.map((file) => file.filename)).toHaveLength(4);
  });

  it('re-reads the SHAs after a new commit', async () => {
    await temp.git('checkout', '-q', '-b', 'moving', 'feature');
    try {
      await fake.openPull({ number: 3, baseRef: 'main', headRef: 'moving', headRepoFullName: 'someone/shop' });
      const next = await temp.commit({ 'contracts/new.yaml': 'name: newer\n' });
      expect((await fake.updatePull(3)).headSha).toBe(next);
      const { data } = await octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 3 });
      expect(data.head).toMatchObject({
        sha: next,
        label: 'someone:moving',
        repo: { full_name: 'someone/shop', fork: true },
      });
    } finally {
      await temp.git('checkout', '-q', 'main');
    }
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

  it('accumulates annotations across updates and completes with a conclusion', async () => {
    const { data: created } = await octokit.rest.checks.create({
      owner: OWNER,
      repo: REPO,
      name: 'Data contracts',
      head_sha: commits.feature,
      external_id: 'pr-1',
      status: 'in_progress',
      output: { title: 'Reviewing', summary: 'first batch', annotations: annotations(50) },
    });
    expect(created).toMatchObject({ status: 'in_progress', conclusion: null, output: { annotations_count: 50 } });
    const { data: updated } = await octokit.rest.checks.update({
      owner: OWNER,
      repo: REPO,
      check_run_id: created.id,
      conclusion: 'failure',
      output: { title: 'Done', summary: 'second batch', annotations: annotations(30, 51) },
    });
    expect(updated).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'Done', annotations_count: 80 },
    });
    const stored = fake.checkRuns[0];
    expect(stored).toMatchObject({
      id: created.id,
      head_sha: commits.feature,
      external_id: 'pr-1',
      status: 'completed',
    });
    expect(stored?.output.annotations.map((annotation) => annotation.start_line)).toEqual(
      Array.from({ length: 80 }, (_, index) => index + 1),
    );

    const { data: listed } = await octokit.rest.checks.listForRef({
      owner: OWNER,
      repo: REPO,
      ref: commits.feature,
      check_name: 'Data contracts',
    });
    expect(listed.total_count).toBe(1);
    expect(listed.check_runs[0]?.id).toBe(created.id);
  });

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

describe('issue comments', () => {
  it('creates, lists with pagination, edits and deletes', async () => {
    fake.addComment(1, 'Looks odd to me', { login: 'alice', type: 'User' });
    const { data: created } = await octokit.rest.issues.createComment({
      owner: OWNER,
      repo: REPO,
      issue_number: 1,
      body: 'Review: 2 findings',
    });
    expect(created).toMatchObject({
      body: 'Review: 2 findings',
      user: { login: 'data-contract-review[bot]', type: 'Bot' },
      performed_via_github_app: { id: APP_ID },
    });

    const firstPage = await octokit.rest.issues.listComments({
      owner: OWNER,
      repo: REPO,
      issue_number: 1,
      per_page: 1,
    });
    expect(firstPage.data.map((comment) => comment.user?.login)).toEqual(['alice']);
    expect(firstPage.headers.link).toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: OWNER,
      repo: REPO,
      issue_number: 1,
      per_page: 1,
    });
    expect(all.map((comment) => comment.performed_via_github_app?.id ?? null)).toEqual([null, APP_ID]);

    await octokit.rest.issues.updateComment({
      owner: OWNER,
      repo: REPO,
      comment_id: created.id,
      body: 'Review: 1 finding',
    });
    expect(fake.comments.map((comment) => comment.body)).toEqual(['Looks odd to me', 'Review: 1 finding']);
    const deleted = await octokit.rest.issues.deleteComment({ owner: OWNER, repo: REPO, comment_id: created.id });
    expect(deleted.status).toBe(204);
    expect(fake.comments).toHaveLength(1);
    await expect(
      octokit.rest.issues.deleteComment({ owner: OWNER, repo: REPO, comment_id: created.id }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 9, body: 'x' }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe('authentication, unknown endpoints and injected failures', () => {
  it('answers 401 without an Authorization header, and records the request', async () => {
    const response = await fetch(`${fake.url}/api/v3/repos/${OWNER}/${REPO}/pulls/1`);
    expect(response.status).toBe(401);
    const tokenResponse = await fetch(`${fake.url}/api/v3/app/installations/${INSTALLATION_ID}/access_tokens`, {
      method: 'POST',
      headers: { authorization: `token ${fake.tokensIssued[0]?.token}` },
    });
    expect(tokenResponse.status).toBe(401);
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /repos/${OWNER}/${REPO}/pulls/1`,
      `POST /app/installations/${INSTALLATION_ID}/access_tokens`,
    ]);
  });

  it('lets Probot’s Octokit authenticate as the app installation against the GHES layout', async () => {
    const probotOctokit = new ProbotOctokit({
      auth: { appId: APP_ID, privateKey: createAppPrivateKey(), installationId: INSTALLATION_ID },
      baseUrl: `${fake.url}/api/v3`,
      log: SILENT_LOG,
    });
    const { data } = await probotOctokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 1 });
    expect(data.head.sha).toBe(commits.feature);
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST /app/installations/${INSTALLATION_ID}/access_tokens`,
      `GET /repos/${OWNER}/${REPO}/pulls/1`,
    ]);
  });

  it('answers 404 for anything it does not serve', async () => {
    await expect(octokit.rest.repos.get({ owner: OWNER, repo: REPO })).rejects.toMatchObject({ status: 404 });
    expect(fake.requests).toEqual([
      { method: 'GET', path: `/repos/${OWNER}/${REPO}`, token: fake.tokensIssued[0]?.token },
    ]);
  });

  it('fails the next matching requests with the injected status', async () => {
    fake.failNext('GET', /\/pulls\/1$/, 502, 2);
    await expect(octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 1 })).rejects.toMatchObject({
      status: 502,
    });
    await expect(octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 1 })).rejects.toMatchObject({
      status: 502,
    });
    expect((await octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 1 })).status).toBe(200);
  });
});
