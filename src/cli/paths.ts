/** Where plugfest's own folders are: found upwards from this file (src/ in development, dist/src/ built). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('plugfest package.json not found');
    dir = parent;
  }
  return dir;
}
