// The test module VS Code loads as `extensionTestsPath`, on either host. It runs every
// compiled *.test.js beside it with mocha inside the extension host and writes the results
// where the runner outside reads them (WD_RESULTS_FILE).
import * as path from 'node:path';
import * as vscode from 'vscode';
import Mocha from 'mocha';
import { findTestFiles } from '../support/findTests';
import { collectResults, writeResults } from '../support/mochaResults';
import type { HostInfo } from '../support/results';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, reporter: 'spec', color: false });
  const grep = process.env.WD_TEST_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  for (const file of findTestFiles(__dirname)) {
    mocha.addFile(file);
  }
  await mocha.loadFilesAsync();

  const host: HostInfo = {
    kind: (process.env.WD_HOST_KIND as HostInfo['kind'] | undefined) ?? 'desktop (test-electron)',
    vscodeVersion: vscode.version,
    detail: `appHost ${vscode.env.appHost}, uiKind ${vscode.UIKind[vscode.env.uiKind]}, Node ${process.version}`,
  };
  const resultsFile = process.env.WD_RESULTS_FILE ?? path.join(__dirname, 'integration-results.json');

  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run();
    collectResults(runner, 'integration', (result) => {
      writeResults(resultsFile, { ...result, host });
      if (result.failed > 0) {
        reject(new Error(`${result.failed} integration test(s) failed`));
      } else {
        resolve();
      }
    });
  });
}
