import type { FakeContext } from './context.js';

const BY_NAME = /^\/repos\/(?<owner>[^/]+)\/(?<name>[^/]+)(?<rest>\/.*)?$/;
const BY_ID = /^\/repositories\/(?<id>\d+)(?<rest>\/.*)?$/;

/**
 * GitHub names a repository in a path two ways: `/repos/:owner/:name`, as clients address it, and `/repositories/:id`,
 * as its `Link` headers do. Routes match the first; a path under an id none of the installation's repositories has is
 * left as it is, to match none and be answered 404, as on GitHub.
 */
export function pathByName(context: FakeContext, path: string): string {
  const groups = BY_ID.exec(path)?.groups;
  const repository = context.repositories.find((candidate) => String(candidate.id) === groups?.id);
  return repository ? `/repos/${context.owner}/${repository.name}${groups?.rest ?? ''}` : path;
}

/** The path under `/repositories/:id`, for a path under one of the installation's repositories. */
export function pathById(context: FakeContext, path: string): string {
  const groups = BY_NAME.exec(path)?.groups;
  const repository = context.repositories.find(
    (candidate) => groups?.owner === context.owner && candidate.name === groups.name,
  );
  return repository ? `/repositories/${repository.id}${groups?.rest ?? ''}` : path;
}
