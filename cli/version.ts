import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** rbc's package folder and version, found from both cli/ and dist/cli/. */
const found: { root: string; version: string } = (() => {
  for (const rel of ['../', '../../']) {
    try {
      const url = new URL(`${rel}package.json`, import.meta.url);
      const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'rbc' && pkg.version) return { root: fileURLToPath(new URL(rel, import.meta.url)), version: pkg.version };
    } catch {
      // try the next location
    }
  }
  return { root: fileURLToPath(new URL('../', import.meta.url)), version: '0.0.0' };
})();

export const RBC_VERSION: string = found.version;
/** The rbc package folder (with a trailing slash). */
export const RBC_ROOT: string = found.root;
