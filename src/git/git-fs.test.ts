import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import git from 'isomorphic-git';
import { readdirSync } from 'node:fs';
import { gitFs, isLooseObjectPath, isWholeObject, temporaryPath } from './git-fs.ts';

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

  const tmpCases = [
    {
      name: 'a loose object: beside it, as git names them',
      file: `/r/.git/objects/ce/${'0'.repeat(38)}`,
      want: '/r/.git/objects/ce/tmp_obj_u',
    },
    {
      name: 'a ref: in the git directory, outside refs/',
      file: '/r/.git/refs/remotes/origin/main',
      want: '/r/.git/.flotilla-tmp-u',
    },
    { name: 'any other file: beside it', file: '/r/.git/config', want: '/r/.git/.flotilla-tmp-u' },
  ];
  for (const c of tmpCases) it(`temporaryPath: ${c.name}`, () => assert.equal(temporaryPath(c.file, 'u'), c.want));

  it('writeRef through gitFs creates the ref (and its folders) and leaves no temporary file', async () => {
    const gitdir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-gitfs-'));
    try {
      await git.init({ fs: gitFs, gitdir, bare: true });
      const oid = await git.writeBlob({ fs: gitFs, gitdir, blob: content });
      await git.writeRef({ fs: gitFs, gitdir, ref: 'refs/flotilla/pending/main', value: oid });
      assert.equal(readFileSync(path.join(gitdir, 'refs', 'flotilla', 'pending', 'main'), 'utf8'), `${oid}\n`);
      assert.deepEqual(
        readdirSync(gitdir).filter((f) => f.startsWith('.flotilla-tmp')),
        [],
      );
      assert.deepEqual(await git.listRefs({ fs: gitFs, gitdir, filepath: 'refs/flotilla' }), ['pending/main']);
    } finally {
      rmSync(gitdir, { recursive: true, force: true });
    }
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
