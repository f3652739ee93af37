// Typed access to the extension's settings. Base URLs are machine-scoped in package.json so
// a workspace's settings can never point a key at another host.
import * as vscode from 'vscode';
import type { KeyedProvider } from '../keys/apiKeyStore';

export const SECTION = 'webhookDeliveries';

export function baseUrl(provider: KeyedProvider): string {
  const fallback = provider === 'handinger' ? 'https://handinger.com' : 'https://api.cadenya.com';
  const value = vscode.workspace.getConfiguration(SECTION).get<string>(`${provider}.baseUrl`, fallback).trim();
  return (value || fallback).replace(/\/+$/, '');
}

export function affectsBaseUrl(event: vscode.ConfigurationChangeEvent): boolean {
  return (
    event.affectsConfiguration(`${SECTION}.handinger.baseUrl`) ||
    event.affectsConfiguration(`${SECTION}.cadenya.baseUrl`)
  );
}
