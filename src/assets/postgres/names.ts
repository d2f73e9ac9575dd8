/** One dotted part of a table name as written: `"Orders"` is quoted and kept as is, `Orders` is folded. */
const NAME_PART = /"(?:[^"]|"")*"|[^."]+/g;

/**
 * What to tell someone whose contract names a table Postgres does not find. Postgres folds unquoted names to lower
 * case, so `public.Orders` looks for `public.orders`; a table created as `"Orders"` must be named quoted.
 */
export function missingTableHint(name: string): string {
  const parts = name.match(NAME_PART) ?? [];
  const folds = (part: string) => !part.startsWith('"') && part !== part.toLowerCase();
  if (!parts.some(folds)) {
    return 'Postgres folds unquoted names to lower case: a table created with a quoted mixed-case name is named quoted, as in public."Orders".';
  }
  const folded = parts.map((part) => (folds(part) ? part.toLowerCase() : part)).join('.');
  const quoted = parts.map((part) => (folds(part) ? `"${part}"` : part)).join('.');
  return `Postgres folds unquoted names to lower case, so this looks for ${folded}; if the table was created with a quoted name, write ${quoted}.`;
}

/** How long a name part can be: Postgres truncates identifiers to NAMEDATALEN - 1 bytes. */
const MAX_IDENTIFIER_BYTES = 63;
/** Schema of an unqualified name: consumers' default `search_path` ("$user", public) finds tables there. */
export const DEFAULT_SCHEMA = 'public';

export type ParsedTableName = { ok: true; schema: string; relation: string } | { ok: false; message: string };

/**
 * Reads a table name as Postgres reads a qualified name in SQL: dotted parts, each quoted (`"Orders"`, kept as is,
 * `""` for a quote) or unquoted (ASCII letters folded to lower case), truncated to 63 bytes; an unqualified name is
 * looked up in `public`. Anything Postgres would refuse is refused here with its reason, instead of failing the
 * catalog read of every contract that shares the migrations.
 */
export function parseTableName(name: string): ParsedTableName {
  const parts: string[] = [];
  let index = 0;
  const text = name.trim();
  while (index <= text.length) {
    let part: string;
    if (text[index] === '"') {
      let end = index + 1;
      part = '';
      for (;;) {
        const quote = text.indexOf('"', end);
        if (quote < 0) return { ok: false, message: 'unterminated quoted identifier' };
        part += text.slice(end, quote);
        if (text[quote + 1] === '"') {
          part += '"';
          end = quote + 2;
          continue;
        }
        index = quote + 1;
        break;
      }
      if (part === '') return { ok: false, message: 'zero-length delimited identifier' };
    } else {
      const dot = text.indexOf('.', index);
      const raw = (dot < 0 ? text.slice(index) : text.slice(index, dot)).trim();
      if (raw === '') return { ok: false, message: 'empty name part' };
      if (!/^[\p{L}_][\p{L}\p{N}_$]*$/u.test(raw)) return { ok: false, message: `"${raw}" is not an identifier; quote it` };
      part = raw.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
      index = dot < 0 ? text.length : dot;
    }
    parts.push(truncateIdentifier(part));
    if (index >= text.length) break;
    if (text[index] !== '.') return { ok: false, message: `unexpected "${text[index]}" after a name part` };
    index += 1;
    if (index >= text.length) return { ok: false, message: 'empty name part' };
  }
  if (parts.length > 2) {
    return {
      ok: false,
      message:
        parts.length === 3
          ? 'a table is named schema.table: cross-database references are not implemented'
          : 'improper relation name (too many dotted names)',
    };
  }
  const [first, second] = parts as [string, string | undefined];
  return second === undefined ? { ok: true, schema: DEFAULT_SCHEMA, relation: first } : { ok: true, schema: first, relation: second };
}

/**
 * A table's name as a contract writes it, which `parseTableName` reads back to exactly that schema and table: each
 * part bare where Postgres would read it unchanged, else quoted (`public."Orders"`, `public."order items"`).
 */
export function writtenTableName(schema: string, relation: string): string {
  return `${writtenPart(schema)}.${writtenPart(relation)}`;
}

function writtenPart(part: string): string {
  const readsBack = /^[\p{L}_][\p{L}\p{N}_$]*$/u.test(part) && !/[A-Z]/.test(part);
  return readsBack ? part : `"${part.replaceAll('"', '""')}"`;
}

function truncateIdentifier(part: string): string {
  const bytes = Buffer.from(part, 'utf8');
  if (bytes.length <= MAX_IDENTIFIER_BYTES) return part;
  // Never cut a multi-byte character in half.
  let end = MAX_IDENTIFIER_BYTES;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString('utf8');
}
