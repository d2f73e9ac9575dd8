import { sourceMatcher } from '../core/glob-match.js';
import { globPrefix } from '../core/glob-prefix.js';

/** A glob's wildcards filled in with the id: `contracts/*.contract.yaml` → `contracts/orders.contract.yaml`. */
function filledIn(glob: string, id: string): string {
  return glob
    .replace(/\*\*\//g, '')
    .replace(/\{([^,}]*)[^}]*\}/g, '$1')
    .replace(/\*+/g, id);
}

/**
 * Where the contract with this id is written so that the review reads it: `<folder>/<id>.yaml` in the folder of one of
 * the settings' `contracts` globs (`contracts/` by default), or the glob filled in with the id for a layout such as
 * `contracts/*.contract.yaml`. Undefined when no such path is one the globs match.
 */
export function contractPath(id: string, contractGlobs: readonly string[]): string | undefined {
  const isContract = sourceMatcher(contractGlobs);
  const candidates = contractGlobs.flatMap((glob) => {
    const folder = globPrefix(glob);
    const inFolder = (file: string) => (folder === '' ? file : `${folder}/${file}`);
    // A glob without a star names files of its own, never one for this id.
    return [inFolder(`${id}.yaml`), inFolder(`${id}.yml`), ...(glob.includes('*') ? [filledIn(glob, id)] : [])];
  });
  return candidates.find((candidate) => isContract(candidate));
}
