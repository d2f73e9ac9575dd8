import { mkdir, writeFile } from 'node:fs/promises';
import { schemaFiles } from './json-schema.js';

// Run from lib/contracts/ after the build; the files belong at the repository root.
const root = new URL('../../', import.meta.url);

for (const { path, text } of schemaFiles()) {
  const target = new URL(path, root);
  await mkdir(new URL('.', target), { recursive: true });
  await writeFile(target, text);
  console.log(`wrote ${path}`);
}
