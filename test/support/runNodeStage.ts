// Runs one Node-side mocha stage (unit or browser) with the spec reporter and writes its
// StageResult. Usage: node out/test/support/runNodeStage.js <stage> <compiled test dir> [grep]
import * as path from 'node:path';
import Mocha from 'mocha';
import { findTestFiles } from './findTests';
import { collectResults, writeResults } from './mochaResults';
import { RESULTS_DIR } from '../host/paths';

async function main(): Promise<number> {
  const [stage, dir, grep] = process.argv.slice(2);
  if (!stage || !dir) {
    console.error('usage: runNodeStage <stage> <dir> [grep]');
    return 2;
  }
  const mocha = new Mocha({ reporter: 'spec', timeout: stage === 'browser' ? 180_000 : 30_000, color: true });
  if (grep) {
    mocha.grep(grep);
  }
  const files = findTestFiles(path.resolve(dir));
  for (const file of files) {
    mocha.addFile(file);
  }
  await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    const runner = mocha.run();
    collectResults(runner, stage, (result) => {
      writeResults(path.join(RESULTS_DIR, `${stage}.json`), {
        ...result,
        host: { kind: 'node', detail: `Node ${process.version}` },
      });
      resolve(result.failed > 0 || result.passed === 0 ? 1 : 0);
    });
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
