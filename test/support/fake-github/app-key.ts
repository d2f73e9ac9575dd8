import { generateKeyPairSync } from 'node:crypto';

/**
 * A fresh RSA private key in PEM, for a Probot app that authenticates against the fake GitHub, which checks a JWT's
 * issuer and expiry but never its signature.
 */
export function createAppPrivateKey(): string {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
}
