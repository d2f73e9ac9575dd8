import { parse } from 'yaml';
import type { TypeSystem } from '../assets/model.js';
import type { Settings } from '../config/schema.js';
import { compareContracts, type ContractChange, type TypeMove } from '../contracts/agreement.js';
import { type LoadedContract, loadContracts } from '../contracts/load.js';
import type { Contract } from '../contracts/schema.js';
import { sourceMatcher } from '../core/glob-match.js';
import type { AffectedConsumer, Finding, ReviewError } from '../core/review.js';
import type { ChangeSet, RepoSnapshot } from '../core/snapshot.js';
import { evaluateContracts } from './evaluate.js';
import { type Extractors, extractAssets, typesOf } from './extraction.js';
import { severityOf } from './severity.js';

/** Conformance rules whose drift, judged on the head alone, means a new guarantee the asset does not meet. */
const UNMET_WHEN = new Set([
  'asset-not-found',
  'field-missing',
  'field-type-mismatch',
  'field-not-required',
  'enum-values-mismatch',
  'primary-key-missing',
  'unique-missing',
]);

/** Contract changes that add a guarantee the asset must meet from now on. */
const ADDS_GUARANTEE = new Set(['contract-added', 'contract-field-added', 'contract-required-added', 'contract-key-added', 'contract-type-tightened', 'contract-enum-narrowed']);

/**
 * The pull request's changes to contract files, judged as changes to agreements: each change needs the consent of
 * the consumers it loosens a guarantee for, or of the owner it binds; a changed file that does not validate, and a
 * new guarantee the asset at the head does not meet, fail the check. The contracts that judge the rest of the change
 * stay the target branch's.
 */
export async function reviewAgreements(change: ChangeSet, settings: Settings, extractors: Extractors): Promise<Finding[]> {
  const paths = await changedContractPaths(change, settings);
  if (paths.length === 0) return [];
  const [base, head] = await Promise.all([readContractFiles(change.base, paths), readContractFiles(change.head, paths)]);
  const findings: Finding[] = head.errors.map((error) => invalidContract(error, head.ids.get(error.file)));
  const baseById = new Map(base.contracts.map((loaded) => [loaded.contract.id, loaded]));
  const headById = new Map(head.contracts.map((loaded) => [loaded.contract.id, loaded]));
  // A head file that does not validate says nothing about its contracts: they are not read as removed.
  const unreadable = new Set(head.errors.map((error) => error.file));
  const bound: LoadedContract[] = [];
  for (const id of new Set([...baseById.keys(), ...headById.keys()])) {
    const [before, after] = [baseById.get(id), headById.get(id)];
    if (!after && before && unreadable.has(before.file)) continue;
    const changes = compareContracts(before?.contract, after?.contract, typeMoveOf(after ?? before!, extractors));
    findings.push(...changes.map((item) => changeFinding(item, before, after)));
    if (after && changes.some((item) => ADDS_GUARANTEE.has(item.rule))) bound.push(after);
  }
  return [...findings, ...(await unmetGuarantees(bound, baseById, change, settings, extractors))];
}

/** The contract files the change touches; all of them when the list of changed files is incomplete. */
async function changedContractPaths(change: ChangeSet, settings: Settings): Promise<string[]> {
  const isContract = sourceMatcher(settings.contracts);
  if (!change.changedFilesTruncated) return change.changedFiles.filter((path) => isContract(path)).sort();
  const [base, head] = await Promise.all([change.base.listFiles(), change.head.listFiles()]);
  return [...new Set([...base, ...head])].filter((path) => isContract(path)).sort();
}

/** The contract files at one commit, loaded, with the id each file names even when it does not validate. */
async function readContractFiles(snapshot: RepoSnapshot, paths: string[]): Promise<ReturnType<typeof loadContracts> & { ids: Map<string, string> }> {
  const texts = await Promise.all(paths.map((path) => snapshot.readFile(path)));
  const files = paths.flatMap((path, index) => (texts[index] === undefined ? [] : [{ path, text: texts[index] }]));
  return { ...loadContracts(files), ids: new Map(files.flatMap(({ path, text }) => idIn(text).map((id) => [path, id] as [string, string]))) };
}

