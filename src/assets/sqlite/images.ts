import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ReplayFailure, ReplayFile } from './replay-protocol.js';

/** A database after some leading files, and the statements those files failed (skipped on the way). */
export interface Image {
  bytes: Uint8Array;
  failures: ReplayFailure[];
}

/**
 * Images of databases after the leading files of a migration list, kept by a worker between jobs: a review whose
 * base starts with files an earlier review replayed loads the image and replays only the rest. An image is named by
 * the digests of the files before it and the statements skipped in them, so equal names are equal databases.
 */
export class ImageCache {
  private readonly images: LRUCache<string, Image>;

  constructor(maxBytes: number) {
    this.images = new LRUCache<string, Image>({ maxSize: maxBytes, sizeCalculation: (image) => Math.max(1, image.bytes.byteLength) });
  }

  /** The names of the states after 0, 1, ... `count` files; the empty database has none. */
  static prefixNames(files: ReplayFile[], count: number, skipped: (fileIndex: number) => number[]): (string | undefined)[] {
    const names: (string | undefined)[] = [undefined];
    let previous = '';
    for (let index = 0; index < count; index += 1) {
      previous = createHash('sha256').update(previous).update(files[index]!.digest).update(JSON.stringify(skipped(index))).digest('hex');
      names.push(previous);
    }
    return names;
  }

  get(name: string | undefined): Image | undefined {
    return name === undefined ? undefined : this.images.get(name);
  }

  set(name: string | undefined, image: Image): void {
    if (name !== undefined) this.images.set(name, image);
  }
}
