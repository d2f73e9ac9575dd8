import type { AgreementRuleId } from '../rules/agreement-rules.js';
import type { Consumer, Contract, ContractField } from './schema.js';

/**
 * The ways a pull request can change a contract, as an agreement between the producer and its consumers (the rules'
 * catalogue describes each): a change that loosens a guarantee needs the consent of each consumer that relied on it;
 * a new or tightened guarantee needs the producer's, the owner keeping it from then on. Names, descriptions,
 * channels and versions need no one.
 */
export type ContractChangeRule = Exclude<AgreementRuleId, 'contract-invalid' | 'contract-unmet'>;

/** Whose approval a change needs: the consumers that relied on what it loosens, or the contract's owner. */
export type Consent = { from: 'consumers'; consumers: Consumer[] } | { from: 'owner'; owner: string | undefined };

export interface ContractChange {
  rule: ContractChangeRule;
  /** The contract field the change is about, when it is about one. */
  field?: string;
  before?: string;
  after?: string;
  /** Where the change shows: a path in the head's contract file, or in the base's when the head has nothing there. */
  at: { version: 'base' | 'head'; path: (string | number)[] };
  consent: Consent;
  /** What changed, as a sentence. */
  message: string;
}

/**
 * How a field's contracted type moved, as the asset type's type system tells: `looser` when the new type holds every
 * value of the old and more (consumers must now accept more), `tighter` the other way, `other` when neither holds the
 * other.
 */
export type TypeMove = (before: string, after: string) => 'same' | 'looser' | 'tighter' | 'other';

/** Whether a consumer relies on a field: a consumer without `uses` relies on them all; a `uses` entry covers what is under it. */
export function reliesOn(consumer: Consumer, field: string): boolean {
  return !consumer.uses || consumer.uses.some((used) => used === field || field.startsWith(`${used}.`));
}

const STATUS_STRENGTH = { draft: 0, deprecated: 1, active: 2 } as const;
const COMPATIBILITY_STRENGTH: Record<string, number> = {
  NONE: 0,
  BACKWARD: 1,
  FORWARD: 1,
  FULL: 2,
  BACKWARD_TRANSITIVE: 2,
  FORWARD_TRANSITIVE: 2,
  FULL_TRANSITIVE: 3,
};

/**
 * Every change between a contract at the base and at the head of a pull request (either may be absent: the
 * contract is added or removed), each with the consent it needs. Only what binds someone is listed.
 */
export function compareContracts(before: Contract | undefined, after: Contract | undefined, typeMove: TypeMove): ContractChange[] {
  if (!before && !after) return [];
  if (!before) return [added(after!)];
  if (!after) return [removed(before)];
  return [
    ...statusChanges(before, after),
    ...ownerChanges(before, after),
    ...assetChanges(before, after),
    ...fieldChanges(before, after, typeMove),
    ...consumerChanges(before, after),
  ];
}

const everyConsumer = (contract: Contract): Consent => ({ from: 'consumers', consumers: contract.consumers });
const ownerOf = (contract: Contract): Consent => ({ from: 'owner', owner: contract.owner });

function added(contract: Contract): ContractChange {
  return {
    rule: 'contract-added',
    at: { version: 'head', path: ['id'] },
    consent: ownerOf(contract),
    message: `The pull request adds contract "${contract.id}" on ${contract.asset.name}: its owner agrees to keep what it guarantees.`,
  };
}

function removed(contract: Contract): ContractChange {
  return {
    rule: 'contract-removed',
    at: { version: 'base', path: ['id'] },
    consent: everyConsumer(contract),
    message: `The pull request removes contract "${contract.id}" on ${contract.asset.name}: nothing it guaranteed is checked any more.`,
  };
}

