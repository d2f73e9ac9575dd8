import { randomBytes } from 'node:crypto';
import { ValidationError, objectFields } from './http.js';

export type PermissionLevel = 'read' | 'write';
export type Permissions = Record<string, PermissionLevel>;

/** What an installation token reaches. */
export interface TokenScope {
  /** Names (without the owner) of the repositories it reaches; absent: every repository of the installation. */
  repositories?: string[];
  permissions: Permissions;
}

export interface IssuedToken extends TokenScope {
  token: string;
  /** Epoch milliseconds; a test may move it to the past to expire the token. */
  expiresAt: number;
}

/** A route's need: any one of `permissions` at `level` or above. */
export interface PermissionRequirement {
  permissions: readonly string[];
  level: PermissionLevel;
}

export interface InstallationGrant {
  repositories: readonly { id: number; name: string }[];
  permissions: Permissions;
}

const TOKEN_LENGTH = 36;
const NOT_GRANTED = 'The permissions requested are not granted to this installation.';
const NOT_IN_INSTALLATION =
  'There is at least one repository that does not exist or is not accessible to the parent installation.';

/** Installation tokens as GitHub issues them: each one new, scoped, and valid for a while. */
export class TokenIssuer {
  readonly issued: IssuedToken[] = [];
  private readonly byValue = new Map<string, IssuedToken>();

  constructor(private readonly lifetimeMs: number) {}

  issue(scope: TokenScope): IssuedToken {
    // The counter keeps tokens distinct; the random tail keeps a test from guessing one it was not given.
    const prefix = `ghs_${(this.issued.length + 1).toString(36)}`;
    const tail = randomBytes(TOKEN_LENGTH).toString('base64url').replace(/[-_]/g, '0');
    const issued: IssuedToken = {
      token: `${prefix}${tail}`.slice(0, TOKEN_LENGTH + 4),
      ...scope,
      expiresAt: Date.now() + this.lifetimeMs,
    };
    this.issued.push(issued);
    this.byValue.set(issued.token, issued);
    return issued;
  }

  /** The token issued as `value`, while it has not expired. */
  find(value: string, now = Date.now()): IssuedToken | undefined {
    const issued = this.byValue.get(value);
    return issued && issued.expiresAt > now ? issued : undefined;
  }
}

export function grants(permissions: Permissions, requirement: PermissionRequirement): boolean {
  return requirement.permissions.some((name) => {
    const level = permissions[name];
    return level === 'write' || level === requirement.level;
  });
}

/**
 * The scope a token request's body asks for (`repositories`, `repository_ids`, `permissions`), or the installation's
 * whole grant without one. Asking for what the installation lacks is a `ValidationError` (422), as on GitHub.
 */
export function requestedScope(body: unknown, installation: InstallationGrant): TokenScope {
  const fields = body === undefined ? {} : objectFields(body);
  const names = stringList(fields.repositories, 'repositories');
  const ids = integerList(fields.repository_ids, 'repository_ids');
  const repositories = new Set<string>();
  for (const name of names) {
    if (!installation.repositories.some((repository) => repository.name === name)) {
      throw new ValidationError(NOT_IN_INSTALLATION);
    }
    repositories.add(name);
  }
  for (const id of ids) {
    const repository = installation.repositories.find((candidate) => candidate.id === id);
    if (!repository) throw new ValidationError(NOT_IN_INSTALLATION);
    repositories.add(repository.name);
  }
  return {
    ...(repositories.size > 0 ? { repositories: [...repositories] } : {}),
    permissions:
      fields.permissions === undefined
        ? { ...installation.permissions }
        : requestedPermissions(objectFields(fields.permissions, 'permissions'), installation.permissions),
  };
}

/** GitHub grants `metadata: read` to every token, asked for or not. */
function requestedPermissions(requested: Record<string, unknown>, granted: Permissions): Permissions {
  const permissions: Permissions = { metadata: 'read' };
  for (const [name, level] of Object.entries(requested)) {
    if (level !== 'read' && level !== 'write') {
      throw new ValidationError(
        `Invalid request.\n\nFor 'permissions.${name}', ${JSON.stringify(level)} is not a valid value.`,
      );
    }
    if (!grants(granted, { permissions: [name], level })) throw new ValidationError(NOT_GRANTED);
    permissions[name] = level;
  }
  return permissions;
}

function stringList(value: unknown, label: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new ValidationError(
      `Invalid request.\n\nFor '${label}', ${JSON.stringify(value)} is not an array of strings.`,
    );
  }
  return value as string[];
}

function integerList(value: unknown, label: string): number[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => Number.isInteger(item))) {
    throw new ValidationError(
      `Invalid request.\n\nFor '${label}', ${JSON.stringify(value)} is not an array of integers.`,
    );
  }
  return value as number[];
}
