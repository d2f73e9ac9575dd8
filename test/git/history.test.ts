import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gitChangeSet } from '../../src/git/changeset.js';
import { GitFileHistory } from '../../src/git/history.js';
import { type GitRepo, openRepo } from '../../src/git/repo.js';
import { createTempRepo, makeTempDir, type TempRepo } from './temp-repo.js';

let temp: TempRepo;
let repo: GitRepo;
/** The commits of main, named for what they change. */
const at = { ordersV1: '', readme: '', payments: '', ordersV2: '', app: '', ordersV3: '' };

beforeAll(async () => {
  temp = await createTempRepo();
  at.ordersV1 = await temp.commit({ 'schemas/orders.avsc': 'orders v1', 'README.md': 'shop' });
  at.readme = await temp.commit({ 'README.md': 'shop, documented' });
  at.payments = await temp.commit({ 'schemas/nested/deep/payments.avsc': 'payments v1' });
  at.ordersV2 = await temp.commit({ 'schemas/orders.avsc': 'orders v2' });
  at.app = await temp.commit({ 'src/app.ts': 'export {};' });
  at.ordersV3 = await temp.commit({ 'schemas/orders.avsc': 'orders v3' });
  repo = await openRepo(temp.dir);
});

afterAll(async () => {
  await repo.close();
  await temp.remove();
});

async function earlier(base: string, globs: string[], limit = 10): Promise<{ revs: string[]; complete: boolean }> {
  const { snapshots, complete } = await new GitFileHistory(repo, base).earlierVersions(globs, limit);
  return { revs: snapshots.map((snapshot) => snapshot.rev), complete };
}

describe('the earlier versions of schema files', () => {
  it('are the commits before the base that changed a matching file, newest first, the base left out', async () => {
    expect(await earlier(at.ordersV3, ['schemas/**/*.avsc'])).toEqual({
      revs: [at.ordersV2, at.payments, at.ordersV1],
      complete: true,
    });
    expect(await earlier(at.app, ['schemas/**/*.avsc'])).toEqual({
      revs: [at.ordersV2, at.payments, at.ordersV1],
      complete: true,
    });
  });

  it('show the files as they were at each commit', async () => {
    const { snapshots } = await new GitFileHistory(repo, at.ordersV3).earlierVersions(['schemas/orders.avsc'], 10);
    expect(await Promise.all(snapshots.map((snapshot) => snapshot.readFile('schemas/orders.avsc')))).toEqual(['orders v2', 'orders v1']);
    expect(await snapshots[0]!.readFile('src/app.ts')).toBeUndefined();
  });

  it('are cut at the limit, and then said to be incomplete', async () => {
    expect(await earlier(at.ordersV3, ['schemas/**/*.avsc'], 2)).toEqual({ revs: [at.ordersV2, at.payments], complete: false });
    expect(await earlier(at.ordersV3, ['schemas/**/*.avsc'], 3)).toEqual({
      revs: [at.ordersV2, at.payments, at.ordersV1],
      complete: true,
    });
  });

  it('follow the globs as the review matches them: `*` stays in its directory, `**` crosses them', async () => {
    expect((await earlier(at.ordersV3, ['schemas/*.avsc'])).revs).toEqual([at.ordersV2, at.ordersV1]);
    expect((await earlier(at.ordersV3, ['**/payments.avsc'])).revs).toEqual([at.payments]);
    expect((await earlier(at.ordersV3, ['**/payments.avsc', 'README.md'])).revs).toEqual([at.payments, at.readme, at.ordersV1]);
    expect(await earlier(at.ordersV3, ['schemas/*.proto'])).toEqual({ revs: [], complete: true });
  });

  it('are looked for in the glob\'s directory when git cannot read the glob (braces), the whole repository without one', async () => {
    expect((await earlier(at.ordersV3, ['schemas/{orders,refunds}.avsc'])).revs).toEqual([at.ordersV2, at.payments, at.ordersV1]);
    expect((await earlier(at.ordersV3, ['{schemas,docs}/orders.avsc'])).revs).toEqual([at.app, at.ordersV2, at.payments, at.readme, at.ordersV1]);
  });

  it('are none for no globs, rather than every commit', async () => {
    expect(await earlier(at.ordersV3, [])).toEqual({ revs: [], complete: true });
  });

  it('come with the change set, behind its merge base', async () => {
    await temp.git('checkout', '-q', '-b', 'feature', at.ordersV2);
    const head = await temp.commit({ 'schemas/orders.avsc': 'orders v2, on a branch' });
    await temp.git('checkout', '-q', 'main');

    const change = await gitChangeSet(repo, 'main', head);
    const { snapshots, complete } = await change.history!.earlierVersions(['schemas/**'], 10);
    expect(snapshots.map((snapshot) => snapshot.rev)).toEqual([at.payments, at.ordersV1]);
    expect(complete).toBe(true);
  });
});

describe('in a shallow clone', () => {
  let clone: string;
  let shallow: GitRepo;

  beforeAll(async () => {
    clone = await makeTempDir();
    await temp.git('clone', '-q', '--depth', '3', '--branch', 'main', `file://${temp.dir}`, clone);
    shallow = await openRepo(clone);
  });

  afterAll(async () => {
    await shallow.close();
    await rm(clone, { recursive: true, force: true });
  });

  it('the earlier versions the clone has are said to be incomplete', async () => {
    const { snapshots, complete } = await new GitFileHistory(shallow, at.ordersV3).earlierVersions(['schemas/**/*.avsc'], 10);
    expect(snapshots.map((snapshot) => snapshot.rev)).toEqual([at.ordersV2]);
    expect(complete).toBe(false);
  });
});