function statusChanges(before: Contract, after: Contract): ContractChange[] {
  if (before.status === after.status) return [];
  const looser = STATUS_STRENGTH[after.status] < STATUS_STRENGTH[before.status] || after.status === 'draft';
  return [
    {
      rule: looser ? 'contract-status-relaxed' : 'contract-status-tightened',
      before: before.status,
      after: after.status,
      at: { version: 'head', path: ['status'] },
      consent: looser ? everyConsumer(before) : ownerOf(after),
      message: looser
        ? `The contract goes from ${before.status} to ${after.status}: ${after.status === 'draft' ? 'it no longer blocks any change' : 'its consumers are told to move away'}.`
        : `The contract goes from ${before.status} to ${after.status}: its guarantees are enforced again.`,
    },
  ];
}

function ownerChanges(before: Contract, after: Contract): ContractChange[] {
  if (before.owner === after.owner || after.owner === undefined) return [];
  return [
    {
      rule: 'contract-owner-changed',
      before: before.owner ?? 'no owner',
      after: after.owner,
      at: { version: 'head', path: ['owner'] },
      consent: ownerOf(after),
      message: `${after.owner} becomes the contract's owner: they agree to keep what it guarantees.`,
    },
  ];
}

function assetChanges(before: Contract, after: Contract): ContractChange[] {
  const changes: ContractChange[] = [];
  const where = (asset: Contract['asset']) => `${asset.type} ${asset.name} from ${[asset.source].flat().join(', ')}`;
  if (where(before.asset) !== where(after.asset)) {
    changes.push({
      rule: 'contract-asset-changed',
      before: where(before.asset),
      after: where(after.asset),
      at: { version: 'head', path: ['asset'] },
      consent: everyConsumer(before),
      message: `The contract now describes ${where(after.asset)} instead of ${where(before.asset)}: what its consumers read may no longer be checked.`,
    });
  }
  const [was, is] = [before.asset.compatibility ?? 'NONE', after.asset.compatibility ?? 'NONE'];
  if (was !== is) {
    const looser = (COMPATIBILITY_STRENGTH[is] ?? 0) < (COMPATIBILITY_STRENGTH[was] ?? 0) || !sameDirections(was, is);
    changes.push({
      rule: looser ? 'contract-compatibility-relaxed' : 'contract-compatibility-tightened',
      before: was,
      after: is,
      at: { version: 'head', path: ['asset', 'compatibility'] },
      consent: looser ? everyConsumer(before) : ownerOf(after),
      message: `The schema's compatibility mode goes from ${was} to ${is}.`,
    });
  }
  return changes;
}

/** Whether `after` still checks every direction `before` did (FULL checks both, BACKWARD and FORWARD one each). */
function sameDirections(before: string, after: string): boolean {
  const directions = (mode: string) => (mode.startsWith('FULL') ? ['B', 'F'] : mode.startsWith('BACKWARD') ? ['B'] : mode.startsWith('FORWARD') ? ['F'] : []);
  const kept = directions(after);
  return directions(before).every((direction) => kept.includes(direction));
}

function fieldChanges(before: Contract, after: Contract, typeMove: TypeMove): ContractChange[] {
  const changes: ContractChange[] = [];
  const relying = (field: string): Consent => ({ from: 'consumers', consumers: before.consumers.filter((consumer) => reliesOn(consumer, field)) });
  const headIndex = new Map(after.fields.map((field, index) => [field.name, index]));
  for (const [index, old] of before.fields.entries()) {
    const position = headIndex.get(old.name);
    if (position === undefined) {
      changes.push({
        rule: 'contract-field-removed',
        field: old.name,
        at: { version: 'base', path: ['fields', index, 'name'] },
        consent: relying(old.name),
        message: `Field "${old.name}" is no longer in the contract: nothing about it is checked any more.`,
      });
      continue;
    }
    changes.push(...guaranteeChanges(old, after.fields[position]!, position, relying(old.name), ownerOf(after), typeMove));
  }
  for (const [index, field] of after.fields.entries()) {
    if (before.fields.some((old) => old.name === field.name)) continue;
    changes.push({
      rule: 'contract-field-added',
      field: field.name,
      at: { version: 'head', path: ['fields', index, 'name'] },
      consent: ownerOf(after),
      message: `Field "${field.name}" is added to the contract: its owner agrees to keep it${describeGuarantees(field)}.`,
    });
  }
  return changes;
}

