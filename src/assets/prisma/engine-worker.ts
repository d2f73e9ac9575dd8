import { parentPort } from 'node:worker_threads';
import * as prismaSchema from '@prisma/prisma-schema-wasm';
import type { DmmfDatamodel } from './datamodel.js';
import { diagnosticsOfMessage, validationMessage } from './engine-messages.js';
import type { EngineDiagnostic, EngineReply, EngineRequest, SchemaFiles } from './engine-protocol.js';
import { isMovedConnectionUrl, withoutSpans, type LintDiagnostic } from './moved-urls.js';

/**
 * Runs Prisma's schema engine (prisma-fmt compiled to WebAssembly) in a worker thread: a schema can make it run long
 * or break it (nesting a few thousand brackets deep overflows its stack, after which the instance is corrupt), and
 * only a thread can be stopped and thrown away. The engine reads the files it is given and nothing else.
 */
const port = parentPort;
if (!port) throw new Error('engine-worker must run as a worker thread');

let panic: string | undefined;
// The engine reports a Rust panic's message through this global before it traps.
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message: string) {
    panic = message;
  },
};
/** The engine's WebAssembly memory, which grows with the schemas it reads and never shrinks. */
const engineBytes = (): number =>
  (prismaSchema as unknown as { __wasm?: { memory?: { buffer: ArrayBuffer } } }).__wasm?.memory?.buffer.byteLength ?? 0;

port.on('message', ({ id, files }: EngineRequest) => {
  panic = undefined;
  let reply: EngineReply;
  try {
    reply = read(id, files);
  } catch (error) {
    reply = { id, kind: 'crashed', message: panic ?? (error instanceof Error ? `${error.name}: ${error.message}` : String(error)) };
  }
  port.postMessage(reply);
});

function read(id: number, files: SchemaFiles): EngineReply {
  const errors = (JSON.parse(prismaSchema.lint(JSON.stringify(files))) as LintDiagnostic[]).filter((found) => !found.is_warning);
  const refusals = errors.filter((found) => !isMovedConnectionUrl(found));
  if (refusals.length > 0) return invalid(id, refusals.map(spanDiagnostic));
  // Only the connection URLs Prisma 7 moved out are left: the schema is read without them.
  const readable = withoutSpans(files, errors);
  let datamodel: DmmfDatamodel;
  try {
    datamodel = JSON.parse(prismaSchema.get_datamodel(JSON.stringify({ prismaSchema: readable, noColor: true }))) as DmmfDatamodel;
  } catch (error) {
    const message = validationMessage(error);
    if (message === undefined) throw error;
    return invalid(id, diagnosticsOfMessage(message, files[0]?.[0] ?? ''));
  }
  return { id, kind: 'read', datamodel, provider: providerOf(readable), memoryBytes: engineBytes() };
}

function invalid(id: number, diagnostics: EngineDiagnostic[]): EngineReply {
  return { id, kind: 'invalid', diagnostics, memoryBytes: engineBytes() };
}

function spanDiagnostic({ file_name, start, end, text }: LintDiagnostic): EngineDiagnostic {
  return { file: file_name, start, end, message: text };
}

/** The datasource's connector (`postgresql`, `mysql`, ...), which decides what an unannotated field's column type is. */
function providerOf(files: SchemaFiles): string | undefined {
  const { config } = JSON.parse(prismaSchema.get_config(JSON.stringify({ prismaSchema: files }))) as {
    config?: { datasources?: { activeProvider?: string }[] };
  };
  return config?.datasources?.[0]?.activeProvider;
}
