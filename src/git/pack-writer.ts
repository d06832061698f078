/**
 * A git pack of given objects, for a push: each object whole (no deltas), compressed with node's
 * zlib. isomorphic-git's packObjects reads and compresses them through its own JavaScript zlib,
 * which made the pack of a thousand cluster branches' commits and trees half of their first push.
 * Loose objects are read straight from their files; any other (in a pack) through isomorphic-git.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import git from 'isomorphic-git';
import { GitRepositoryBroken } from './errors.ts';
import { gitFs as fs } from './git-fs.ts';
import type { GitRepo } from './repository.ts';

const typeCodes = { commit: 1, tree: 2, blob: 3, tag: 4 } as const;
type ObjectType = keyof typeof typeCodes;

/** The pack (version 2) holding `oids`, in the order given. */
export async function packOf(repo: GitRepo, oids: readonly string[]): Promise<Uint8Array> {
  const header = Buffer.alloc(12);
  header.write('PACK', 0, 'latin1');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(oids.length, 8);
  const parts: Buffer[] = [header];
  for (const oid of oids) {
    const { type, content } = await readWhole(repo, oid);
    parts.push(entryHeader(typeCodes[type], content.length), deflateSync(content));
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

/**
 * An entry's type and size: the first byte holds the type and the size's low 4 bits, each next
 * byte 7 more bits, the high bit saying another byte follows. A tree (2) of 300 bytes:
 * 300 = 0b1_0010_1100 → 0xAC (more, type 2, low bits 1100), then 0x12 (300 >> 4 = 18).
 */
function entryHeader(type: number, size: number): Buffer {
  const bytes: number[] = [];
  let rest = Math.floor(size / 16);
  let byte = (type << 4) | (size & 0x0f);
  while (rest > 0) {
    bytes.push(byte | 0x80);
    byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
  }
  bytes.push(byte);
  return Buffer.from(bytes);
}

/** An object's type and content (without git's `<type> <size>\0` header). */
async function readWhole(repo: GitRepo, oid: string): Promise<{ type: ObjectType; content: Buffer }> {
  try {
    const file = path.join(repo.gitdir, 'objects', oid.slice(0, 2), oid.slice(2));
    const loose = await readFile(file).catch((err: unknown) => {
      if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (loose !== undefined) {
      const raw = inflateSync(loose);
      const nul = raw.indexOf(0);
      const type = raw.subarray(0, raw.indexOf(0x20)).toString('latin1');
      if (isObjectType(type)) return { type, content: raw.subarray(nul + 1) };
    }
    const read = await git.readObject({ fs, gitdir: repo.gitdir, cache: repo.cache, oid, format: 'content' });
    if (isObjectType(read.type) && read.object instanceof Uint8Array)
      return { type: read.type, content: Buffer.from(read.object) };
    throw new GitRepositoryBroken(`object ${oid} in ${repo.gitdir} has type ${read.type}`, { gitdir: repo.gitdir });
  } catch (err) {
    if (err instanceof GitRepositoryBroken) throw err;
    throw new GitRepositoryBroken(
      `cannot read object ${oid} in ${repo.gitdir}`,
      { gitdir: repo.gitdir },
      { cause: err },
    );
  }
}

function isObjectType(t: string): t is ObjectType {
  return t in typeCodes;
}
