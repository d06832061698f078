/**
 * Writes blobs and trees as loose objects with node's sha1 and zlib, as `git hash-object -w` and
 * `git mktree` do. isomorphic-git's writeBlob and writeTree deflate every object before looking
 * whether it exists, which made a rendered branch of hundreds of thousands of files (most of them
 * the same few thousand blobs) cost many times what native git takes. Files go through gitFs, so a
 * kill mid-write leaves only a temporary file and a truncated object counts as absent (git-fs.ts).
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { compareStrings } from '../api/index.ts';
import { gitFs } from './git-fs.ts';
import type { GitRepo } from './repository.ts';

/** One entry of a tree object; `mode` as isomorphic-git reads it (`040000` for a tree). */
export interface TreeEntry {
  readonly mode: string;
  readonly path: string;
  readonly oid: string;
  readonly type: 'blob' | 'tree' | 'commit';
}

/** sha1 of `<type> <length>\0<content>`: the object id git gives `content`. */
export function objectOid(type: 'blob' | 'tree', content: Uint8Array): string {
  return createHash('sha1').update(`${type} ${content.length}\0`).update(content).digest('hex');
}

/**
 * The content of a tree object: `<mode> <name>\0<20-byte id>` per entry, in git's order (a
 * directory sorts as if its name ended in `/`). Tree modes lose their leading zero, as git writes them.
 */
export function treeContent(entries: readonly TreeEntry[]): Uint8Array {
  const key = (e: TreeEntry) => (e.type === 'tree' ? `${e.path}/` : e.path);
  const sorted = entries.toSorted((a, b) => compareStrings(key(a), key(b)));
  const heads = sorted.map((e) => `${e.mode.replace(/^0+/, '')} ${e.path}\0`);
  let size = 0;
  for (const h of heads) size += Buffer.byteLength(h, 'utf8') + 20;
  // One buffer for the whole tree: a folder of thousands of files is not thousands of small buffers.
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  sorted.forEach((e, i) => {
    at += out.write(heads[i] ?? '', at, 'utf8');
    at += out.write(e.oid, at, 'hex');
  });
  return out;
}

/**
 * Writes `content` as a loose object unless the repository's loose objects already hold it
 * whole, and returns its id (`oid` when the caller computed it already).
 */
export async function writeLooseObject(
  repo: GitRepo,
  type: 'blob' | 'tree',
  content: Uint8Array,
  oid = objectOid(type, content),
): Promise<string> {
  const file = objectPath(repo, oid);
  if (await hasLooseObject(repo, oid)) return oid;
  const header = Buffer.from(`${type} ${content.length}\0`, 'latin1');
  const bytes = deflateSync(Buffer.concat([header, content]));
  // The fan-out folder (`objects/xx`) usually exists: made only when the write finds it missing.
  await gitFs.promises.writeFile(file, bytes).catch(async (err: unknown) => {
    if (!isMissing(err)) throw err;
    await mkdir(path.dirname(file), { recursive: true });
    await gitFs.promises.writeFile(file, bytes);
  });
  return oid;
}

/** Whether the repository's loose objects hold `oid` whole (a truncated one counts as absent, git-fs.ts). */
export function hasLooseObject(repo: GitRepo, oid: string): Promise<boolean> {
  return gitFs.promises.stat(objectPath(repo, oid)).then(
    () => true,
    (err: unknown) => {
      if (isMissing(err)) return false;
      throw err;
    },
  );
}

function objectPath(repo: GitRepo, oid: string): string {
  return path.join(repo.gitdir, 'objects', oid.slice(0, 2), oid.slice(2));
}

function isMissing(err: unknown): boolean {
  return err instanceof Error && 'code' in err && err.code === 'ENOENT';
}
