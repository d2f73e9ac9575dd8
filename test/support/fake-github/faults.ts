import { type Reply, errorReply, reply } from './http.js';
import { seededRandom } from './random.js';

/**
 * How GitHub fails. `error`, `secondary-limit`, `rate-limit` and `primary-limit` answer without acting; `slow` acts
 * late; `lost-response` acts and then drops the connection unanswered, so the client never learns that it did.
 */
export type FaultKind = 'error' | 'lost-response' | 'secondary-limit' | 'rate-limit' | 'primary-limit' | 'slow';

export const FAULT_KINDS: readonly FaultKind[] = [
  'error',
  'lost-response',
  'secondary-limit',
  'rate-limit',
  'primary-limit',
  'slow',
];

export interface FaultPlan {
  /** The chance, from 0 to 1, that a request the plan covers gets a fault. */
  rate: number;
  /** Relative weights of the kinds drawn; a kind left out is never drawn. */
  kinds: Partial<Record<FaultKind, number>>;
  /** Seeds the draws: the same plan faults the same requests of the same sequence every run (default 1). */
  seed?: number;
  /** Only requests with one of these methods; every method when absent. */
  methods?: string[];
  /** Only requests whose recorded path (query string included) one of these matches; every path when absent. */
  paths?: RegExp[];
  /** Requests made with the app's JWT (token exchanges, installation lists) may fault too; by default they never do. */
  includeAppRequests?: boolean;
  /** `retry-after` of `secondary-limit` and `rate-limit`, and how far ahead `primary-limit` resets (default 1). */
  retryAfterSeconds?: number;
  /** How long `slow` holds a request before acting on it (default 2000). */
  slowMs?: number;
}

const DEFAULT_SEED = 1;
const DEFAULT_RETRY_AFTER_SECONDS = 1;
const DEFAULT_SLOW_MS = 2000;
const PRIMARY_LIMIT = 5000;
const SECONDARY_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
const SECONDARY_LIMIT_DOCUMENTATION =
  'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';
const PRIMARY_LIMIT_DOCUMENTATION =
  'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits';

/** Draws faults for requests from a plan, and counts every fault the stand-in answered with. */
export class FaultInjector {
  readonly injected = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  private plan: FaultPlan | undefined;
  private random: () => number = () => 1;

  constructor(
    private readonly installationId: number,
    plan: FaultPlan | undefined,
  ) {
    this.setPlan(plan);
  }

  /** Replaces the plan and restarts its draws from its seed; `undefined` stops faults. */
  setPlan(plan: FaultPlan | undefined): void {
    if (plan) checkPlan(plan);
    this.plan = plan;
    this.random = seededRandom(plan?.seed ?? DEFAULT_SEED);
  }

  /** The fault for this request, if the plan covers it and the draw says so; counted once drawn. */
  draw(method: string, path: string, withAppJwt: boolean): FaultKind | undefined {
    const plan = this.plan;
    if (!plan || (withAppJwt && !plan.includeAppRequests)) return undefined;
    if (plan.methods && !plan.methods.some((candidate) => candidate.toUpperCase() === method)) return undefined;
    if (plan.paths && !plan.paths.some((pattern) => path.search(pattern) !== -1)) return undefined;
    if (this.random() >= plan.rate) return undefined;
    const kind = pickWeighted(plan.kinds, this.random());
    this.count(kind);
    return kind;
  }

  count(kind: FaultKind): void {
    this.injected[kind] += 1;
  }

  get slowMs(): number {
    return this.plan?.slowMs ?? DEFAULT_SLOW_MS;
  }

  /** The answer for a fault that answers instead of acting. */
  refusal(kind: Exclude<FaultKind, 'slow' | 'lost-response'>): Reply {
    const retryAfterSeconds = this.plan?.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
    switch (kind) {
      case 'error':
        return this.random() < 0.5 ? errorReply(500, 'Server Error') : errorReply(502, 'Bad Gateway');
      case 'secondary-limit':
        return secondaryLimitReply(retryAfterSeconds);
      case 'rate-limit':
        return reply(
          429,
          { message: 'Too Many Requests', documentation_url: SECONDARY_LIMIT_DOCUMENTATION },
          { 'retry-after': String(retryAfterSeconds) },
        );
      case 'primary-limit':
        return primaryLimitReply(this.installationId, retryAfterSeconds);
    }
  }
}

export function secondaryLimitReply(retryAfterSeconds: number): Reply {
  return reply(
    403,
    { message: SECONDARY_LIMIT_MESSAGE, documentation_url: SECONDARY_LIMIT_DOCUMENTATION },
    { 'retry-after': String(retryAfterSeconds) },
  );
}

function primaryLimitReply(installationId: number, resetInSeconds: number): Reply {
  const resetAt = Math.ceil(Date.now() / 1000) + resetInSeconds;
  return reply(
    403,
    {
      message: `API rate limit exceeded for installation ID ${installationId}.`,
      documentation_url: PRIMARY_LIMIT_DOCUMENTATION,
    },
    {
      'x-ratelimit-limit': String(PRIMARY_LIMIT),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': String(PRIMARY_LIMIT),
      'x-ratelimit-reset': String(resetAt),
      'x-ratelimit-resource': 'core',
    },
  );
}

function checkPlan(plan: FaultPlan): void {
  if (!(plan.rate >= 0 && plan.rate <= 1)) throw new Error(`a fault plan's rate is from 0 to 1, not ${plan.rate}`);
  const weights = Object.entries(plan.kinds);
  for (const [kind, weight] of weights) {
    if (!FAULT_KINDS.includes(kind as FaultKind)) throw new Error(`no fault kind "${kind}"`);
    if (!(weight >= 0)) throw new Error(`the weight of "${kind}" is negative or not a number`);
  }
  if (plan.rate > 0 && !weights.some(([, weight]) => weight > 0)) {
    throw new Error('a fault plan with a rate needs a kind with a positive weight');
  }
}

/** The kind whose share of the total weight `draw` (in [0, 1)) falls into. */
function pickWeighted(kinds: FaultPlan['kinds'], draw: number): FaultKind {
  const weighted = FAULT_KINDS.filter((kind) => (kinds[kind] ?? 0) > 0);
  const total = weighted.reduce((sum, kind) => sum + (kinds[kind] ?? 0), 0);
  let remaining = draw * total;
  for (const kind of weighted) {
    remaining -= kinds[kind] ?? 0;
    if (remaining < 0) return kind;
  }
  return weighted[weighted.length - 1] as FaultKind; // rounding left `remaining` at 0
}
