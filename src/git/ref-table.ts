/**
 * The commits of many full ref names at once (`refs/remotes/origin/<branch>` of a thousand
 * cluster branches): each loose ref file is read directly and `packed-refs` is parsed once, where
 * resolving them one by one re-reads `packed-refs` and builds an error for every ref that is
 * missing. A symbolic ref, or a file that is not a plain object id, is resolved as git would.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GitRepositoryBroken } from './errors.ts';
import { tryResolve, type GitRepo } from './repository.ts';

const objectId = /^[0-9a-f]{40}$/;

/** Ref → commit, or undefined when the ref does not exist, for every ref of `refs`. */
export async function resolveRefs(
  repo: GitRepo,
  refs: readonly string[],
): Promise<ReadonlyMap<string, string | undefined>> {
  const packed = await packedRefs(repo);
  const out = new Map<string, string | undefined>();
  for (const ref of refs) {
    const loose = await readRefFile(repo, ref);
    if (loose === undefined) out.set(ref, packed.get(ref));
    else out.set(ref, objectId.test(loose) ? loose : await tryResolve(repo, ref));
  }
  return out;
}

/** The trimmed text of a loose ref file, or undefined when there is none. */
async function readRefFile(repo: GitRepo, ref: string): Promise<string | undefined> {
  try {
    return (await readFile(path.join(repo.gitdir, ref), 'utf8')).trim();
  } catch (err) {
    if (isAbsent(err)) return undefined;
    throw new GitRepositoryBroken(`cannot read ${ref} in ${repo.gitdir}`, { gitdir: repo.gitdir }, { cause: err });
  }
}

/** Ref → object id of `packed-refs` (peeled tag lines `^…` skipped). */
async function packedRefs(repo: GitRepo): Promise<Map<string, string>> {
  const text = await readFile(path.join(repo.gitdir, 'packed-refs'), 'utf8').catch((err: unknown) => {
    if (isAbsent(err)) return '';
    throw new GitRepositoryBroken(`cannot read packed-refs in ${repo.gitdir}`, { gitdir: repo.gitdir }, { cause: err });
  });
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [oid, ref] = line.split(' ');
    if (oid !== undefined && ref !== undefined && objectId.test(oid)) out.set(ref.trim(), oid);
  }
  return out;
}

/** A missing file, or a directory where a file was expected (a ref that is a folder of refs). */
function isAbsent(err: unknown): boolean {
  return (
    err instanceof Error && 'code' in err && (err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'ENOTDIR')
  );
}
