import type { Annotation, CheckRunStatus } from './context.js';
import type { FaultKind } from './faults.js';

export interface RecordedRequest {
  method: string;
  /**
   * As the client sent it, without `/api/v3` and with the query string: `/repos/o/r/pulls/1/files?per_page=100`, or
   * `/repositories/1/pulls/1/files?per_page=100&page=2` for a page a `Link` header named. GraphQL is `/graphql`.
   */
  path: string;
  /** The parsed JSON body; absent when the request had none. */
  body?: unknown;
  /** The `X-GitHub-Api-Version` header, when sent. */
  apiVersion?: string;
  /** The `Authorization` header's credential without its scheme: the app's JWT or an installation token. */
  token?: string;
  /** The fault the stand-in answered with, or (`slow`, `lost-response`) dealt while acting. */
  fault?: FaultKind;
}

/** A check run's create or update body as a client sends it, for reading what a client sent. */
export interface CheckRunRequest {
  name?: string;
  head_sha?: string;
  external_id?: string;
  status?: CheckRunStatus;
  conclusion?: string;
  output?: { title: string; summary: string; text?: string; annotations?: Annotation[] };
}

/** `METHOD /path?query`, for comparing the requests a client made with a list. */
export function requestLine(request: RecordedRequest): string {
  return `${request.method} ${request.path}`;
}

/** The bodies of the requests sent with `method` to exactly `path` (query included), in order. */
export function bodiesOf<Body = unknown>(requests: readonly RecordedRequest[], method: string, path: string): Body[] {
  return requests
    .filter((request) => request.method === method && request.path === path)
    .map((request) => request.body as Body);
}
