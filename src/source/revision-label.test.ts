import assert from 'node:assert/strict';
import { formatHash, hashSeed, hashUpdate } from '../api/index.ts';
import type { SourceFile } from '../load/index.ts';
import { workingTreeLabel } from './revision-label.ts';

/** The label as defined: FNV-1a of path NUL text NUL path NUL text …, each text decoded as UTF-8. */
function definedLabel(files: readonly SourceFile[]): string {
  let h = hashSeed;
  files.forEach((f, i) => {
    h = hashUpdate(h, `${i === 0 ? '' : '\u0000'}${f.path}\u0000${new TextDecoder().decode(f.bytes)}`);
  });
  return `working-tree-${formatHash(h)}`;
}

const file = (path: string, bytes: Uint8Array | string): SourceFile =>
  ({ path, bytes: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes }) as SourceFile;

const cases: { name: string; files: readonly SourceFile[] }[] = [
  { name: 'no files', files: [] },
  { name: 'ASCII files', files: [file('a.yaml', 'kind: ConfigMap\n'), file('b/c.yaml', 'x: 1\n')] },
  { name: 'an empty file', files: [file('a.yaml', '')] },
  { name: 'UTF-8 beyond ASCII', files: [file('a.yaml', 'name: café ✓ 𝄞\n'), file('b.yaml', 'x: 1\n')] },
  { name: 'a BOM (dropped by the decoder)', files: [file('a.yaml', new Uint8Array([0xef, 0xbb, 0xbf, 0x78, 0x0a]))] },
  { name: 'invalid UTF-8 (replacement characters)', files: [file('a.yaml', new Uint8Array([0x61, 0xff, 0xc3, 0x0a]))] },
  { name: 'non-ASCII late in a file', files: [file('a.yaml', `${'a'.repeat(1000)}é`)] },
];

describe('source: workingTreeLabel hashes the decoded text of each file', () => {
  for (const c of cases) it(c.name, () => assert.equal(workingTreeLabel(c.files), definedLabel(c.files)));
});
