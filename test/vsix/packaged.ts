// The VSIX under test, packed once per run by the same script as `npm run package`.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../host/paths';

export interface PackagedVsix {
  readonly vsix: string;
  readonly bytes: number;
  readonly files: number;
}

/** How long packing may take on a loaded two-core machine (a production build and vsce). */
export const PACKAGE_TIMEOUT_MS = 120_000;

let packing: Promise<PackagedVsix> | undefined;

export function packagedVsix(): Promise<PackagedVsix> {
  packing ??= new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts', 'package.mjs'), '--json'],
      { cwd: REPO_ROOT, timeout: PACKAGE_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`scripts/package.mjs failed: ${error.message}\n${stderr}`));
          return;
        }
        let result: Partial<PackagedVsix> = {};
        try {
          result = JSON.parse(stdout.trim().split('\n').pop() ?? '') as Partial<PackagedVsix>;
        } catch {
          // reported below
        }
        if (typeof result.vsix !== 'string' || typeof result.bytes !== 'number' || typeof result.files !== 'number') {
          reject(new Error(`scripts/package.mjs printed no VSIX summary:\n${stdout}\n${stderr}`));
          return;
        }
        resolve({ vsix: result.vsix, bytes: result.bytes, files: result.files });
      },
    );
  });
  return packing;
}
