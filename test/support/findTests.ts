// Lists compiled test files without a glob dependency.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function findTestFiles(dir: string, suffix = '.test.js'): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return findTestFiles(full, suffix);
      }
      return entry.name.endsWith(suffix) ? [full] : [];
    })
    .sort();
}
