/**
 * Runs tasks with the same key one after another, so two deliveries for one pull request never interleave their
 * check runs and comment edits within a process (across replicas, the comment's own de-duplication covers it).
 */
export interface KeyedSerializer {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Whether a task with this key is under way, so a new one will wait (and its commit may be outdated by then). */
  isBusy(key: string): boolean;
}

export function keyedSerializer(): KeyedSerializer {
  const tails = new Map<string, Promise<unknown>>();
  return {
    isBusy: (key) => tails.has(key),
    run: (key, task) => {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}

/** The reviews under way, so a server that is asked to stop lets them complete their checks first. */
export class ReviewsInFlight {
  private readonly reviews = new Set<Promise<unknown>>();

  track<T>(review: Promise<T>): Promise<T> {
    this.reviews.add(review);
    void review.then(
      () => this.reviews.delete(review),
      () => this.reviews.delete(review),
    );
    return review;
  }

  /** Waits for the reviews under way, at most `timeoutMs`; tells whether they all finished. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const finished = Promise.allSettled([...this.reviews]).then(() => true as const);
    const result = await Promise.race([finished, deadline]);
    clearTimeout(timer);
    return result;
  }
}
