import type { AssetType } from '../../contracts/schema.js';
import type { RepoSnapshot } from '../../core/snapshot.js';
import type { AssetComparison, AssetState } from '../model.js';
import type { AssetReader, AssetRequest, AssetResult } from '../reader.js';
import { TypescriptAnalyzer, type TypescriptAnalyzerOptions } from './analyzer.js';
import { compareReads, type CommitRead } from './comparison.js';
import { type ProgramLimits, readCommitProgram } from './gather.js';
import type { ReadRequest } from './protocol.js';
import { readRequestOf } from './requests.js';
import type { ReadOutcome } from './shapes.js';
import { typescriptTypes } from './types.js';

export interface TypescriptReaderOptions extends TypescriptAnalyzerOptions {
  /** How many files one commit's program may hold: the matched files and the files they import. */
  maxFiles?: number;
}

/** Spelt apart until the contract schema's asset types, which list exactly what the engine reads, include it. */
const TYPESCRIPT = 'typescript' as AssetType;
const DEFAULT_MAX_FILES = 5_000;

/**
 * Data shapes declared in TypeScript code, read by the TypeScript compiler: an exported interface, type alias, class
 * or zod schema (`asset.name`), or the payloads of the calls that emit an analytics event (`asset.emit`). The
 * program is the files `asset.source` matches and the repository's files they import, built in a worker thread.
 */
export function typescriptReader(options: TypescriptReaderOptions = {}): AssetReader & Required<Pick<AssetReader, 'close'>> {
  const analyzer = new TypescriptAnalyzer(options);
  const maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
  return {
    assetTypes: [TYPESCRIPT],
    typesOf: () => typescriptTypes,
    async compare(requests, change, settings) {
      const results = new Map<string, AssetResult>();
      const limits: ProgramLimits = { maxBytes: settings.schemas.maxBytes, maxFiles };
      for (const group of bySource(requests)) {
        const asked = group.map((request) => ({ request, read: readRequestOf(request.asset) }));
        const reads = [...new Map(asked.flatMap(({ read }) => (read.ok ? [[JSON.stringify(read.read), read.read] as const] : []))).values()];
        const readAt = (snapshot: RepoSnapshot) => readCommit(snapshot, group[0]!.asset.source, limits, analyzer, reads);
        // A repository that cannot be read stops the whole review (it is re-run), so its errors are not caught here.
        const [base, head] = await Promise.all([readAt(change.base), readAt(change.head)]);
        for (const { request, read } of asked) {
          results.set(request.key, { comparison: read.ok ? compareReads(request.asset.name, base!(read.read), head!(read.read)) : refused(request, read.message) });
        }
      }
      return results;
    },
    close: () => analyzer.close(),
  };
}

/** One commit read once for every read of a group; the result answers each read. */
async function readCommit(
  snapshot: RepoSnapshot,
  source: string | string[],
  limits: ProgramLimits,
  analyzer: TypescriptAnalyzer,
  reads: ReadRequest[],
): Promise<(read: ReadRequest) => CommitRead> {
  const gathered = await readCommitProgram(snapshot, source, limits);
  if (!gathered.ok) return () => ({ outcome: { status: 'error', error: gathered.error }, notes: [], linesOf: () => undefined });
  const { program } = gathered;
  const texts = new Map(program.files);
  const linesOf = (file: string) => texts.get(file)?.trimEnd().split('\n').length;
  const analysis = await analyzer.analyze(program, reads);
  if (analysis.kind === 'stopped') {
    const outcome: ReadOutcome = { status: 'error', error: { kind: analysis.reason, file: analysis.file ?? program.roots[0]!, message: analysis.message } };
    return () => ({ outcome, notes: [], linesOf });
  }
  const keys = reads.map((read) => JSON.stringify(read));
  return (read) => ({ outcome: analysis.outcomes[keys.indexOf(JSON.stringify(read))]!, notes: program.notes, linesOf });
}

function refused(request: AssetRequest, message: string): AssetComparison {
  const state: AssetState = { status: 'error', error: { kind: 'failed', file: request.nameLocation.file, line: request.nameLocation.line ?? 1, message } };
  return { base: state, head: state, fieldRenames: [], fieldRemovedAt: {} };
}

function bySource(requests: AssetRequest[]): AssetRequest[][] {
  const groups = new Map<string, AssetRequest[]>();
  for (const request of requests) {
    const key = JSON.stringify([request.asset.source].flat().sort());
    groups.set(key, [...(groups.get(key) ?? []), request]);
  }
  return [...groups.values()];
}
