import { describe, expect, it } from '@jest/globals';
import { manifestText, readManifest, staleFiles } from '../../src/catalog/manifest.js';

describe('the manifest of a catalogue', () => {
  it('reads back the files it was written with', () => {
    expect(readManifest(manifestText(['style.css', 'index.html', 'contracts/orders.html']))).toEqual({ ok: true, files: ['contracts/orders.html', 'index.html', 'style.css'] });
  });

  it('is refused when it is not one dcr catalog wrote', () => {
    expect(readManifest('{')).toEqual({ ok: false, reason: 'is not JSON' });
    expect(readManifest('{"files": []}')).toEqual({ ok: false, reason: 'is not a list of files written by dcr catalog' });
    expect(readManifest('[]')).toEqual({ ok: false, reason: 'is not a list of files written by dcr catalog' });
  });

  it('is refused when it names a file a catalogue could not have written', () => {
    for (const file of ['/etc/passwd', '../notes.md', 'contracts/../../x', 'contracts//x.html', '.dcr-catalog.json', '.git/config', 7]) {
      expect(readManifest(JSON.stringify({ writtenBy: 'dcr catalog', files: ['index.html', file] }))).toEqual({
        ok: false,
        reason: `names ${JSON.stringify(file)}, which is not a file of a catalogue`,
      });
    }
  });

  it('tells which files of the previous catalogue the new one no longer writes', () => {
    expect(staleFiles(['index.html', 'contracts/ghost.html', 'contracts/orders.html'], ['index.html', 'contracts/orders.html'])).toEqual(['contracts/ghost.html']);
    // On a file system that ignores case, the old page is the new one: removing it would remove the new page.
    expect(staleFiles(['index.html', 'contracts/orders.html'], ['index.html', 'contracts/Orders.html'])).toEqual([]);
  });
});
