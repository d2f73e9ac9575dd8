import { meaningful, unquote } from './tokens.js';

export type StatementKind = { kind: 'run' } | { kind: 'skipped' } | { kind: 'refused'; reason: string };

/**
 * Transaction control: every statement of the replay is applied on its own (SQLite's autocommit), so a file that
 * opens a transaction cannot leave it open, and a failed statement is undone alone.
 */
const TRANSACTION_CONTROL = new Set(['begin', 'commit', 'end', 'rollback', 'savepoint', 'release']);

/**
 * Pragmas that set how the database file is stored or how much memory and disk the replay may use, never what a
 * table is: the replay keeps its own (see sandbox.ts), so setting them is skipped. Reading them still runs.
 */
const FILE_SETTINGS = new Set([
  'page_size',
  'max_page_count',
  'journal_mode',
  'locking_mode',
  'temp_store',
  'temp_store_directory',
  'hard_heap_limit',
  'soft_heap_limit',
  'mmap_size',
  'threads',
]);

/**
 * What the replay does with one statement. Refused: `ATTACH` opens another database file, `VACUUM INTO` writes one,
 * and `load_extension()` loads native code (this build of SQLite has none, and a view or trigger could still call
 * it later); each is an error at its line, before anything runs. Skipped: transaction control, plain `VACUUM`
 * (maintenance that changes no definition), and pragmas that set FILE_SETTINGS.
 */
export function classify(sql: string): StatementKind {
  const tokens = meaningful(sql);
  const names = tokens.map((token) => (token.kind === 'word' || token.kind === 'quoted' ? unquote(token.text).toLowerCase() : undefined));
  if (names.includes('load_extension')) {
    return { kind: 'refused', reason: 'load_extension() loads native code into SQLite: the replay refuses it' };
  }
  const first = tokens[0]?.kind === 'word' ? names[0] : undefined;
  if (first === 'attach') {
    return { kind: 'refused', reason: 'ATTACH DATABASE opens another database file: the replay runs in memory and refuses it' };
  }
  if (first === 'vacuum') {
    const into = tokens.some((token, index) => token.kind === 'word' && names[index] === 'into');
    return into ? { kind: 'refused', reason: 'VACUUM INTO writes the database to a file: the replay runs in memory and refuses it' } : { kind: 'skipped' };
  }
  if (first !== undefined && TRANSACTION_CONTROL.has(first)) return { kind: 'skipped' };
  if (first === 'pragma' && setsFileSetting(tokens.map((token) => token.text), names)) return { kind: 'skipped' };
  return { kind: 'run' };
}

/** `PRAGMA [schema.]name = value` or `PRAGMA [schema.]name(value)` for a name of FILE_SETTINGS. */
function setsFileSetting(texts: string[], names: (string | undefined)[]): boolean {
  const nameAt = texts[2] === '.' ? 3 : 1;
  const name = names[nameAt];
  const next = texts[nameAt + 1];
  return name !== undefined && FILE_SETTINGS.has(name) && (next === '=' || next === '(');
}
