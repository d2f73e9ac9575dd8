import type { RegistrySchema } from '../assets/events/format.js';
import type { RegistryVerdict, SchemaRegistry } from './port.js';

export interface ConfluentRegistryOptions {
  /** The registry's base URL; a path prefix (`https://host/registry/`) is kept. */
  url: string;
  username?: string;
  password?: string;
  timeoutMs?: number;
  retryDelayMs?: number;
  fetch?: typeof fetch;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
const SUBJECT_NOT_FOUND = 40401;
const VERSION_NOT_FOUND = 40402;
const INVALID_SCHEMA = 42201;

interface RegistryError {
  error_code?: number;
  message?: string;
}

/** A Confluent-compatible schema registry, asked through its REST API. */
export class ConfluentRegistry implements SchemaRegistry {
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly retryDelayMs: number;
  private readonly fetch: typeof fetch;
  private readonly authorization: string | undefined;

  constructor(options: ConfluentRegistryOptions) {
    this.base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.fetch = options.fetch ?? fetch;
    // fetch refuses credentials in a URL: written there, they become the basic credentials.
    const username = options.username ?? (this.base.username ? decodeURIComponent(this.base.username) : undefined);
    const password = options.password ?? decodeURIComponent(this.base.password);
    this.base.username = '';
    this.base.password = '';
    this.authorization = username !== undefined ? `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` : undefined;
  }

  async checkCompatibility(subject: string, schema: RegistrySchema): Promise<RegistryVerdict> {
    const url = new URL(`compatibility/subjects/${encodeURIComponent(subject)}/versions/latest?verbose=true`, this.base);
    // AVRO is the API's default type, and older registries refuse the field.
    const body = JSON.stringify(schema.schemaType === 'AVRO' ? { schema: schema.schema } : schema);
    let answer = await this.post(url, body);
    if (answer.retry) {
      await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      answer = await this.post(url, body);
    }
    return answer.verdict;
  }

  /** One request; `retry` when the failure is one a second attempt may not meet (network, 5xx, 429). */
  private async post(url: URL, body: string): Promise<{ verdict: RegistryVerdict; retry: boolean }> {
    let response: Response;
    try {
      response = await this.fetch(url, {
        method: 'POST',
        headers: { 'content-type': CONTENT_TYPE, accept: CONTENT_TYPE, ...(this.authorization ? { authorization: this.authorization } : {}) },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      return { verdict: unavailable(this.networkReason(error)), retry: true };
    }
    const payload = await response.json().catch(() => undefined);
    if (response.ok) return { verdict: compatibilityVerdict(payload), retry: false };
    const { error_code: code, message } = (payload ?? {}) as RegistryError;
    if (code === SUBJECT_NOT_FOUND || code === VERSION_NOT_FOUND) return { verdict: { status: 'no-subject' }, retry: false };
    if (code === INVALID_SCHEMA) {
      return { verdict: unavailable(`the registry refused the schema as invalid: ${message ?? 'no reason given'}`), retry: false };
    }
    if (response.status === 401 || response.status === 403) {
      return { verdict: unavailable(`the registry rejected the credentials (HTTP ${response.status})`), retry: false };
    }
    const detail = message ? `: ${message}` : '';
    return {
      verdict: unavailable(`the registry answered HTTP ${response.status}${code ? ` (error ${code})` : ''}${detail}`),
      retry: response.status >= 500 || response.status === 429,
    };
  }

  private networkReason(error: unknown): string {
    // Read by shape, not `instanceof`: fetch's errors may come from another realm.
    const { name, cause } = (error ?? {}) as { name?: string; cause?: { code?: unknown } };
    if (name === 'TimeoutError' || name === 'AbortError') return `the registry did not answer within ${this.timeoutMs / 1000} s`;
    const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
    return `the registry at ${this.base.host} could not be reached${code}`;
  }
}

function unavailable(reason: string): RegistryVerdict {
  return { status: 'unavailable', reason };
}

function compatibilityVerdict(payload: unknown): RegistryVerdict {
  if (typeof payload !== 'object' || payload === null || typeof (payload as { is_compatible?: unknown }).is_compatible !== 'boolean') {
    return unavailable('the registry gave an answer that is not a compatibility verdict');
  }
  const { is_compatible: compatible, messages } = payload as { is_compatible: boolean; messages?: unknown };
  if (compatible) return { status: 'compatible' };
  return { status: 'incompatible', messages: Array.isArray(messages) ? messages.map(String) : [] };
}
