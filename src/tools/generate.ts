import { mkdir, writeFile } from 'node:fs/promises';
import { generatedFiles } from './generated-files.js';

// `npm run generate` writes every generated file; the test suite fails while one differs from what this writes.
// Compiled to lib/tools/: the repository root is two levels up.
const root = new URL('../../', import.meta.url);

for (const { path, text } of generatedFiles()) {
  const target = new URL(path, root);
  await mkdir(new URL('.', target), { recursive: true });
  await writeFile(target, text);
  console.log(`wrote ${path}`);
}
