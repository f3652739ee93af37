// The detail page's Content Security Policy and its nonce. Pure (no vscode import), so the
// policy is unit-tested. vscode-elements styles its components with constructable
// stylesheets, which `style-src ${cspSource}` allows without 'unsafe-inline'.
import { randomBytes } from 'node:crypto';

export function getCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** 128 random bits, base64: unguessable, and only [A-Za-z0-9+/=], safe inside the policy. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}
