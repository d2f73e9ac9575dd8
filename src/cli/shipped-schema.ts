import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the contract JSON Schema that ships with this dcr is, from the repository root `root`: inside the repository
 * when dcr runs from it (this project, or a dev dependency's install), otherwise where a dev-dependency install puts
 * it. Never a machine's absolute path, which would be wrong on every other machine.
 */
export async function shippedSchemaPath(root: string): Promise<string> {
  const shipped = fileURLToPath(new URL('../../schemas/contract.schema.json', import.meta.url));
  const fromRoot = relative(root, shipped);
  if (!fromRoot.startsWith('..') && !isAbsolute(fromRoot)) return fromRoot.split(sep).join('/');
  const { name } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string };
  return `node_modules/${name}/schemas/contract.schema.json`;
}
