import { writeFile } from 'node:fs/promises';
import { renderRulesMarkdown } from './docs.js';

// Compiled to lib/rules/, like this file in src/rules/: two levels below the repository root either way.
const target = new URL('../../docs/rules.md', import.meta.url);
await writeFile(target, renderRulesMarkdown());
console.log(`wrote ${target.pathname}`);
