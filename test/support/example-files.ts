import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files of one side of contracts-example/ (`main`, `pull-request`), by path from that folder. */
export async function exampleFiles(folder: string): Promise<Record<string, string>> {
  const root = fileURLToPath(new URL(`../../contracts-example/${folder}/`, import.meta.url));
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Object.fromEntries(await Promise.all(files.map(async (path) => [relative(root, path), await readFile(path, 'utf8')])));
}
