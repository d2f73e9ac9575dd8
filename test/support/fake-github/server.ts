import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST_PREFIX } from './handler.js';
import type { Reply } from './http.js';
import { type FakeGitHubOptions, type StandInGitHub, createStandIn } from './stand-in.js';

export type {
  Annotation,
  CheckRun,
  CheckRunStatus,
  Comment,
  CommentAuthor,
  IssueEvent,
  PullReview,
  PullState,
  RepositoryRole,
  ReviewState,
} from './context.js';
export type { FaultKind, FaultPlan } from './faults.js';
export type { ActorFixture, CheckRunFixture, PullFixture, ReviewFixture } from './fixtures.js';
export type { RecordedRequest } from './requests.js';
export type { FakeGitHubOptions, TokenRequest } from './stand-in.js';
export type { IssuedToken, PermissionLevel, Permissions } from './tokens.js';

/** The stand-in on a real HTTP server, for a client in another process: GitHub Enterprise Server's layout. */
export interface FakeGitHub extends StandInGitHub {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** `127.0.0.1:PORT`, for `GHE_HOST` (with `GHE_PROTOCOL=http`). */
  host: string;
  close(): Promise<void>;
}

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `http://${host}`;
  const { github, handler } = createStandIn(options, { apiUrl: `${url}${REST_PREFIX}`, webUrl: url });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void readBody(request)
      .then((body) =>
        handler.answer({ method: request.method ?? 'GET', url: new URL(request.url ?? '/', url), headers: request.headers, body }),
      )
      .then((outcome) => (outcome.dropConnection ? response.destroy() : send(response, outcome.reply)))
      .catch(() => response.destroy());
  });
  return {
    ...github,
    url,
    host,
    close() {
      handler.stop();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, result: Reply): void {
  const headers: Record<string, string> = { ...result.headers };
  if (result.body === undefined) {
    response.writeHead(result.status, headers).end();
    return;
  }
  const json = JSON.stringify(result.body);
  headers['content-type'] = 'application/json; charset=utf-8';
  headers['content-length'] = String(Buffer.byteLength(json));
  response.writeHead(result.status, headers).end(json);
}
