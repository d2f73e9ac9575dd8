import { execFile, execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { SchemaFile } from '../../../src/assets/events/format.js';
import type { Level, Pair } from './pairs.js';

const run = promisify(execFile);
export const LEVELS: readonly Level[] = ['WIRE', 'WIRE_JSON', 'PACKAGE', 'FILE'];

/** buf's rule ids (`FIELD_NO_DELETE`) each level finds for one pair. */
export type BufVerdict = Record<Level, string[]>;

/**
 * The buf binary of the installed @bufbuild/buf, run directly: its package's `bin/buf` is a Node script that
 * starts it, which would add a Node start-up to each of the hundred runs.
 */
function bufBinary(): string {
  const require = createRequire(import.meta.url);
  const arch = process.arch === 'arm64' && process.platform === 'linux' ? 'aarch64' : process.arch;
  const executable = process.platform === 'win32' ? 'buf.exe' : 'buf';
  try {
    return require.resolve(`@bufbuild/buf-${process.platform}-${arch}/bin/${executable}`);
  } catch {
    return require.resolve('@bufbuild/buf/bin/buf');
  }
}

const BUF = bufBinary();

/** Which levels (categories) buf files each of its rules under, as this buf says. */
export function bufCategories(): Map<string, readonly string[]> {
  const listing = execFileSync(BUF, ['config', 'ls-breaking-rules', '--version', 'v2', '--format', 'json'], { encoding: 'utf8' });
  const rules = listing.trim().split('\n').map((line) => JSON.parse(line) as { id: string; categories: string[] });
  return new Map(rules.map((rule) => [rule.id, rule.categories]));
}

/** The fixtures' files are `proto/acme/*.proto` with imports from `proto/`: that folder is buf's module. */
async function writeModule(folder: string, files: readonly SchemaFile[]): Promise<void> {
  for (const file of files) {
    const path = join(folder, file.path.replace(/^proto\//, ''));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.text);
  }
}

/**
 * buf's verdict on one pair at every level. buf runs once with all four categories, and each rule it reports counts
 * at the levels buf files it under: a rule finds the same whichever category selected it.
 */
async function judge(folder: string, pair: Pair, categories: ReadonlyMap<string, readonly string[]>): Promise<BufVerdict> {
  await writeModule(join(folder, 'before'), pair.before);
  await writeModule(join(folder, 'after'), pair.after);
  const config = JSON.stringify({ version: 'v2', breaking: { use: LEVELS } });
  const args = ['breaking', '.', '--against', '../before', '--config', config, '--error-format', 'json'];
  let output: string;
  try {
    output = (await run(BUF, args, { cwd: join(folder, 'after') })).stdout;
  } catch (error) {
    // buf exits with 100 when it finds breaking changes; anything else means it could not judge the pair.
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (failed.code !== 100) throw new Error(`buf could not judge ${pair.name}: ${failed.stderr ?? failed.stdout ?? String(error)}`);
    output = failed.stdout ?? '';
  }
  const rules = output.trim() ? output.trim().split('\n').map((line) => (JSON.parse(line) as { type: string }).type) : [];
  const atLevel = (level: Level) => [...new Set(rules.filter((rule) => categories.get(rule)?.includes(level)))].sort();
  return { WIRE: atLevel('WIRE'), WIRE_JSON: atLevel('WIRE_JSON'), PACKAGE: atLevel('PACKAGE'), FILE: atLevel('FILE') };
}

/** buf's verdicts on every pair, several buf processes at a time: each spends part of its time waiting. */
export async function judgeWithBuf(pairs: readonly Pair[]): Promise<Map<string, BufVerdict>> {
  const categories = bufCategories();
  const root = await mkdtemp(join(tmpdir(), 'buf-pairs-'));
  const verdicts = new Map<string, BufVerdict>();
  const queue = [...pairs];
  const worker = async () => {
    for (let pair = queue.shift(); pair; pair = queue.shift()) verdicts.set(pair.name, await judge(join(root, pair.name), pair, categories));
  };
  try {
    await Promise.all(Array.from({ length: Math.max(4, availableParallelism()) }, worker));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return verdicts;
}
