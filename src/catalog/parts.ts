import { type Fragment, type Html, html } from './html.js';

/** The repository and commit a catalogue shows. */
export interface Revision {
  /** The repository's name, for titles. */
  repository: string;
  /** The revision as asked for (`HEAD`, `main`). */
  rev: string;
  /** The full SHA it resolved to. */
  sha: string;
}

export function badge(kind: string, text: Fragment = kind): Html {
  return html`<span class="badge badge-${kind}">${text}</span>`;
}

/** A GitHub user or team (`@jane`, `@acme/analytics`), linked to its page on GitHub. */
export function handle(contact: string): Html {
  const [owner, team] = contact.slice(1).split('/');
  const href = team === undefined ? `https://github.com/${owner}` : `https://github.com/orgs/${owner}/teams/${team}`;
  return html`<a class="handle" href="${href}">${contact}</a>`;
}

export function location(file: string | undefined, line?: number): Html {
  if (file === undefined) return html``;
  return html`<code class="location">${line === undefined ? file : `${file}:${line}`}</code>`;
}
