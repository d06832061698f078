import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import git from 'isomorphic-git';
import { gitFs, isLooseObjectPath, isWholeObject } from './git-fs.ts';

describe('git-fs', () => {
  const content = Buffer.from('hello\n');
  const whole = deflateSync(Buffer.concat([Buffer.from(`blob ${content.length}\0`), content]));
  const cases = [
    { name: 'a whole blob', bytes: whole, want: true },
    { name: 'an empty file', bytes: Buffer.alloc(0), want: false },
    { name: 'the first half of the stream', bytes: whole.subarray(0, whole.length >> 1), want: false },
    { name: 'a header whose size disagrees', bytes: deflateSync(Buffer.from('blob 99\0hello\n')), want: false },
    { name: 'not zlib at all', bytes: Buffer.from('garbage'), want: false },
  ];
  for (const c of cases) it(`isWholeObject: ${c.name}`, () => assert.equal(isWholeObject(c.bytes), c.want));

  it('isLooseObjectPath tells loose objects from packs and refs', () => {
    assert.equal(isLooseObjectPath(`/r/.git/objects/ce/${'0'.repeat(38)}`), true);
    assert.equal(isLooseObjectPath('/r/.git/objects/pack/pack-1.pack'), false);
    assert.equal(isLooseObjectPath('/r/.git/refs/heads/main'), false);
  });

  it('writeBlob over a truncated loose object of the same blob rewrites it', async () => {
    const gitdir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-gitfs-'));
    try {
      await git.init({ fs: gitFs, gitdir, bare: true });
      const oid = await git.writeBlob({ fs: gitFs, gitdir, blob: content });
      const file = path.join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2));
      writeFileSync(file, readFileSync(file).subarray(0, 5));
      assert.equal(await git.writeBlob({ fs: gitFs, gitdir, blob: content }), oid);
      assert.equal(isWholeObject(readFileSync(file)), true);
      const { blob } = await git.readBlob({ fs: gitFs, gitdir, oid });
      assert.deepEqual(Buffer.from(blob), content);
    } finally {
      rmSync(gitdir, { recursive: true, force: true });
    }
  });
});