function describeGuarantees(field: ContractField): string {
  const parts = [
    field.type ? `of type ${field.type}` : undefined,
    field.required ? 'required' : undefined,
    field.primaryKey ? 'the primary key' : undefined,
    field.unique ? 'unique' : undefined,
    field.enum ? `one of ${field.enum.join(', ')}` : undefined,
  ].filter((part) => part !== undefined);
  return parts.length > 0 ? `, ${parts.join(', ')}` : '';
}

function guaranteeChanges(
  old: ContractField,
  field: ContractField,
  index: number,
  consumers: Consent,
  owner: Consent,
  typeMove: TypeMove,
): ContractChange[] {
  const changes: ContractChange[] = [];
  const name = field.name;
  const at = (key: string) => ({ version: 'head' as const, path: ['fields', index, key] });
  if (old.required !== field.required) {
    changes.push({
      rule: field.required ? 'contract-required-added' : 'contract-required-removed',
      field: name,
      before: old.required ? 'required' : 'optional',
      after: field.required ? 'required' : 'optional',
      at: at(field.required ? 'required' : 'name'),
      consent: field.required ? owner : consumers,
      message: field.required ? `Field "${name}" is now required by the contract.` : `Field "${name}" is no longer required by the contract: it may be null or absent.`,
    });
  }
  for (const key of ['primaryKey', 'unique'] as const) {
    if (old[key] === field[key]) continue;
    const what = key === 'primaryKey' ? 'part of the primary key' : 'unique';
    changes.push({
      rule: field[key] ? 'contract-key-added' : 'contract-key-removed',
      field: name,
      before: old[key] ? what : `not ${what}`,
      after: field[key] ? what : `not ${what}`,
      at: at(field[key] ? key : 'name'),
      consent: field[key] ? owner : consumers,
      message: field[key] ? `Field "${name}" is now guaranteed ${what}.` : `Field "${name}" is no longer guaranteed ${what}.`,
    });
  }
  changes.push(...enumChanges(old, field, index, consumers, owner));
  if (old.type !== undefined && field.type !== undefined && old.type !== field.type) {
    const move = typeMove(old.type, field.type);
    if (move !== 'same') {
      const looser = move !== 'tighter';
      changes.push({
        rule: looser ? 'contract-type-loosened' : 'contract-type-tightened',
        field: name,
        before: old.type,
        after: field.type,
        at: at('type'),
        consent: looser ? consumers : owner,
        message: `Field "${name}" changes its contracted type from ${old.type} to ${field.type}${move === 'other' ? ', which holds other values' : looser ? ', which holds more values' : ', which holds fewer values'}.`,
      });
    }
  } else if (old.type !== undefined && field.type === undefined) {
    changes.push({
      rule: 'contract-type-loosened',
      field: name,
      before: old.type,
      after: 'any type',
      at: at('name'),
      consent: consumers,
      message: `Field "${name}" no longer has a contracted type (it was ${old.type}).`,
    });
  } else if (old.type === undefined && field.type !== undefined) {
    changes.push({
      rule: 'contract-type-tightened',
      field: name,
      before: 'any type',
      after: field.type,
      at: at('type'),
      consent: owner,
      message: `Field "${name}" is now contracted as ${field.type}.`,
    });
  }
  return changes;
}

function enumChanges(old: ContractField, field: ContractField, index: number, consumers: Consent, owner: Consent): ContractChange[] {
  if (!old.enum && !field.enum) return [];
  const list = (values: readonly (string | number)[] | undefined) => (values ? values.map(String) : undefined);
  const [was, is] = [list(old.enum), list(field.enum)];
  const widened = !is || (was !== undefined && is.some((value) => !was.includes(value)));
  const narrowed = !was || (is !== undefined && was.some((value) => !is.includes(value)));
  const changes: ContractChange[] = [];
  const shown = (values: string[] | undefined) => (values ? values.join(', ') : 'any value');
  const at = { version: 'head' as const, path: ['fields', index, is ? 'enum' : 'name'] };
  if (widened) {
    changes.push({
      rule: 'contract-enum-widened',
      field: field.name,
      before: shown(was),
      after: shown(is),
      at,
      consent: consumers,
      message: `Field "${field.name}" may now hold ${is ? `values its consumers' list did not have (${is.filter((value) => !was?.includes(value)).join(', ')})` : 'any value'}.`,
    });
  }
  if (narrowed) {
    changes.push({
      rule: 'contract-enum-narrowed',
      field: field.name,
      before: shown(was),
      after: shown(is),
      at,
      consent: owner,
      message: `Field "${field.name}" is now guaranteed to hold only ${shown(is)}.`,
    });
  }
  return changes;
}

