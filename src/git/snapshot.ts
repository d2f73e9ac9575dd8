import type { RepoSnapshot } from '../core/snapshot.js';
import type { BlobReader } from './blob-reader.js';
import { gitOutput } from './run.js';

/** Regular and executable files. Symlinks (their blob is the link's target, not a file's text) and submodules are left out. */
const FILE_MODES = new Set(['100644', '100755']);

/** One commit's files: the tree is listed once, on first use, and file contents come through the repository's blob reader. */
export class GitSnapshot implements RepoSnapshot {
  private blobs: Promise<Map<string, string>> | undefined;

  constructor(
    readonly rev: string,
    private readonly dir: string,
    private readonly reader: BlobReader,
  ) {}

  async listFiles(): Promise<string[]> {
    return [...(await this.blobsByPath()).keys()];
  }

  async readFile(path: string): Promise<string | undefined> {
    const sha = (await this.blobsByPath()).get(path);
    return sha === undefined ? undefined : this.reader.read(sha);
  }

  private blobsByPath(): Promise<Map<string, string>> {
    if (!this.blobs) {
      const listing = listTree(this.dir, this.rev);
      // A failed listing is not remembered, so a later call can try again.
      listing.catch(() => this.blobs === listing && (this.blobs = undefined));
      this.blobs = listing;
    }
    return this.blobs;
  }
}

/** `git ls-tree -r -z`: entries `<mode> <type> <sha>\t<path>`, NUL-terminated, paths unquoted. */
async function listTree(dir: string, rev: string): Promise<Map<string, string>> {
  const output = await gitOutput(dir, ['ls-tree', '-r', '-z', '--full-tree', rev]);
  const blobs = new Map<string, string>();
  for (const entry of output.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, , sha] = entry.slice(0, tab).split(' ');
    if (mode !== undefined && sha !== undefined && FILE_MODES.has(mode)) blobs.set(entry.slice(tab + 1), sha);
  }
  return blobs;
}
