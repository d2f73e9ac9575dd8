/**
 * The messages opened on the way to a path, innermost first. A message already open is not opened again, so a
 * recursive message ends; the chain is shared by every path below it, so opening one costs no copy.
 */
export interface OpenMessages {
  readonly fullName: string;
  /** How many messages are open, this one included. */
  readonly depth: number;
  readonly outer?: OpenMessages;
}

export function open(outer: OpenMessages | undefined, fullName: string): OpenMessages {
  return { fullName, depth: (outer?.depth ?? 0) + 1, ...(outer ? { outer } : {}) };
}

export function isOpen(messages: OpenMessages | undefined, fullName: string): boolean {
  for (let current = messages; current; current = current.outer) if (current.fullName === fullName) return true;
  return false;
}

/** The chain as a dotted list, outermost first: `acme.Order → acme.Line → acme.Money`. */
export function describeChain(messages: OpenMessages): string {
  const names: string[] = [];
  for (let current: OpenMessages | undefined = messages; current; current = current.outer) names.unshift(current.fullName);
  return names.join(' → ');
}
