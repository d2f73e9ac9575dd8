import type { RegistryVerdict } from './port.js';

const SUBJECT_NOT_FOUND = 40401;
const VERSION_NOT_FOUND = 40402;
const INVALID_SCHEMA = 42201;
/** The registry's own words are quoted in a PR comment; its invalid-schema message repeats the whole schema. */
const LONGEST_QUOTE = 400;

export const NO_SUBJECT: RegistryVerdict = { status: 'no-subject' };

export function unavailable(reason: string): RegistryVerdict {
  return { status: 'unavailable', reason };
}

/** The verdict in a successful answer to `POST /compatibility/subjects/{subject}/versions/{version}?verbose=true`. */
export function compatibilityVerdict(body: unknown): RegistryVerdict {
  if (!isRecord(body) || typeof body.is_compatible !== 'boolean') {
    return unavailable('the registry answered with something other than a compatibility verdict');
  }
  if (body.is_compatible) return { status: 'compatible' };
  const messages = Array.isArray(body.messages) ? body.messages.map(String) : [];
  const [onlyMessage] = messages;
  // With `verbose`, Confluent's server reports a schema it cannot parse as a failed check with that one message,
  // where its API reference (and other registries) answer 42201: either way the schema was never compared.
  if (messages.length === 1 && onlyMessage?.startsWith('Invalid schema')) return invalidSchema(onlyMessage);
  // The registry appends the registered schema whole (up to 10 KiB): too long for a PR comment, and the
  // `{oldSchemaVersion: n}` message beside it already says which version it is.
  return { status: 'incompatible', messages: messages.filter((message) => !message.startsWith('{oldSchema:')) };
}

/** The verdict in an answer with an error status and, from a registry, an `{error_code, message}` body. */
export function errorVerdict(status: number, body: unknown, sentCredentials: boolean): RegistryVerdict {
  const code = isRecord(body) && typeof body.error_code === 'number' ? body.error_code : undefined;
  const message = isRecord(body) && typeof body.message === 'string' && body.message.trim() ? quote(body.message) : undefined;
  if (code === SUBJECT_NOT_FOUND || code === VERSION_NOT_FOUND) return NO_SUBJECT;
  if (code === INVALID_SCHEMA) return invalidSchema(message ?? 'it gave no reason');
  // The registry's own message is left out: it is generic, and an authentication proxy may echo what it was sent.
  if (status === 401) {
    return unavailable(sentCredentials ? 'the registry rejected the credentials (HTTP 401)' : 'the registry asks for credentials (HTTP 401) and none are configured');
  }
  if (status === 403) return unavailable('the registry rejected the credentials: they may not read this subject (HTTP 403)');
  const errorCode = code !== undefined && code !== status ? ` (error ${code})` : '';
  return unavailable(`the registry answered HTTP ${status}${errorCode}${message ? `: ${message}` : ''}`);
}

/** Why a request got no answer, from the error `fetch` threw. */
export function unreachableReason(host: string, error: unknown): string {
  const code = errorCode(error);
  return `the registry at ${host} ${code ? `${NETWORK_FAILURES[code] ?? 'could not be reached'} (${code})` : 'could not be reached'}`;
}

const NETWORK_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'refused the connection',
  ECONNRESET: 'closed the connection before answering',
  UND_ERR_SOCKET: 'closed the connection before answering',
  ENOTFOUND: 'has a host name that does not resolve',
  EAI_AGAIN: 'has a host name that could not be resolved',
  ETIMEDOUT: 'could not be connected to in time',
  UND_ERR_CONNECT_TIMEOUT: 'could not be connected to in time',
  CERT_HAS_EXPIRED: 'presented an expired TLS certificate',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'presented a TLS certificate that is not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'presented a TLS certificate that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'presented a TLS certificate that is not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'presented a TLS certificate for another host name',
};

/** A timeout shows as a `TimeoutError` (or `AbortError`) thrown by fetch or by reading the body. */
export function isTimeout(error: unknown): boolean {
  // Read by shape, not `instanceof`: fetch's errors may come from another realm.
  const name = isRecord(error) ? error.name : undefined;
  return name === 'TimeoutError' || name === 'AbortError';
}

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error; isRecord(current); current = current.cause) {
    if (typeof current.code === 'string') return current.code;
  }
  return undefined;
}

function invalidSchema(message: string): RegistryVerdict {
  return unavailable(`the registry refused the schema as invalid: ${quote(message)}`);
}

/** The registry's message as a clause of our sentence: one line, bounded, without its full stop. */
function quote(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return line.length > LONGEST_QUOTE ? `${line.slice(0, LONGEST_QUOTE)}…` : line;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
