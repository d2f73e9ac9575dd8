/**
 * HTML built from a tagged template that escapes every value it is given: text from a contract (a description, a
 * consumer's name) can never become markup, and markup is only what this folder writes as literal template text.
 */
export class Html {
  constructor(readonly text: string) {}
}

/** A value a template accepts: text (escaped), markup, numbers, lists of these, and nothing (written as nothing). */
export type Fragment = Html | string | number | readonly Fragment[] | undefined | null | false;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in text and in quoted attribute values, of HTML and of SVG alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

function fragmentText(value: Fragment): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(fragmentText).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Fragment[]): Html {
  return new Html(strings.reduce((text, literal, index) => text + fragmentText(values[index - 1] ?? '') + literal));
}

/** Text this folder wrote itself (the stylesheet, the script), to be written as it is. */
export function trusted(text: string): Html {
  return new Html(text);
}
