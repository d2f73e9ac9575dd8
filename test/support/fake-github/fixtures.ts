import {
  BOT_LOGIN,
  type CheckRun,
  type CheckRunStatus,
  type Comment,
  type CommentAuthor,
  type FakeContext,
  type PullState,
  timestamp,
} from './context.js';
import { isFullSha } from './git.js';

/** A check run as if created before the test: by this app unless `app_id` names another one. */
export interface CheckRunFixture {
  head_sha: string;
  name: string;
  app_id?: number;
  /** Default `completed`, with `conclusion` `success` unless given. */
  status?: CheckRunStatus;
  conclusion?: string | null;
  external_id?: string;
  started_at?: string;
}

export interface PullFixture {
  number: number;
  baseRef: string;
  headRef: string;
  headRepoFullName?: string;
}

const DEFAULT_COMMENTER: CommentAuthor = { login: 'octocat', type: 'User' };

/** What a test puts in place directly, as others would have through GitHub: pull requests, comments, check runs. */
export class Fixtures {
  private lastChangeAt = 0;

  constructor(private readonly context: FakeContext) {}

  async openPull({
    number,
    baseRef,
    headRef,
    headRepoFullName = `${this.context.owner}/${this.context.repo}`,
  }: PullFixture): Promise<PullState> {
    const shas = await this.readShas({ number, baseRef, headRef });
    const now = this.changeTime();
    const pull: PullState = {
      number,
      state: 'open',
      baseRef,
      headRef,
      headRepoFullName,
      ...shas,
      createdAt: now,
      updatedAt: now,
    };
    this.context.pulls.set(number, pull);
    return pull;
  }

  async updatePull(number: number): Promise<PullState> {
    const pull = this.pull(number);
    const { baseSha, headSha } = await this.readShas(pull);
    if (baseSha !== pull.baseSha || headSha !== pull.headSha) {
      Object.assign(pull, { baseSha, headSha, updatedAt: this.changeTime() });
    }
    return pull;
  }

  /** No git: the SHA is taken as given, so it must name a commit of the repository for the routes to serve it. */
  setPullHead(number: number, sha: string): PullState {
    if (!isFullSha(sha)) throw new Error(`"${sha}" is not a full commit SHA`);
    const pull = this.pull(number);
    if (pull.headSha !== sha) Object.assign(pull, { headSha: sha, updatedAt: this.changeTime() });
    return pull;
  }

  addComment(number: number, body: string, author: CommentAuthor | 'app' = DEFAULT_COMMENTER): Comment {
    this.pull(number); // refuses a pull request the fake does not have
    const now = timestamp();
    const comment: Comment = {
      id: this.context.nextId(),
      issue_number: number,
      body,
      user: author === 'app' ? { login: BOT_LOGIN, type: 'Bot' } : author,
      performed_via_github_app: author === 'app' ? { id: this.context.appId } : null,
      created_at: now,
      updated_at: now,
    };
    this.context.comments.push(comment);
    return comment;
  }

  addCheckRun(fixture: CheckRunFixture): CheckRun {
    const status = fixture.status ?? 'completed';
    const conclusion = fixture.conclusion ?? (status === 'completed' ? 'success' : null);
    const startedAt = fixture.started_at ?? timestamp();
    const run: CheckRun = {
      id: this.context.nextId(),
      app_id: fixture.app_id ?? this.context.appId,
      head_sha: fixture.head_sha,
      name: fixture.name,
      status,
      conclusion,
      started_at: startedAt,
      completed_at: status === 'completed' ? startedAt : null,
      external_id: fixture.external_id ?? null,
      details_url: null,
      output: { title: null, summary: null, text: null, annotations: [] },
    };
    this.context.checkRuns.push(run);
    return run;
  }

  /** The clock, moved on when it has not ticked since the last change, so no two changes share a time. */
  private changeTime(): number {
    this.lastChangeAt = Math.max(Date.now(), this.lastChangeAt + 1);
    return this.lastChangeAt;
  }

  private pull(number: number): PullState {
    const pull = this.context.pulls.get(number);
    if (!pull) throw new Error(`no pull request #${number}`);
    return pull;
  }

  private async readShas(
    pull: Pick<PullState, 'number' | 'baseRef' | 'headRef'>,
  ): Promise<{ baseSha: string; headSha: string }> {
    const [baseSha, headSha] = await Promise.all([
      this.context.git.resolve(pull.baseRef, 'commit'),
      this.context.git.resolve(pull.headRef, 'commit'),
    ]);
    if (!baseSha || !headSha) {
      throw new Error(`pull request #${pull.number}: ${pull.baseRef} or ${pull.headRef} names no commit`);
    }
    return { baseSha, headSha };
  }
}
