import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/**
 * The webhook deliveries already taken, by GitHub's delivery id: a redelivery, or the same delivery reaching two
 * replicas, is reviewed once.
 */
export interface DeliveryLog {
  /** Records the delivery; false when it was recorded already. */
  record(deliveryId: string): Promise<boolean>;
  /** Forgets a delivery that could not be queued, so GitHub's redelivery of it is taken. */
  forget(deliveryId: string): Promise<void>;
}

/** GitHub lets a delivery be redelivered for three days. */
const REMEMBER_MS = 3 * 24 * 60 * 60 * 1000;

export function memoryDeliveryLog(max = 100_000): DeliveryLog {
  const seen = new LRUCache<string, true>({ max, ttl: REMEMBER_MS });
  return {
    record: async (deliveryId) => {
      if (seen.has(deliveryId)) return false;
      seen.set(deliveryId, true);
      return true;
    },
    forget: async (deliveryId) => {
      seen.delete(deliveryId);
    },
  };
}

export function redisDeliveryLog(redis: Redis, prefix = 'dcr:delivery'): DeliveryLog {
  return {
    record: async (deliveryId) => (await redis.set(`${prefix}:${deliveryId}`, '1', 'PX', REMEMBER_MS, 'NX')) === 'OK',
    forget: async (deliveryId) => {
      await redis.del(`${prefix}:${deliveryId}`);
    },
  };
}
