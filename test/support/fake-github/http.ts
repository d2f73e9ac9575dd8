import type { IssuedToken, PermissionRequirement } from './tokens.js';

/** What a route sees of a request. */
export interface RouteRequest {
  /** The path's named groups, percent-decoded. */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  body: unknown;
  /**
   * The request's absolute URL as GitHub's `Link` headers name it: `/api/v3` included, and a repository's path under
   * `/repositories/:id`.
   */
  url: URL;
  /** The installation token the request carried; absent on routes taking the app's JWT. */
  token?: IssuedToken;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** `app`: the app's JWT as `Bearer`. `installation`: an unexpired installation token the stand-in issued. */
export type Credential = 'app' | 'installation';

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Matched against the path without `/api/v3` and without the query string. */
  path: RegExp;
  credential: Credential;
  /** What an installation token needs to be let in; GitHub answers 403 to a token without it. */
  requires?: PermissionRequirement;
  handle(request: RouteRequest): Reply | Promise<Reply>;
}

/** A request body GitHub would refuse with 422; the server turns it into that reply. */
export class ValidationError extends Error {}

const DOCUMENTATION_URL = 'https://docs.github.com/rest';
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

export function reply(status: number, body?: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

export function errorReply(status: number, message: string): Reply {
  return reply(status, { message, documentation_url: DOCUMENTATION_URL });
}

export const notFound = (): Reply => errorReply(404, 'Not Found');

export function param(request: RouteRequest, name: string): string {
  const value = request.params[name];
  if (value === undefined) throw new Error(`the route has no "${name}" parameter`);
  return value;
}

/** A JSON object from the request, or a 422 as GitHub answers anything else. */
export function objectFields(value: unknown, label = 'the request body'): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(`Invalid request.\n\n${label} is not an object.`);
  }
  return value as Record<string, unknown>;
}

export function optionalString(fields: Record<string, unknown>, key: string, label = key): string | undefined {
  const value = fields[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new ValidationError(`Invalid request.\n\nFor '${label}', ${JSON.stringify(value)} is not a string.`);
  }
  return value;
}

export function requiredString(fields: Record<string, unknown>, key: string, label = key): string {
  return required(optionalString(fields, key, label), label);
}

export function optionalInteger(fields: Record<string, unknown>, key: string, label = key): number | undefined {
  const value = fields[key];
  if (value === undefined) return undefined;
  if (!Number.isInteger(value)) {
    throw new ValidationError(`Invalid request.\n\nFor '${label}', ${JSON.stringify(value)} is not an integer.`);
  }
  return value as number;
}

export function requiredInteger(fields: Record<string, unknown>, key: string, label = key): number {
  return required(optionalInteger(fields, key, label), label);
}

function required<T>(value: T | undefined, label: string): T {
  if (value === undefined) throw new ValidationError(`Invalid request.\n\n"${label}" wasn't supplied.`);
  return value;
}

/**
 * One page of `items` as GitHub serves a list: `per_page` (default 30, at most 100) and `page`, with a `Link` header
 * of `prev`, `next`, `last` and `first` in GitHub's order, each the request's `url` with another `page`.
 */
export function paginate<T>(
  items: readonly T[],
  request: RouteRequest,
): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(positiveInteger(request.query.get('per_page')) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
  const page = positiveInteger(request.query.get('page')) ?? 1;
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const link = (target: number, rel: string): string => {
    const url = new URL(request.url);
    url.searchParams.set('page', String(target));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  return {
    page: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}

function positiveInteger(text: string | null): number | undefined {
  if (text === null || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value > 0 ? value : undefined;
}

/** The body's JSON, `undefined` for no body, or the `SyntaxError` for a body that is not JSON. */
export function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return error;
  }
}
