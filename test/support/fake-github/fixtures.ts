import {
  botLogin,
  type CheckRun,
  type CheckRunStatus,
  type Comment,
  type CommentAuthor,
  type FakeContext,
  type IssueEvent,
  type PullReview,
  type PullState,
  type RepositoryRole,
  type ReviewState,
  type TeamMembership,
  recordIssueEvent,
  sameLogin,
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
  /** Default `octocat`. */
  author?: string;
}

/** A review as a person submits it; `commitId` defaults to the pull request's head at the time. */
export interface ReviewFixture {
  login: string;
  state: Exclude<ReviewState, 'DISMISSED'>;
  commitId?: string;
  body?: string;
}

/** Who did something on a pull request, and when (an ISO timestamp; default now). */
export interface ActorFixture {
  actor: string;
  at?: string;
}

const DEFAULT_AUTHOR = 'octocat';
const DEFAULT_COMMENTER: CommentAuthor = { login: DEFAULT_AUTHOR, type: 'User' };

/** What a test puts in place directly, as others would have through GitHub: pull requests, comments, check runs. */
export class Fixtures {
  private lastChangeAt = 0;

  constructor(private readonly context: FakeContext) {}

  async openPull({
    number,
    baseRef,
    headRef,
    headRepoFullName = `${this.context.owner}/${this.context.repo}`,
    author = DEFAULT_AUTHOR,
  }: PullFixture): Promise<PullState> {
    const shas = await this.readShas({ number, baseRef, headRef });
    const now = this.changeTime();
    const pull: PullState = {
      number,
      state: 'open',
      author,
      baseRef,
      headRef,
      headRepoFullName,
      ...shas,
      labels: [],
      requestedReviewers: [],
      requestedTeams: [],
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
      user: author === 'app' ? { login: botLogin(this.context), type: 'Bot' } : author,
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

  /**
   * A review submitted on the pull request. As on GitHub, its author may only comment on it, and submitting takes the
   * reviewer off the requested reviewers.
   */
  addReview(number: number, { login, state, commitId, body = '' }: ReviewFixture): PullReview {
    const pull = this.pull(number);
    if (state !== 'COMMENTED' && sameLogin(login, pull.author)) {
      throw new Error(`GitHub refuses ${login}'s ${state} review of their own pull request #${number}`);
    }
    const review: PullReview = {
      id: this.context.nextId(),
      pullNumber: number,
      login,
      state,
      commitId: commitId ?? pull.headSha,
      body,
      submittedAt: timestamp(),
    };
    this.context.reviews.push(review);
    pull.requestedReviewers = pull.requestedReviewers.filter((requested) => !sameLogin(requested, login));
    return review;
  }

  /** Dismisses an approval or a request for changes, as GitHub allows for no other review. */
  dismissReview(number: number, reviewId: number): PullReview {
    const review = this.context.reviews.find((candidate) => candidate.id === reviewId && candidate.pullNumber === number);
    if (!review) throw new Error(`no review ${reviewId} on pull request #${number}`);
    if (review.state !== 'APPROVED' && review.state !== 'CHANGES_REQUESTED') {
      throw new Error(`GitHub refuses to dismiss a ${review.state} review`);
    }
    review.state = 'DISMISSED';
    return review;
  }

  /** Adds a label, recording who did and when; a label the pull request already carries changes nothing. */
  addLabel(number: number, name: string, { actor, at }: ActorFixture): IssueEvent | undefined {
    const pull = this.pull(number);
    if (pull.labels.includes(name)) return undefined;
    pull.labels.push(name);
    return recordIssueEvent(this.context, number, 'labeled', actor, at, { label: name });
  }

  removeLabel(number: number, name: string, { actor, at }: ActorFixture): IssueEvent {
    const pull = this.pull(number);
    if (!pull.labels.includes(name)) throw new Error(`pull request #${number} has no label "${name}"`);
    pull.labels = pull.labels.filter((label) => label !== name);
    return recordIssueEvent(this.context, number, 'unlabeled', actor, at, { label: name });
  }

  /** A membership of a team of the owner organisation, which exists from its first member on. */
  addTeamMember(teamSlug: string, login: string, membership: Partial<Omit<TeamMembership, 'login'>> = {}): void {
    const slug = teamSlug.toLowerCase();
    const members = this.context.teams.get(slug) ?? new Map<string, TeamMembership>();
    members.set(login.toLowerCase(), { login, role: membership.role ?? 'member', state: membership.state ?? 'active' });
    this.context.teams.set(slug, members);
  }

  setCollaborator(login: string, role: RepositoryRole): void {
    this.context.collaborators.set(login.toLowerCase(), { login, role });
  }

  /** Merges an open pull request: closed, merged by `actor`, with GitHub's `merged` and `closed` events. */
  mergePull(number: number, { actor, at }: ActorFixture): PullState {
    const pull = this.pull(number);
    if (pull.state !== 'open') throw new Error(`pull request #${number} is not open`);
    const when = at ?? timestamp();
    pull.state = 'closed';
    pull.merged = { by: actor, at: Date.parse(when), commitSha: pull.headSha };
    pull.updatedAt = this.changeTime();
    recordIssueEvent(this.context, number, 'merged', actor, when, { commitId: pull.headSha });
    recordIssueEvent(this.context, number, 'closed', actor, when, { commitId: pull.headSha });
    return pull;
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
