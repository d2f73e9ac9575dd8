import type { FakeContext } from '../context.js';
import type { GitObject } from '../git.js';
import { type Reply, type Route, type RouteRequest, reply } from '../http.js';
import { grants } from '../tokens.js';

/** `repository(owner: $owner, name: $name)`: the variables naming the repository. */
const REPOSITORY_FIELD = /repository\s*\(\s*owner\s*:\s*\$(\w+)\s*,\s*name\s*:\s*\$(\w+)\s*\)/;
const READ_CONTENTS = { permissions: ['contents'], level: 'read' } as const;
/** `b0: object(oid: $o0)`: an alias and the variable holding its object id. */
const OBJECT_FIELD = /(\w+)\s*:\s*object\s*\(\s*oid\s*:\s*\$(\w+)\s*\)/g;

/**
 * GraphQL at `/api/graphql`, answering the one query shape the app sends: blobs by object id, each under its alias,
 * in one `repository` field. Anything else gets a GraphQL error, so a new query shape fails loudly. GraphQL reports
 * a token's missing permission or repository as errors in a 200, so this route checks them itself.
 */
export function graphqlRoutes(context: FakeContext): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/graphql$/,
      credential: 'installation',
      handle: (request) => answerBlobQuery(context, request),
    },
  ];
}

async function answerBlobQuery(context: FakeContext, request: RouteRequest): Promise<Reply> {
  const { query, variables } = graphqlRequest(request.body);
  const repository = REPOSITORY_FIELD.exec(query);
  if (!repository) {
    return graphqlError(
      'The fake GitHub answers only `repository(owner:, name:) { alias: object(oid:) { ... on Blob } }`.',
    );
  }
  const owner = variables[repository[1] ?? ''];
  const name = variables[repository[2] ?? ''];
  const scope = request.token?.repositories;
  // A token scoped away from the repository finds nothing there, as if it did not exist.
  if (owner !== context.owner || name !== context.repo || (scope && !scope.includes(context.repo))) {
    return repositoryError(
      'NOT_FOUND',
      `Could not resolve to a Repository with the name '${String(owner)}/${String(name)}'.`,
    );
  }
  if (request.token && !grants(request.token.permissions, READ_CONTENTS)) {
    return repositoryError('FORBIDDEN', 'Resource not accessible by integration');
  }
  const fields: { alias: string; oid: string }[] = [];
  for (const [, alias = '', variable = ''] of query.matchAll(OBJECT_FIELD)) {
    const oid = variables[variable];
    if (typeof oid !== 'string') {
      return graphqlError(`Variable $${variable} of type GitObjectID! was provided invalid value`);
    }
    fields.push({ alias, oid });
  }
  const objects = await context.git.readObjects(fields.map((field) => field.oid));
  const data = Object.fromEntries(
    fields.map(({ alias, oid }) => [alias, blobFields(objects.get(oid), context.graphqlTextLimit)]),
  );
  return reply(200, { data: { repository: data } });
}

/**
 * A missing object is `null`; an object that is not a blob matches no field of `... on Blob` and is `{}`. Binary blobs
 * (any NUL byte) have no text; text past `limit` bytes is cut there and flagged `isTruncated`.
 */
function blobFields(object: GitObject | undefined, limit: number): Record<string, unknown> | null {
  if (!object) return null;
  if (object.type !== 'blob') return {};
  const isBinary = object.content.includes(0);
  const isTruncated = object.content.length > limit;
  return {
    text: isBinary ? null : object.content.subarray(0, limit).toString('utf8'),
    isBinary,
    isTruncated,
    byteSize: object.content.length,
  };
}

function graphqlRequest(body: unknown): { query: string; variables: Record<string, unknown> } {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const query = typeof fields.query === 'string' ? fields.query : '';
  const variables =
    typeof fields.variables === 'object' && fields.variables !== null
      ? (fields.variables as Record<string, unknown>)
      : {};
  return { query, variables };
}

function repositoryError(type: 'NOT_FOUND' | 'FORBIDDEN', message: string): Reply {
  return reply(200, { data: { repository: null }, errors: [{ type, path: ['repository'], message }] });
}

function graphqlError(message: string): Reply {
  return reply(200, { errors: [{ message }] });
}
