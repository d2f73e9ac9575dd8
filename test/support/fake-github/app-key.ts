import { generateKeyPairSync } from 'node:crypto';

/** A fresh RSA private key in PEM, for a Probot app that authenticates against the fake GitHub (which accepts any JWT). */
export function createAppPrivateKey(): string {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
}
