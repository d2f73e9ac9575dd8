import type { RegistrySchema, RegistryVerdict, SchemaRegistry } from './port.js';
import { compatibilityVerdict, errorVerdict, isTimeout, NO_SUBJECT, unavailable, unreachableReason } from './replies.js';

export interface ConfluentRegistryOptions {
  /** The registry's base URL; a path prefix (`https://host/registry/`) is kept. */
  url: string;
  /** Basic credentials (a Confluent Cloud API key and secret); credentials written in the URL serve as well. */
  username?: string;
  password?: string;
  /** How long one request may take, answer included. */
  timeoutMs?: number;
  /** The pause before the one retry of a request that met a network error, a 5xx or a 429. */
  retryDelayMs?: number;
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRY_DELAY_MS = 500;
const MEDIA_TYPE = 'application/vnd.schemaregistry.v1+json';

type Reply = { ok: true; body: unknown } | { ok: false; verdict: RegistryVerdict };

/** A Confluent-compatible schema registry (Confluent Platform or Cloud and the registries that copy its API), over REST. */
export class ConfluentRegistry implements SchemaRegistry {
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly retryDelayMs: number;
  private readonly fetch: typeof fetch;
  private readonly authorization: string | undefined;
  private readonly secrets: string[];

  constructor(options: ConfluentRegistryOptions) {
    // Relative paths resolve under the base only when it ends with a slash.
    this.base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
    this.fetch = options.fetch ?? fetch;
    // fetch refuses a URL with credentials in it: written there, they become the basic credentials.
    const username = options.username ?? (this.base.username ? decodeURIComponent(this.base.username) : undefined);
    const password = options.password ?? decodeURIComponent(this.base.password);
    this.base.username = '';
    this.base.password = '';
    const token = username === undefined ? undefined : Buffer.from(`${username}:${password}`).toString('base64');
    this.authorization = token === undefined ? undefined : `Basic ${token}`;
    this.secrets = token === undefined ? [] : [password, token].filter((secret) => secret.length > 0);
  }

  async checkCompatibility(subject: string, schema: RegistrySchema): Promise<RegistryVerdict> {
    const verdict = await this.ask(`subjects/${encodeURIComponent(subject)}`, schema);
    return verdict.status === 'unavailable' ? unavailable(this.redact(verdict.reason)) : verdict;
  }

  private async ask(subjectPath: string, schema: RegistrySchema): Promise<RegistryVerdict> {
    // AVRO is the API's default type, and registries older than Confluent 5.5 refuse the field.
    const body = JSON.stringify(schema.schemaType === 'AVRO' ? { schema: schema.schema } : schema);
    const check = await this.request('POST', `compatibility/${subjectPath}/versions/latest?verbose=true`, body);
    if (!check.ok) return check.verdict;
    const verdict = compatibilityVerdict(check.body);
    if (verdict.status !== 'compatible') return verdict;
    // Confluent's server calls any schema compatible with the `latest` of a subject that has no version, where its
    // API reference promises 40401: the subject must show a version before "compatible" means anything.
    const versions = await this.request('GET', `${subjectPath}/versions`);
    if (!versions.ok) return versions.verdict;
    if (!Array.isArray(versions.body)) return unavailable('the registry answered with something other than a list of versions');
    return versions.body.length > 0 ? verdict : NO_SUBJECT;
  }

  private async request(method: 'GET' | 'POST', path: string, body?: string): Promise<Reply> {
    const first = await this.attempt(method, path, body);
    if (!first.retry) return first.reply;
    await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
    return (await this.attempt(method, path, body)).reply;
  }

  /** One request; `retry` when a second attempt may fare better: a network error, a 5xx or a 429, never a timeout. */
  private async attempt(method: 'GET' | 'POST', path: string, body?: string): Promise<{ reply: Reply; retry: boolean }> {
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(new URL(path, this.base), {
        method,
        headers: {
          accept: `${MEDIA_TYPE}, application/json`,
          ...(body === undefined ? {} : { 'content-type': MEDIA_TYPE }),
          ...(this.authorization ? { authorization: this.authorization } : {}),
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      // A registry that let one request time out would most likely make the review wait as long again.
      if (isTimeout(error)) return { reply: failed(`the registry did not answer within ${this.timeoutMs / 1000} s`), retry: false };
      return { reply: failed(unreachableReason(this.base.host, error)), retry: true };
    }
    const payload = parseJson(text);
    if (response.ok) return { reply: { ok: true, body: payload }, retry: false };
    return {
      reply: { ok: false, verdict: errorVerdict(response.status, payload, this.authorization !== undefined) },
      retry: response.status >= 500 || response.status === 429,
    };
  }

  /** The registry's words are quoted in a PR comment: whatever it echoes, the credentials never reach it. */
  private redact(reason: string): string {
    return this.secrets.reduce((text, secret) => text.split(secret).join('[redacted]'), reason);
  }
}

function failed(reason: string): Reply {
  return { ok: false, verdict: unavailable(reason) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
