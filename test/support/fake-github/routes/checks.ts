import { type CheckRun, type FakeContext, appSummary, repoApiUrl, repoPath, timestamp } from '../context.js';
import {
  type Reply,
  type Route,
  type RouteRequest,
  ValidationError,
  errorReply,
  notFound,
  objectFields,
  paginate,
  param,
  reply,
  requiredString,
} from '../http.js';
import { type CheckRunChanges, parseChanges } from './check-run-changes.js';

const READ_CHECKS = { permissions: ['checks'], level: 'read' } as const;
const WRITE_CHECKS = { permissions: ['checks'], level: 'write' } as const;

/** Check runs: created, read, updated and listed for a commit, validated as GitHub validates them. */
export function checkRoutes(context: FakeContext): Route[] {
  return [
    {
      method: 'GET',
      path: repoPath(context, '/commits/(?<ref>[^/]+)/check-runs'),
      credential: 'installation',
      requires: READ_CHECKS,
      handle: (request) => listForRef(context, request),
    },
    {
      method: 'GET',
      path: repoPath(context, '/check-runs/(?<id>\\d+)'),
      credential: 'installation',
      requires: READ_CHECKS,
      handle: (request) => get(context, request),
    },
    {
      method: 'POST',
      path: repoPath(context, '/check-runs'),
      credential: 'installation',
      requires: WRITE_CHECKS,
      handle: (request) => create(context, request),
    },
    {
      method: 'PATCH',
      path: repoPath(context, '/check-runs/(?<id>\\d+)'),
      credential: 'installation',
      requires: WRITE_CHECKS,
      handle: (request) => update(context, request),
    },
  ];
}

/**
 * `filter=latest` (the default) keeps the newest run of each app and name, before `check_name`, `status` and
 * `app_id` filter: a run a newer one replaced is not listed, whatever its status.
 */
async function listForRef(context: FakeContext, request: RouteRequest): Promise<Reply> {
  const ref = param(request, 'ref');
  const sha = await context.git.resolve(ref, 'commit');
  if (!sha) return errorReply(422, `No commit found for SHA: ${ref}`);
  const name = request.query.get('check_name');
  const status = request.query.get('status');
  const appId = request.query.get('app_id');
  const onCommit = context.checkRuns.filter((run) => run.head_sha === sha);
  const runs = (request.query.get('filter') === 'all' ? onCommit : newestOfEachAppAndName(onCommit)).filter(
    (run) =>
      (name === null || run.name === name) &&
      (status === null || run.status === status) &&
      (appId === null || String(run.app_id) === appId),
  );
  const { page, headers } = paginate(runs, request);
  return reply(200, { total_count: runs.length, check_runs: page.map((run) => checkRunJson(context, run)) }, headers);
}

function get(context: FakeContext, request: RouteRequest): Reply {
  const run = context.checkRuns.find((candidate) => candidate.id === Number(param(request, 'id')));
  return run ? reply(200, checkRunJson(context, run)) : notFound();
}

async function create(context: FakeContext, request: RouteRequest): Promise<Reply> {
  const fields = objectFields(request.body);
  const name = requiredString(fields, 'name');
  const requestedSha = requiredString(fields, 'head_sha');
  const changes = parseChanges(fields);
  const headSha = await context.git.resolve(requestedSha, 'commit');
  if (headSha !== requestedSha) return errorReply(422, `No commit found for SHA: ${requestedSha}`);
  const run: CheckRun = {
    id: context.nextId(),
    app_id: context.appId,
    head_sha: headSha,
    name,
    status: 'queued',
    conclusion: null,
    started_at: timestamp(),
    completed_at: null,
    external_id: null,
    details_url: null,
    output: { title: null, summary: null, text: null, annotations: [] },
  };
  applyChanges(run, changes);
  context.checkRuns.push(run);
  return reply(201, checkRunJson(context, run));
}

async function update(context: FakeContext, request: RouteRequest): Promise<Reply> {
  const run = context.checkRuns.find((candidate) => candidate.id === Number(param(request, 'id')));
  if (!run) return notFound();
  if (run.app_id !== context.appId) {
    return errorReply(
      403,
      `Invalid app_id \`${context.appId}\` - check run can only be modified by the GitHub App that created it.`,
    );
  }
  applyChanges(run, parseChanges(objectFields(request.body)));
  return reply(200, checkRunJson(context, run));
}

/** Validates everything before changing anything, so a refused request leaves the check run as it was. */
function applyChanges(run: CheckRun, changes: CheckRunChanges): void {
  const completing =
    changes.conclusion !== undefined || changes.status === 'completed' || changes.completed_at !== undefined;
  if (completing && (changes.conclusion ?? run.conclusion) === null) {
    throw new ValidationError(`Invalid request.\n\n"conclusion" wasn't supplied.`);
  }
  run.name = changes.name ?? run.name;
  run.details_url = changes.details_url ?? run.details_url;
  run.external_id = changes.external_id ?? run.external_id;
  run.started_at = changes.started_at ?? run.started_at;
  run.status = completing ? 'completed' : (changes.status ?? run.status);
  run.conclusion = changes.conclusion ?? run.conclusion;
  if (completing) run.completed_at = changes.completed_at ?? run.completed_at ?? timestamp();
  if (changes.output) {
    run.output.title = changes.output.title;
    run.output.summary = changes.output.summary;
    run.output.text = changes.output.text ?? run.output.text;
    run.output.annotations.push(...changes.output.annotations);
  }
}

function newestOfEachAppAndName(runs: CheckRun[]): CheckRun[] {
  const newest = new Map<string, CheckRun>();
  for (const run of runs) newest.set(`${run.app_id} ${run.name}`, run); // runs are in creation order
  return [...newest.values()].sort((first, second) => first.id - second.id);
}

/** GitHub's shape: the output reports how many annotations there are rather than listing them. */
function checkRunJson(context: FakeContext, run: CheckRun): Record<string, unknown> {
  const url = `${repoApiUrl(context)}/check-runs/${run.id}`;
  return {
    id: run.id,
    name: run.name,
    head_sha: run.head_sha,
    external_id: run.external_id ?? '',
    url,
    html_url: `${context.webUrl}/${context.owner}/${context.repo}/runs/${run.id}`,
    details_url: run.details_url,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.started_at,
    completed_at: run.completed_at,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.output.annotations.length,
      annotations_url: `${url}/annotations`,
    },
    app: run.app_id === context.appId ? appSummary(context) : otherAppSummary(run.app_id),
  };
}

/** Another app's runs name it by id only: the stand-in knows nothing else of it. */
function otherAppSummary(appId: number): Record<string, unknown> {
  return { id: appId, slug: `app-${appId}`, name: `App ${appId}` };
}
