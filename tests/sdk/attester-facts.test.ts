import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAttesterFacts } from '../../src/sdk/index.js';
import { repoRoot, tempRunDir } from '../support/topologies.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('what a vendor claims of itself in its evidence', () => {
  it('is read from the folder it runs from: vendor.yaml and the digest of every shipped file', async () => {
    const dir = join(repoRoot, 'vendors', 'ruvello');
    const facts = await readAttesterFacts(dir, { vendor: 'x', role: 'o-ru', productVersion: '0.0.0' });
    expect(facts).toEqual({
      vendor: 'ruvello',
      hwmodel: 'RV-4478',
      swname: 'ruvello-o-ru',
      swversion: '4.1.0',
      measurements: {
        'main.ts': sha256(readFileSync(join(dir, 'main.ts'))),
        'vendor.yaml': sha256(readFileSync(join(dir, 'vendor.yaml'))),
      },
      sbomDigest: sha256(readFileSync(join(dir, 'sbom.cdx.json'))),
    });
  });

  it('falls back to what the vendor code says for a folder without vendor.yaml, and names no SBOM it lacks', async () => {
    const dir = tempRunDir();
    writeFileSync(join(dir, 'main.ts'), 'export {};\n');
    const facts = await readAttesterFacts(dir, { vendor: 'acme', role: 'o-du', productVersion: '1.2.3' });
    expect(facts).toEqual({
      vendor: 'acme',
      hwmodel: 'acme',
      swname: 'acme-o-du',
      swversion: '1.2.3',
      measurements: { 'main.ts': sha256(Buffer.from('export {};\n')) },
    });
  });
});
