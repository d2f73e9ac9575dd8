import { type Credential, type Reply, errorReply } from './http.js';
import type { IssuedToken, TokenIssuer } from './tokens.js';

/** Who a request comes from: the app itself (its JWT) or one of its installation tokens. */
export type Identity = { kind: 'app' } | { kind: 'installation'; token: IssuedToken };

const BAD_CREDENTIALS = 'Bad credentials';
const UNDECODABLE_JWT = 'A JSON web token could not be decoded';
const EXPIRED_JWT =
  "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.";

/** The credential of an `Authorization` header, `token X` or `Bearer X`, without its scheme. */
export function credentialOf(authorization: string | undefined): string | undefined {
  return /^(?:token|bearer)\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

/**
 * The identity the header proves for a route taking `credential` (for no route, either one), or GitHub's 401. A JWT's
 * issuer and expiry are checked, never its signature: the stand-in does not know the app's public key.
 */
export function authenticate(
  credential: Credential | undefined,
  authorization: string | undefined,
  appId: number,
  tokens: TokenIssuer,
): Identity | Reply {
  const value = credentialOf(authorization);
  if (value === undefined) return errorReply(401, 'Requires authentication');
  const isBearer = /^bearer\s/i.test(authorization ?? '');
  if (credential !== 'app') {
    const token = tokens.find(value);
    if (token) return { kind: 'installation', token };
    if (credential === 'installation') return errorReply(401, BAD_CREDENTIALS);
  }
  const problem = isBearer ? jwtProblem(value, appId) : UNDECODABLE_JWT;
  return problem === undefined ? { kind: 'app' } : errorReply(401, credential === 'app' ? problem : BAD_CREDENTIALS);
}

function jwtProblem(jwt: string, appId: number): string | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3) return UNDECODABLE_JWT;
  const claims = jwtClaims(parts[1] ?? '');
  if (!claims) return UNDECODABLE_JWT;
  if (String(claims.iss) !== String(appId)) return 'Integration not found';
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return EXPIRED_JWT;
  return undefined;
}

function jwtClaims(encoded: string): { iss?: unknown; exp?: unknown } | undefined {
  try {
    const claims: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? claims : undefined;
  } catch {
    return undefined;
  }
}
