/** `1 contract`, `2 contracts`, `1,204 findings`: a count with its noun. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}

/** A commit SHA as people read it (seven characters, as git shows it); any other revision name as it is. */
export function shortRev(rev: string): string {
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(rev) ? rev.slice(0, 7) : rev;
}
