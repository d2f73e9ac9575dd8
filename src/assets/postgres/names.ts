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
