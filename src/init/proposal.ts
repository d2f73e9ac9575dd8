import type { AssetSchema } from '../assets/model.js';
import { loadContracts } from '../contracts/load.js';
import { type Contract, contractSchema } from '../contracts/schema.js';
import { type OwnerChoice, ownerOf } from './codeowners.js';
import { contractIdFor } from './contract-id.js';
import { contractPath } from './contract-path.js';
import { contractYaml } from './document.js';
import { proposedFields } from './fields.js';
import type { RepositoryAtCommit } from './repository.js';
import { schemaReferenceFor } from './schema-reference.js';

/** An asset found at the commit, with the `asset` section that names it and the files it was built from. */
export interface FoundAsset {
  asset: Contract['asset'];
  schema: AssetSchema;
  files: string[];
  /** The contract id the user chose; derived from the asset's name otherwise. */
  id?: string;
}

/** The id the user chose, when no contract has it and the contract format takes it. */
function chosenId(id: string, taken: ReadonlySet<string>): { ok: true; id: string } | { ok: false; problem: string } {
  const format = contractSchema.shape.id.safeParse(id);
  if (!format.success) return { ok: false, problem: `--id "${id}" ${format.error.issues[0]?.message ?? 'is not a contract id'}` };
  return taken.has(id) ? { ok: false, problem: `a contract already has the id "${id}": choose another --id` } : { ok: true, id };
}

/** One contract to write. */
export interface Proposal {
  /** From the repository root. */
  path: string;
  text: string;
  id: string;
  asset: Contract['asset'];
  fields: number;
  owner?: OwnerChoice;
}

export type ProposalResult = { ok: true; proposal: Proposal } | { ok: false; problem: string };

/**
 * The contract for one asset as it stands: an id no contract has (added to `taken`), a file where the settings make
 * the review read it, every field, the owner CODEOWNERS gives the file that defines the asset (else its sources), and
 * one advisory consumer to name. The text is loaded back as the review would load it before it is proposed.
 * `schemaPath` is where the contract JSON Schema is, from the repository root, or its URL.
 */
export function proposeContract(repository: RepositoryAtCommit, found: FoundAsset, taken: Set<string>, schemaPath: string): ProposalResult {
  const { asset, schema } = found;
  const chosen = found.id === undefined ? { ok: true as const, id: contractIdFor(asset.type, asset.name, taken) } : chosenId(found.id, taken);
  if (!chosen.ok) return chosen;
  const { id } = chosen;
  const path = contractPath(id, repository.settings.contracts);
  if (path === undefined) {
    return { ok: false, problem: `no file named for "${id}" is one the settings' contracts globs match (${repository.settings.contracts.join(', ')}); add a folder glob such as contracts/**/*.yaml` };
  }
  const definingFiles = schema.origin ? [schema.origin.file] : found.files;
  const owner = repository.codeowners && ownerOf(repository.codeowners, definingFiles);
  const fields = proposedFields(schema);
  const text = contractYaml({
    id,
    asset,
    fields,
    ...(owner ? { owner } : {}),
    schemaReference: schemaReferenceFor(path, schemaPath, repository.schemaReferences),
    rev: repository.snapshot.rev,
  });
  const { errors } = loadContracts([{ path, text }]);
  if (errors.length > 0) {
    const reasons = errors.map((error) => `line ${error.line}: ${error.message}`).join('; ');
    return { ok: false, problem: `the contract proposed for ${asset.type} ${asset.name} would not load (${reasons}); nothing was written for it` };
  }
  taken.add(id);
  return { ok: true, proposal: { path, text, id, asset, fields: fields.length, ...(owner ? { owner } : {}) } };
}
