/** A table's name as a contract writes it: bare where `parseTableName` reads it unchanged, else in backticks. */
export function writtenTableName(table: string): string {
  return /[.`]/.test(table) || table.trim() !== table ? `\`${table.replaceAll('`', '``')}\`` : table;
}

export type ParsedTableName = { ok: true; name: string } | { ok: false; message: string };

/** MySQL's longest table name, in characters. */
const MAX_NAME_LENGTH = 64;

/**
 * Reads a contract's asset.name as a MySQL table name: a bare name in the migrated database, as written (backticks
 * allowed, as in SQL). A database-qualified name (`shop.orders`) is refused: the migrations are replayed into a
 * database of their own, and the same migrations build a database of another name in every environment.
 */
export function parseTableName(written: string): ParsedTableName {
  const text = written.trim();
  const quoted = /^`((?:[^`]|``)+)`$/.exec(text);
  const name = quoted ? quoted[1]!.replaceAll('``', '`') : text;
  if (name === '') return { ok: false, message: 'the name is empty' };
  if (!quoted && /[.`]/.test(name)) {
    return { ok: false, message: 'write the bare table name of the migrated database (`orders`, not `shop.orders`): the migrations are replayed into a database of their own' };
  }
  if ([...name].length > MAX_NAME_LENGTH) return { ok: false, message: `MySQL table names are at most ${MAX_NAME_LENGTH} characters` };
  if (/\s$/.test(name) || name.includes('\u0000')) return { ok: false, message: 'MySQL table names cannot end with a space or contain a NUL' };
  return { ok: true, name };
}