function idIn(text: string): string[] {
  try {
    const id = (parse(text) as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [id] : [];
  } catch {
    return [];
  }
}

function typeMoveOf(loaded: LoadedContract, extractors: Extractors): TypeMove {
  const types = typesOf(loaded.contract.asset.type, extractors);
  return (before, after) => typeMove(types, before, after);
}

/**
 * How a contracted type moved, by the asset type's own rules: a consumer that read `before` still reads every value
 * of a tighter `after`; a looser one may carry values it cannot read.
 */
function typeMove(types: TypeSystem, before: string, after: string): ReturnType<TypeMove> {
  try {
    if (types.normalize(before) === types.normalize(after)) return 'same';
    const [oldReadsNew, newReadsOld] = [types.canHold(before, after), types.canHold(after, before)];
    if (oldReadsNew && newReadsOld) return 'same';
    if (oldReadsNew) return 'tighter';
    return newReadsOld ? 'looser' : 'other';
  } catch {
    return 'other';
  }
}

function affected(consumer: Contract['consumers'][number]): AffectedConsumer {
  const { name, contact, channel, enforcement } = consumer;
  return channel === undefined ? { name, contact, enforcement } : { name, contact, channel, enforcement };
}

function changeFinding(change: ContractChange, before: LoadedContract | undefined, after: LoadedContract | undefined): Finding {
  // A loosening is weighed by the agreement in force (the base's); a new promise by the contract that makes it.
  const contract = (change.consent.from === 'consumers' ? (before ?? after) : (after ?? before))!.contract;
  const where = change.at.version === 'head' && after ? after : (before ?? after)!;
  const line = where.lineOf(change.at.path) ?? where.lineOf(['id']);
  const consumers = change.consent.from === 'consumers' ? change.consent.consumers.map(affected) : [];
  const owner = change.consent.from === 'owner' ? change.consent.owner : undefined;
  const approvers = change.consent.from === 'owner' ? (owner ? [owner] : []) : [...new Set(consumers.map((consumer) => consumer.contact))];
  const unowned = change.consent.from === 'owner' && !owner ? ' The contract names no owner who could agree: name one with `owner:`.' : '';
  const finding: Finding = {
    contract: contract.id,
    rule: change.rule,
    severity: severityOf(change.rule, { contract, consumers, standing: 'breaks' }),
    ...(change.field === undefined ? {} : { field: change.field }),
    ...(change.before === undefined ? {} : { before: change.before }),
    ...(change.after === undefined ? {} : { after: change.after }),
    file: where.file,
    ...(line === undefined ? {} : { line }),
    consumers,
    message: `${change.message}${unowned}`,
    approvers,
  };
  return finding;
}

function invalidContract(error: ReviewError, id: string | undefined): Finding {
  return {
    contract: id ?? error.file,
    rule: 'contract-invalid',
    severity: severityOf('contract-invalid', { consumers: [], standing: 'breaks' }),
    file: error.file,
    ...(error.line === undefined ? {} : { line: error.line }),
    consumers: [],
    message: `The pull request leaves this contract file invalid: ${error.message}`,
  };
}

/**
 * The new guarantees the asset at the head does not meet: each contract that gains one is judged against the head
 * alone (as if the base were the head), so what it promises and the asset does not do shows as drift, which here
 * is the pull request's to fix.
 */
async function unmetGuarantees(
  contracts: LoadedContract[],
  baseById: Map<string, LoadedContract>,
  change: ChangeSet,
  settings: Settings,
  extractors: Extractors,
): Promise<Finding[]> {
  if (contracts.length === 0) return [];
  const headOnly: ChangeSet = { ...change, base: change.head };
  const judged = evaluateContracts(await extractAssets(contracts, headOnly, settings, extractors));
  return judged
    .filter((finding) => UNMET_WHEN.has(finding.rule))
    .flatMap((finding): Finding[] => {
      const loaded = contracts.find((candidate) => candidate.contract.id === finding.contract)!;
      if (!isNewGuarantee(finding, baseById.get(finding.contract)?.contract, loaded.contract)) return [];
      return [{
        contract: finding.contract,
        rule: 'contract-unmet',
        severity: severityOf('contract-unmet', { contract: loaded.contract, consumers: [], standing: 'breaks' }),
        ...(finding.field === undefined ? {} : { field: finding.field }),
        ...(finding.before === undefined ? {} : { before: finding.before }),
        ...(finding.after === undefined ? {} : { after: finding.after }),
        ...(finding.file === undefined ? {} : { file: finding.file }),
        ...(finding.line === undefined ? {} : { line: finding.line }),
        consumers: [],
        message: `The changed contract promises what the asset at the head commit does not do: ${finding.message}`,
      }];
    });
}

/** Whether the guarantee a head-only finding is about is new in the pull request (the base did not promise it). */
function isNewGuarantee(finding: Finding, before: Contract | undefined, after: Contract): boolean {
  if (!before || finding.field === undefined) return true;
  const old = before.fields.find((field) => field.name === finding.field);
  const now = after.fields.find((field) => field.name === finding.field);
  if (!old || !now) return true;
  switch (finding.rule) {
    case 'field-not-required':
      return !old.required;
    case 'primary-key-missing':
      return !old.primaryKey;
    case 'unique-missing':
      return !old.unique;
    case 'field-type-mismatch':
      return old.type !== now.type;
    case 'enum-values-mismatch':
      return JSON.stringify(old.enum) !== JSON.stringify(now.enum);
    default:
      return false;
  }
}
