import { type Reply, errorReply } from './http.js';

/** `fail`: answered with `reply` instead of acting. `lose`: acted on, then its answer is lost. */
export type Script = { kind: 'fail'; reply: Reply } | { kind: 'lose' };

interface Entry {
  method: string;
  pathPattern: RegExp;
  script: Script;
  remaining: number;
}

/** What a test scripts for the next requests matching a method and a pattern of the recorded path. */
export class ScriptedFailures {
  private readonly entries: Entry[] = [];

  fail(method: string, pathPattern: RegExp, status: number, times: number, headers: Record<string, string>): void {
    const reply = { ...errorReply(status, `Injected failure (${status})`), headers };
    this.entries.push({ method: method.toUpperCase(), pathPattern, script: { kind: 'fail', reply }, remaining: times });
  }

  lose(method: string, pathPattern: RegExp): void {
    this.entries.push({ method: method.toUpperCase(), pathPattern, script: { kind: 'lose' }, remaining: 1 });
  }

  /** The oldest script matching the request, used up as it is taken. */
  take(method: string, path: string): Script | undefined {
    const entry = this.entries.find(
      (candidate) => candidate.method === method && path.search(candidate.pathPattern) !== -1,
    );
    if (entry && --entry.remaining === 0) this.entries.splice(this.entries.indexOf(entry), 1);
    return entry?.script;
  }
}
