import { parentPort } from 'node:worker_threads';
import { analyze } from './analysis.js';
import { FileUnreadable, ProgramBuilder } from './program.js';
import type { AnalysisReply, AnalysisRequest } from './protocol.js';

/**
 * Runs the TypeScript compiler in a worker thread: its parser and checker cannot be interrupted, and a file or a
 * type can make them run long or overflow their stack; only a thread can be stopped and thrown away. The worker
 * reads the files it is given and the compiler's own declarations, nothing else.
 */
const port = parentPort;
if (!port) throw new Error('analysis-worker must run as a worker thread');

const builder = new ProgramBuilder();

port.on('message', (request: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    reply = { id: request.id, kind: 'read', outcomes: analyze(request, builder) };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    reply = { id: request.id, kind: 'crashed', message, ...(error instanceof FileUnreadable ? { file: error.file } : {}) };
  }
  port.postMessage(reply);
});
