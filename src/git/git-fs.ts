/**
 * The file system flotilla hands isomorphic-git: node's, except for loose objects.
 * isomorphic-git writes a loose object straight to `objects/xx/yyyy…` and skips the write when
 * that file exists, so a process killed mid-write leaves a truncated object that every later
 * (deterministic, identical) write skips: the next commit would point at a broken blob or tree.
 * Here a loose object is written to a temporary file and renamed into place (a kill leaves only
 * the temporary file, as git's own `tmp_obj_*`), and an existing loose object that is empty or
 * does not inflate counts as absent, so the next write of the same object repairs it. Refs
 * (isomorphic-git writes them in place too: a kill could leave an empty ref, a pending commit
 * lost or the cache unreadable) and every other file are written the same way; a ref's temporary
 * file lives in the git directory itself, where no ref listing can mistake it for a branch.
 */
import fs from 'node:fs';
import { open, rename, stat, unlink, readFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { killPoint } from './kill-point.ts';

const looseObject = /[\\/]objects[\\/][0-9a-f]{2}[\\/][0-9a-f]{38}$/;

/** Whether `file` is a loose object's path. */
export function isLooseObjectPath(file: string): boolean {
  return looseObject.test(file);
}

/** Whether the bytes of a loose object are a whole object: a zlib stream that inflates to `<type> <size>\0<content>`. */
export function isWholeObject(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  let raw: Buffer;
  try {
    raw = inflateSync(bytes);
  } catch (err) {
    if (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('Z_'))
      return false;
    throw err;
  }
  const nul = raw.indexOf(0);
  const header = /^(blob|tree|commit|tag) (\d+)$/.exec(raw.subarray(0, Math.max(0, nul)).toString('latin1'));
  return nul > 0 && header !== null && Number(header[2]) === raw.length - nul - 1;
}

/** Where the temporary file for `file` goes: beside it, or for a ref in the git directory above `refs/`. */
export function temporaryPath(file: string, unique: string): string {
  if (isLooseObjectPath(file)) return path.join(path.dirname(file), `tmp_obj_${unique}`);
  const refs = file.lastIndexOf(`${path.sep}refs${path.sep}`);
  return path.join(refs >= 0 ? file.slice(0, refs) : path.dirname(file), `.flotilla-tmp-${unique}`);
}

async function writeFile(file: string, data: string | Uint8Array, options?: fs.WriteFileOptions): Promise<void> {
  const tmp = temporaryPath(String(file), `${process.pid}_${Math.random().toString(36).slice(2)}`);
  const encoding = typeof options === 'string' ? options : (options?.encoding ?? 'utf8');
  const bytes = typeof data === 'string' ? Buffer.from(data, encoding) : data;
  const handle = await open(tmp, 'wx');
  try {
    await handle.write(bytes, 0, bytes.length >> 1);
    if (isLooseObjectPath(String(file))) killPoint('git-object-write');
    await handle.write(bytes, bytes.length >> 1);
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp);
    throw err;
  }
}

async function statObject(file: fs.PathLike, options?: fs.StatOptions): Promise<fs.Stats | fs.BigIntStats> {
  const st = await stat(file, options);
  if (!isLooseObjectPath(String(file))) return st;
  if (Number(st.size) > 0 && isWholeObject(await readFile(file))) return st;
  // isomorphic-git's FileSystem.exists treats ENOENT as "absent": the object is written again.
  throw Object.assign(new Error(`${String(file)} is a truncated git object`), { code: 'ENOENT' });
}

/** node's promise fs with atomic, self-repairing loose-object writes (see the file comment). */
export const gitFs = {
  promises: {
    ...fs.promises,
    writeFile,
    stat: statObject,
  },
};
