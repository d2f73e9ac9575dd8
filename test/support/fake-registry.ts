import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import avsc, { type Schema, type Type } from 'avsc';
import protobuf from 'protobufjs';
import type { RegistrySchema } from '../../src/registry/port.js';

const LEVELS = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'] as const;
export type CompatibilityLevel = (typeof LEVELS)[number];

/** The messages of every incompatibility of `newSchema` with the `registered` one under `level`; none when compatible. */
export type DecideCompatibility = (schemaType: RegistrySchema['schemaType'], newSchema: string, registered: string, level: CompatibilityLevel) => string[];

export interface FakeRegistryOptions {
  /** Basic credentials every request must carry. */
  username?: string;
  password?: string;
  /** Decides PROTOBUF and JSON checks; Avro ones are avsc's. */
  decide?: DecideCompatibility;
  /** Serve under a path prefix, as behind a reverse proxy (`/registry`). */
  pathPrefix?: string;
  /**
   * `documented` (the default) answers as the API reference says; `confluent-server` as Confluent's server does: a
   * subject with no version is compatible with anything at `latest`, and with `verbose` an invalid schema is an
   * incompatibility whose one message says so.
   */
  dialect?: 'documented' | 'confluent-server';
}

export interface RecordedRegistryRequest {
  method: string;
  /** The path as sent, percent-encoding and query included. */
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeRegistry {
  url: string;
  requests: RecordedRegistryRequest[];
  /** Adds a version to the subject, whatever its compatibility, as an earlier registration would have; returns its id. */
  register(subject: string, schema: RegistrySchema): number;
  setCompatibility(subject: string, level: CompatibilityLevel): void;
  /**
   * The next `count` requests answer `status` with `body`: a string is sent as it is (a proxy's HTML page), anything
   * else as JSON; by default an `{error_code, message}` body.
   */
  failNext(count: number, status: number, body?: unknown): void;
  /** The next `count` requests are answered only after `delayMs`. */
  delayNext(count: number, delayMs: number): void;
  /** The next `count` requests are never answered. */
  hangNext(count: number): void;
  /** The next `count` requests have their connection closed without an answer. */
  dropNext(count: number): void;
  close(): Promise<void>;
}

type Fault = { kind: 'fail'; status: number; body: unknown } | { kind: 'delay'; delayMs: number } | { kind: 'hang' } | { kind: 'drop' };

interface Version {
  id: number;
  version: number;
  schema: RegistrySchema;
}

type Handler = (parts: string[], body: string, query: URLSearchParams) => unknown;

class RegistryError extends Error {
  constructor(readonly status: number, readonly code: number, message: string) {
    super(message);
  }
}

const subjectNotFound = (subject: string) => new RegistryError(404, 40401, `Subject '${subject}' not found.`);
const MAX_VERSION = 2 ** 31 - 1;

/**
 * A loopback stand-in for a Confluent-compatible schema registry: the documented endpoints a client uses, their
 * error bodies, Avro compatibility decided by avsc's resolver with messages shaped like Confluent's, and faults on
 * demand. Compatibility is checked against one version, as `/compatibility/.../versions/{version}` does, so a
 * `_TRANSITIVE` level acts as its plain counterpart there.
 */
export async function startFakeRegistry(options: FakeRegistryOptions = {}): Promise<FakeRegistry> {
  const subjects = new Map<string, Version[]>();
  const ids = new Map<string, number>();
  const levels = new Map<string, CompatibilityLevel>();
  let globalLevel: CompatibilityLevel = 'BACKWARD';
  const requests: RecordedRegistryRequest[] = [];
  const faults: Fault[] = [];
  const held = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const prefix = (options.pathPrefix ?? '').replace(/\/$/, '');
  const documented = (options.dialect ?? 'documented') === 'documented';

  const register = (subject: string, schema: RegistrySchema): Version => {
    const versions = subjects.get(subject) ?? [];
    const key = `${schema.schemaType}\n${schema.schema}`;
    const id = ids.get(key) ?? ids.size + 1;
    ids.set(key, id);
    const version = { id, version: versions.length + 1, schema };
    subjects.set(subject, [...versions, version]);
    return version;
  };
  const levelOf = (subject: string) => levels.get(subject) ?? globalLevel;
  const versionsOf = (subject: string) => {
    const versions = subjects.get(subject);
    if (!versions) throw subjectNotFound(subject);
    return versions;
  };
  const incompatibilities = (subject: string, candidate: RegistrySchema, registered: Version): string[] => {
    const level = levelOf(subject);
    if (level === 'NONE') return [];
    const messages = candidate.schemaType !== registered.schema.schemaType
      ? ['Incompatible because of different schema type']
      : candidate.schemaType === 'AVRO'
        ? avroIncompatibilities(candidate, registered.schema, level)
        : decided(candidate, registered.schema, level);
    return messages.length === 0 ? [] : [...messages, ...confluentTrailer(registered, level)];
  };
  const decided = (candidate: RegistrySchema, registered: RegistrySchema, level: CompatibilityLevel) => {
    if (!options.decide) throw new RegistryError(500, 50001, `The fake registry was given no decide function for ${candidate.schemaType} schemas`);
    return options.decide(candidate.schemaType, candidate.schema, registered.schema, level);
  };

  const routes: [method: string, path: RegExp, handler: Handler][] = [
    ['GET', /^\/subjects$/, () => [...subjects.keys()]],
    ['GET', /^\/subjects\/([^/]+)\/versions$/, ([subject]) => versionsOf(subject!).map((version) => version.version)],
    ['GET', /^\/subjects\/([^/]+)\/versions\/([^/]+)$/, ([subject, which]) => {
      const found = findVersion(versionsOf(subject!), which!);
      return { subject, version: found.version, id: found.id, ...wireSchema(found.schema) };
    }],
    ['POST', /^\/subjects\/([^/]+)\/versions$/, ([subject], body) => {
      const candidate = parseCandidate(body);
      const versions = subjects.get(subject!) ?? [];
      const same = versions.find((version) => version.schema.schemaType === candidate.schemaType && version.schema.schema === candidate.schema);
      if (same) return { id: same.id };
      const latest = versions.at(-1);
      const messages = latest ? incompatibilities(subject!, candidate, latest) : [];
      if (messages.length > 0) {
        throw new RegistryError(409, 40901, `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [${messages.join(', ')}]`);
      }
      return { id: register(subject!, candidate).id };
    }],
    ['POST', /^\/compatibility\/subjects\/([^/]+)\/versions\/([^/]+)$/, ([subject, which], body, query) => {
      const verbose = query.get('verbose') === 'true';
      const versions = subjects.get(subject!) ?? [];
      const latest = which === 'latest' || which === '-1';
      if (versions.length === 0 && (documented || !latest)) throw documented ? subjectNotFound(subject!) : versionNotFound(which!);
      const registered = versions.length === 0 ? undefined : findVersion(versions, which!);
      let candidate: RegistrySchema;
      try {
        candidate = parseCandidate(body);
      } catch (error) {
        if (documented || !verbose || !(error instanceof RegistryError) || error.code !== 42201) throw error;
        return { is_compatible: false, messages: [error.message] };
      }
      const messages = registered ? incompatibilities(subject!, candidate, registered) : [];
      return { is_compatible: messages.length === 0, ...(verbose ? { messages } : {}) };
    }],
    ['GET', /^\/config$/, () => ({ compatibilityLevel: globalLevel })],
    ['PUT', /^\/config$/, (_, body) => ({ compatibility: (globalLevel = parseLevel(body)) })],
    ['GET', /^\/config\/([^/]+)$/, ([subject], _, query) => {
      const level = levels.get(subject!) ?? (query.get('defaultToGlobal') === 'true' ? globalLevel : undefined);
      if (!level) throw new RegistryError(404, 40408, `Subject '${subject}' does not have subject-level compatibility configured`);
      return { compatibilityLevel: level };
    }],
    ['PUT', /^\/config\/([^/]+)$/, ([subject], body) => {
      const level = parseLevel(body);
      levels.set(subject!, level);
      return { compatibility: level };
    }],
  ];

  const answer = (method: string, url: URL, body: string, headers: IncomingMessage['headers']): [number, unknown] => {
    try {
      if (options.username !== undefined && headers.authorization !== basic(options.username, options.password ?? '')) {
        throw new RegistryError(401, 40101, 'Unauthorized');
      }
      const path = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : undefined;
      for (const [routeMethod, pattern, handler] of routes) {
        const match = path === undefined ? null : pattern.exec(path);
        if (match && routeMethod === method) return [200, handler(match.slice(1).map(decodeURIComponent), body, url.searchParams)];
      }
      throw new RegistryError(404, 404, 'HTTP 404 Not Found');
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      return [error.status, { error_code: error.code, message: error.message }];
    }
  };

  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake-registry');
      const method = request.method ?? 'GET';
      requests.push({ method, path: `${url.pathname}${url.search}`, headers: request.headers, body });
      const fault = faults.shift();
      if (fault?.kind === 'hang') return void held.add(response);
      if (fault?.kind === 'drop') return void request.socket.destroy();
      if (fault?.kind === 'fail') return send(response, fault.status, fault.body);
      if (fault?.kind === 'delay') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send(response, ...answer(method, url, body, request.headers));
        }, fault.delayMs);
        return void timers.add(timer);
      }
      send(response, ...answer(method, url, body, request.headers));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const queue = (count: number, fault: Fault) => faults.push(...Array.from({ length: count }, () => fault));
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    register: (subject, schema) => register(subject, schema).id,
    setCompatibility: (subject, level) => void levels.set(subject, level),
    failNext: (count, status, body = { error_code: status * 100 + 1, message: `Injected HTTP ${status}` }) => queue(count, { kind: 'fail', status, body }),
    delayNext: (count, delayMs) => queue(count, { kind: 'delay', delayMs }),
    hangNext: (count) => queue(count, { kind: 'hang' }),
    dropNext: (count) => queue(count, { kind: 'drop' }),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(response: ServerResponse, status: number, payload: unknown): void {
  const raw = typeof payload === 'string';
  response.writeHead(status, {
    'content-type': raw ? 'text/html' : 'application/vnd.schemaregistry.v1+json',
    ...(status === 401 ? { 'www-authenticate': 'Basic realm="SchemaRegistry"' } : {}),
  });
  response.end(raw ? payload : JSON.stringify(payload));
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

function versionNotFound(which: string): RegistryError {
  return new RegistryError(404, 40402, `Version ${which} not found.`);
}

function findVersion(versions: Version[], which: string): Version {
  if (which === 'latest' || which === '-1') {
    const latest = versions.at(-1);
    if (!latest) throw versionNotFound(which);
    return latest;
  }
  const number = Number(which);
  if (!Number.isInteger(number) || number < 1 || number > MAX_VERSION) {
    throw new RegistryError(422, 42202, `The specified version '${which}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`);
  }
  const found = versions.find((version) => version.version === number);
  if (!found) throw versionNotFound(which);
  return found;
}

/** The schema as the registry returns it: `schemaType` is left out for AVRO, the default. */
function wireSchema(schema: RegistrySchema): { schema: string; schemaType?: string } {
  return schema.schemaType === 'AVRO' ? { schema: schema.schema } : schema;
}

function parseLevel(body: string): CompatibilityLevel {
  const level = (parseJson(body) as { compatibility?: unknown } | undefined)?.compatibility;
  const known = LEVELS.find((candidate) => candidate === level);
  if (!known) {
    throw new RegistryError(422, 42203, 'Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive');
  }
  return known;
}

function parseCandidate(body: string): RegistrySchema {
  const request = parseJson(body) as { schema?: unknown; schemaType?: unknown } | undefined;
  if (request === undefined) throw new RegistryError(400, 400, 'Unrecognized request body: not JSON');
  if (typeof request.schema !== 'string' || request.schema.trim() === '') throw new RegistryError(422, 42201, 'Empty schema');
  const schemaType = request.schemaType ?? 'AVRO';
  if (schemaType !== 'AVRO' && schemaType !== 'PROTOBUF' && schemaType !== 'JSON') {
    throw new RegistryError(422, 42201, `Invalid schema type ${String(schemaType)}`);
  }
  try {
    if (schemaType === 'AVRO') avsc.Type.forSchema(JSON.parse(request.schema) as Schema);
    if (schemaType === 'JSON') JSON.parse(request.schema);
    if (schemaType === 'PROTOBUF') protobuf.parse(request.schema);
  } catch (error) {
    throw new RegistryError(422, 42201, `Invalid schema of type ${schemaType}, details: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { schemaType, schema: request.schema };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** BACKWARD: the new schema reads data written with the registered one; FORWARD: the other way; FULL: both. */
function avroIncompatibilities(candidate: RegistrySchema, registered: RegistrySchema, level: CompatibilityLevel): string[] {
  const newer = avsc.Type.forSchema(JSON.parse(candidate.schema) as Schema);
  const older = avsc.Type.forSchema(JSON.parse(registered.schema) as Schema);
  return [
    ...(level.startsWith('FORWARD') ? [] : unreadable(newer, older, 'new', 'old')),
    ...(level.startsWith('BACKWARD') ? [] : unreadable(older, newer, 'old', 'new')),
  ];
}

/** Why `reader` cannot read `writer`'s data, as Confluent words it (avsc stops at the first reason). */
function unreadable(reader: Type, writer: Type, readerName: string, writerName: string): string[] {
  try {
    reader.createResolver(writer);
    return [];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const missing = /^no matching field for default-less (?:.+\.)?([^.]+)$/.exec(reason);
    if (missing) {
      return [difference('READER_FIELD_MISSING_DEFAULT_VALUE', `The field '${missing[1]}' in the ${readerName} schema has no default value and is missing in the ${writerName} schema`, missing[1]!)];
    }
    const renamed = /^no alias found for (.+)$/.exec(reason);
    if (renamed) return [difference('NAME_MISMATCH', 'The name of the schema has changed', renamed[1]!)];
    const types = /^cannot read (.+) as (.+)$/.exec(reason);
    const detail = types ? `reader type: ${types[2]} not compatible with writer type: ${types[1]}` : reason;
    return [difference('TYPE_MISMATCH', `The type of a field in the ${readerName} schema does not match with the ${writerName} schema`, detail)];
  }
}

function difference(errorType: string, description: string, additionalInfo: string): string {
  return `{errorType:'${errorType}', description:'${description}', additionalInfo:'${additionalInfo}'}`;
}

/** What Confluent appends to the messages of a failed check: the version and schema checked against, and the level. */
function confluentTrailer(registered: Version, level: CompatibilityLevel): string[] {
  return [
    `{oldSchemaVersion: ${registered.version}}`,
    `{oldSchema: '${registered.schema.schema}'}`,
    `{validateFields: 'false', compatibility: '${level}'}`,
  ];
}
