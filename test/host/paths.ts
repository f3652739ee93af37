// Where the test harness keeps things. Everything here is git-ignored.
import * as path from 'node:path';

/** The repository root (this file is compiled to out/test/host/paths.js). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CACHE_DIR = process.env.WEBHOOK_DELIVERIES_TEST_CACHE ?? path.join(REPO_ROOT, '.vscode-test');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, '.artifacts');
export const RESULTS_DIR = path.join(ARTIFACTS_DIR, 'results');
export const SCREENSHOTS_DIR = path.join(ARTIFACTS_DIR, 'screenshots');
export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';
/** The VS Code release code-server 4.100.3 is built from; the desktop build tried first. */
export const VSCODE_VERSION = '1.100.3';
export const TEST_WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
