// The shape every test stage (unit, integration inside VS Code, browser) writes to
// .artifacts/results/<stage>.json, so scripts/test.mjs can add up one closing line.
export interface TestRecord {
  readonly title: string;
  readonly state: 'passed' | 'failed' | 'pending';
  readonly durationMs: number;
  readonly error?: string;
}

export interface StageResult {
  readonly stage: string;
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly host?: HostInfo;
  readonly tests: readonly TestRecord[];
}

export interface HostInfo {
  readonly kind: 'desktop (test-electron)' | 'server build (code-server) in headless Chromium' | 'node';
  readonly vscodeVersion?: string;
  readonly detail?: string;
}