function consumerChanges(before: Contract, after: Contract): ContractChange[] {
  const changes: ContractChange[] = [];
  for (const [index, consumer] of before.consumers.entries()) {
    const position = after.consumers.findIndex((candidate) => candidate.name === consumer.name);
    const now = after.consumers[position];
    const self: Consent = { from: 'consumers', consumers: [consumer] };
    if (!now) {
      changes.push({
        rule: 'contract-consumer-relaxed',
        before: consumer.enforcement,
        after: 'removed',
        at: { version: 'base', path: ['consumers', index, 'name'] },
        consent: self,
        message: `Consumer "${consumer.name}" (${consumer.contact}) is no longer in the contract: its guarantees are not checked any more.`,
      });
      continue;
    }
    if (consumer.enforcement === 'blocking' && now.enforcement === 'advisory') {
      changes.push({
        rule: 'contract-consumer-relaxed',
        before: 'blocking',
        after: 'advisory',
        at: { version: 'head', path: ['consumers', position, 'enforcement'] },
        consent: self,
        message: `Consumer "${consumer.name}" goes from blocking to advisory: a change that breaks it no longer stops the merge.`,
      });
    }
    if (consumer.contact !== now.contact) {
      changes.push({
        rule: 'contract-consumer-relaxed',
        before: consumer.contact,
        after: now.contact,
        at: { version: 'head', path: ['consumers', position, 'contact'] },
        consent: self,
        message: `Consumer "${consumer.name}" is now reached through ${now.contact} instead of ${consumer.contact}.`,
      });
    }
    const dropped = droppedUses(consumer, now, before.fields.map((field) => field.name));
    if (dropped.length > 0) {
      changes.push({
        rule: 'contract-uses-dropped',
        before: consumer.uses?.join(', ') ?? 'every field',
        after: now.uses?.join(', ') ?? 'every field',
        at: { version: 'head', path: ['consumers', position, 'uses'] },
        consent: self,
        message: `Consumer "${consumer.name}" no longer relies on ${dropped.join(', ')}: changes to ${dropped.length === 1 ? 'it' : 'them'} will not stop at it.`,
      });
    }
    if (consumer.enforcement === 'advisory' && now.enforcement === 'blocking') {
      changes.push({
        rule: 'contract-consumer-added',
        before: 'advisory',
        after: 'blocking',
        at: { version: 'head', path: ['consumers', position, 'enforcement'] },
        consent: ownerOf(after),
        message: `Consumer "${now.name}" becomes blocking: a change that breaks it will stop the merge.`,
      });
    }
  }
  for (const [index, consumer] of after.consumers.entries()) {
    if (before.consumers.some((old) => old.name === consumer.name) || consumer.enforcement !== 'blocking') continue;
    changes.push({
      rule: 'contract-consumer-added',
      before: 'none',
      after: 'blocking',
      at: { version: 'head', path: ['consumers', index, 'name'] },
      consent: ownerOf(after),
      message: `Consumer "${consumer.name}" (${consumer.contact}) is added as blocking: a change that breaks it will stop the merge.`,
    });
  }
  return changes;
}

/** The contract fields a consumer relied on before and no longer does. */
function droppedUses(before: Consumer, after: Consumer, fields: string[]): string[] {
  return fields.filter((field) => reliesOn(before, field) && !reliesOn(after, field));
}
