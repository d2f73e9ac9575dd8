import { afterAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { type InstallationLimits, memoryLimits, redisLimits } from '../../../src/github/client/limits.js';

const REDIS_URL = process.env.DCR_TEST_REDIS_URL;

/** When each of `count` writes of one installation got its turn, in ms from the first. */
async function writeTurns(limits: InstallationLimits, installationId: number, count: number): Promise<number[]> {
  const start = Date.now();
  return Promise.all(
    Array.from({ length: count }, async () => {
      const release = await limits.acquire(installationId, 'write');
      const at = Date.now() - start;
      release();
      return at;
    }),
  );
}

function behaves(name: string, make: () => InstallationLimits) {
  describe(name, () => {
    it('spaces one installation\'s writes by the interval', async () => {
      const turns = (await writeTurns(make(), 11, 4)).sort((a, b) => a - b);
      for (let index = 1; index < turns.length; index += 1) expect(turns[index]! - turns[index - 1]!).toBeGreaterThanOrEqual(90);
    });

    it('lets another installation write meanwhile', async () => {
      const limits = make();
      await writeTurns(limits, 21, 1);
      const [other] = await writeTurns(limits, 22, 1);
      expect(other).toBeLessThan(50);
    });

    it('holds every request of an installation GitHub asked to wait, and no other', async () => {
      const limits = make();
      await limits.pause(31, Date.now() + 300);
      const start = Date.now();
      const [held, free] = await Promise.all([
        limits.acquire(31, 'read').then((release) => (release(), Date.now() - start)),
        limits.acquire(32, 'read').then((release) => (release(), Date.now() - start)),
      ]);
      expect(held).toBeGreaterThanOrEqual(250);
      expect(free).toBeLessThan(100);
    });
  });
}

behaves('limits kept in the process', () => memoryLimits({ writeIntervalMs: 100 }));

const redisClients: Redis[] = [];
afterAll(() => redisClients.forEach((client) => client.disconnect()));
const describeRedis = REDIS_URL || process.env.CI ? describe : describe.skip;
describeRedis('limits shared through Redis', () => {
  it('has a server to run against (DCR_TEST_REDIS_URL)', () => expect(REDIS_URL).toBeDefined());
  const shared = () => {
    const client = new Redis(REDIS_URL!);
    redisClients.push(client);
    return redisLimits(client, { writeIntervalMs: 100, prefix: `dcr-test:${Math.random().toString(36).slice(2)}` });
  };
  if (REDIS_URL) behaves('one replica', shared);

  (REDIS_URL ? it : it.skip)('spaces writes across two replicas, and a pause one hears holds the other', async () => {
    const prefix = `dcr-test:${Math.random().toString(36).slice(2)}`;
    const [one, two] = [0, 1].map(() => {
      const client = new Redis(REDIS_URL!);
      redisClients.push(client);
      return redisLimits(client, { writeIntervalMs: 100, prefix });
    });
    const turns = (await Promise.all([writeTurns(one!, 41, 2), writeTurns(two!, 41, 2)])).flat().sort((a, b) => a - b);
    for (let index = 1; index < turns.length; index += 1) expect(turns[index]! - turns[index - 1]!).toBeGreaterThanOrEqual(80);
    await one!.pause(42, Date.now() + 300);
    const start = Date.now();
    (await two!.acquire(42, 'read'))();
    expect(Date.now() - start).toBeGreaterThanOrEqual(250);
  });
});
