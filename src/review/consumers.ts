import type { Consumer, Contract } from '../contracts/schema.js';
import type { AffectedConsumer } from '../core/review.js';

function affected(consumer: Consumer): AffectedConsumer {
  const { name, contact, channel, enforcement } = consumer;
  return channel === undefined ? { name, contact, enforcement } : { name, contact, channel, enforcement };
}

/** A consumer's `uses` entry covers the field itself and, for nested fields, everything under it. */
function uses(consumer: Consumer, field: string): boolean {
  return !consumer.uses || consumer.uses.some((used) => used === field || field.startsWith(`${used}.`));
}

/** Every consumer of the contract: what the whole asset going away affects. */
export function allConsumers(contract: Contract): AffectedConsumer[] {
  return contract.consumers.map(affected);
}

/** The consumers that rely on one field (a consumer without `uses` relies on them all). */
export function consumersOfField(contract: Contract, field: string): AffectedConsumer[] {
  return contract.consumers.filter((consumer) => uses(consumer, field)).map(affected);
}
