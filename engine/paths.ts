import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The folder holding package.json. Code runs from source (tsx, jest) and from dist/, and
 * reads its SQL, samples and examples from the source tree in both cases.
 */
export function projectRoot(): string {
  if (root) return root;
  let folder = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error('Matterflow: package.json not found above ' + fileURLToPath(import.meta.url));
    folder = parent;
  }
  root = folder;
  return root;
}

export function fromProjectRoot(...segments: string[]): string {
  return path.join(projectRoot(), ...segments);
}
