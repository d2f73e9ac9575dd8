import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Socket } from 'node:net';
import { GitError } from './errors.js';
import { gitEnvironment } from './run.js';

interface PendingRead {
  sha: string;
  resolve: (content: Buffer) => void;
  reject: (error: Error) => void;
  /** Known once the response's header line has arrived. */
  size?: number;
}

/**
 * Reads blobs through one long-lived `git cat-file --batch`, so reading hundreds of files costs one process, not one
 * each. Requests are answered in the order they were written; each answer is a header line with the size, then
 * exactly that many bytes and a newline, so binary content cannot confuse the framing.
 */
export class BlobReader {
  private process: ChildProcessWithoutNullStreams | undefined;
  private readonly queue: PendingRead[] = [];
  private chunks: Buffer[] = [];
  private bufferedBytes = 0;
  private stderr = '';
  /** By blob SHA: content never changes for a SHA, whichever commit or path it is read through. */
  private readonly cache = new Map<string, Promise<string>>();

  constructor(private readonly dir: string) {}

  read(sha: string): Promise<string> {
    let content = this.cache.get(sha);
    if (!content) {
      content = this.request(sha).then((bytes) => bytes.toString('utf8'));
      // A failed read is not remembered: the next attempt starts a fresh process.
      content.catch(() => this.cache.get(sha) === content && this.cache.delete(sha));
      this.cache.set(sha, content);
    }
    return content;
  }

  /** Ends the process; a later read starts another. */
  async close(): Promise<void> {
    const running = this.process;
    if (!running) return;
    await new Promise<void>((resolve) => {
      running.once('close', () => resolve());
      // An idle reader lets Node exit; while closing it must keep Node alive until git has gone.
      this.holdEventLoop(true);
      running.stdin.end();
    });
  }

  private request(sha: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const running = this.ensureProcess();
      this.queue.push({ sha, resolve, reject });
      this.holdEventLoop(true);
      running.stdin.write(`${sha}\n`);
    });
  }

  private ensureProcess(): ChildProcessWithoutNullStreams {
    if (this.process) return this.process;
    const child = spawn('git', ['-C', this.dir, 'cat-file', '--batch'], { env: gitEnvironment(), stdio: 'pipe' });
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    // Writing to a process that just died raises EPIPE on stdin; the 'close' handler below reports it.
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => this.stop(child, `could not run git cat-file: ${error.message}`));
    child.on('close', (code) => this.stop(child, `git cat-file ended (exit ${code ?? 'by signal'})${this.stderr ? `: ${this.stderr.trim()}` : ''}`));
    this.process = child;
    return child;
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.bufferedBytes += chunk.length;
    for (let pending = this.queue[0]; pending; pending = this.queue[0]) {
      if (pending.size === undefined) {
        const buffered = this.takeBuffered();
        const newline = buffered.indexOf(0x0a);
        if (newline < 0) return this.keep(buffered);
        const header = buffered.subarray(0, newline).toString('utf8');
        this.keep(buffered.subarray(newline + 1));
        const [, type, size] = header.split(' ');
        if (type !== 'blob' || size === undefined) {
          this.finish(false);
          pending.reject(new GitError('failed', `git cat-file could not read blob ${pending.sha}: ${header}`));
          continue;
        }
        pending.size = Number(size);
      }
      if (this.bufferedBytes < pending.size + 1) return;
      const buffered = this.takeBuffered();
      this.keep(buffered.subarray(pending.size + 1));
      this.finish(false);
      pending.resolve(buffered.subarray(0, pending.size));
    }
  }

  private takeBuffered(): Buffer {
    return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.bufferedBytes);
  }

  private keep(rest: Buffer): void {
    this.chunks = rest.length > 0 ? [rest] : [];
    this.bufferedBytes = rest.length;
  }

  /** Takes the answered request off the queue, or every request when the process is gone. */
  private finish(all: boolean): void {
    if (all) this.queue.length = 0;
    else this.queue.shift();
    if (this.queue.length === 0) this.holdEventLoop(false);
  }

  private stop(child: ChildProcessWithoutNullStreams, reason: string): void {
    if (this.process !== child) return;
    this.process = undefined;
    this.keep(Buffer.alloc(0));
    this.stderr = '';
    const waiting = [...this.queue];
    this.finish(true);
    for (const pending of waiting) pending.reject(new GitError('failed', reason));
  }

  /**
   * An idle reader must not keep Node running: a CLI that forgets `close()` still exits. While reads are pending
   * the process and its pipes count, so their answers arrive.
   */
  private holdEventLoop(hold: boolean): void {
    const child = this.process;
    if (!child) return;
    // The pipes are sockets at run time, whatever their stream types say.
    const pipes = [child.stdin, child.stdout, child.stderr] as unknown as Socket[];
    for (const handle of [child, ...pipes]) {
      if (hold) handle.ref();
      else handle.unref();
    }
  }
}
