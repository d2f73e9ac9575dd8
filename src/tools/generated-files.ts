import { schemaFiles } from './editor-schemas.js';
import { renderRulesMarkdown } from './rules-docs.js';

/** Every generated file of the repository, from its root, with the exact text `npm run generate` writes. */
export function generatedFiles(): { path: string; text: string }[] {
  return [...schemaFiles(), { path: 'docs/rules.md', text: renderRulesMarkdown() }];
}
