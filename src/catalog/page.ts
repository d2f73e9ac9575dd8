import { createHash } from 'node:crypto';
import { type Html, html, trusted } from './html.js';
import { type Revision } from './parts.js';
import { shortRev } from '../core/words.js';

export const STYLESHEET = 'style.css';

export interface PageInput {
  title: string;
  /** The way back to the site's root from the page: '' for the index, '../' for a contract's page. */
  root: string;
  revision: Revision;
  main: Html;
  /** A script of this folder's own, inlined: pages opened from file:// cannot load modules or fetch data. */
  script?: string;
}

/**
 * The policy allows the site's own stylesheet and the page's one inline script (by its hash) and nothing else: no
 * other script, no request anywhere. Were a contract's text ever to reach the markup unescaped, it still could not run.
 * `file:` is there for a page opened from disk, whose origin some browsers do not count as 'self'.
 */
function contentSecurityPolicy(script: string | undefined): string {
  const scripts = script === undefined ? "'none'" : `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
  return `default-src 'none'; style-src 'self' file:; script-src ${scripts}; base-uri 'none'; form-action 'none'`;
}

export function page(input: PageInput): string {
  const { repository, rev, sha } = input.revision;
  const at = rev === sha ? shortRev(sha) : `${rev} (${shortRev(sha)})`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(input.script)}">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="dcr catalog">
<title>${input.title}</title>
<link rel="stylesheet" href="${input.root}${STYLESHEET}">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="home" href="${input.root}index.html"><span class="logo" aria-hidden="true">◆</span> ${repository} <span class="muted">data contracts</span></a>
<span class="revision" title="${sha}">at <code>${at}</code></span>
</header>
<main id="main">
${input.main}
</main>
<footer class="site">Written by <code>dcr catalog</code> from ${repository} at <code>${sha}</code>.</footer>
${input.script === undefined ? '' : html`<script>${trusted(input.script)}</script>`}
</body>
</html>
`.text;
}
