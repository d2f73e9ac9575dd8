const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * GitHub's secondary limit on content creation, reduced to its effect: an installation's writes closer together than
 * `minIntervalMs` are refused. GraphQL posts are queries here, not writes.
 */
export class WriteSpacing {
  private readonly lastWriteAt = new Map<number, number>();

  constructor(private readonly minIntervalMs: number) {}

  /** Seconds the installation must wait before this write would pass; `undefined` lets it through (and times it). */
  wait(installationId: number, method: string, routePath: string, now = Date.now()): number | undefined {
    if (!WRITE_METHODS.has(method) || routePath === '/graphql') return undefined;
    const last = this.lastWriteAt.get(installationId);
    if (last !== undefined && now - last < this.minIntervalMs) {
      return Math.max(1, Math.ceil((last + this.minIntervalMs - now) / 1000));
    }
    this.lastWriteAt.set(installationId, now);
    return undefined;
  }
}
