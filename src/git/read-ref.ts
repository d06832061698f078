/** Reads a fleet snapshot from a git ref with isomorphic-git: no checkout, blobs read straight from the object store. */
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { compareStrings, FlotillaError } from '../api/index.ts';
import { isManifestPath, type Snapshot, type SourceFile } from '../load/index.ts';
import { revParse } from './rev-parse.ts';

/** The ref does not resolve in the repository, or the repository cannot be read. */
export class GitRefUnreadable extends FlotillaError<{ dir: string; ref: string }> {}

/** Resolves `ref` (branch, tag, full or short sha, a remote-tracking name, with ~N and ^N: git/rev-parse.ts) to a commit sha. */
export async function resolveCommit(dir: string, ref: string, gitdir?: string): Promise<string> {
  try {
    return await revParse({ gitdir: gitdir ?? path.join(dir, '.git') }, ref);
  } catch (err) {
    throw new GitRefUnreadable(`cannot resolve ref "${ref}" in ${dir}`, { dir, ref }, { cause: err });
  }
}

/** Reads every manifest file of the tree of `ref`. The revision is the commit sha. */
export async function readRef(dir: string, ref: string, gitdir?: string): Promise<Snapshot> {
  const commit = await resolveCommit(dir, ref, gitdir);
  const files: SourceFile[] = [];
  const base = { fs, dir, ...(gitdir ? { gitdir } : {}) };
  try {
    const { commit: c } = await git.readCommit({ ...base, oid: commit });
    await walkTree(base, c.tree, '', files);
  } catch (err) {
    throw new GitRefUnreadable(`cannot read the tree of ${ref} (${commit}) in ${dir}`, { dir, ref }, { cause: err });
  }
  files.sort((a, b) => compareStrings(a.path, b.path));
  return { revision: commit, files, problems: [] };
}

async function walkTree(
  base: { fs: typeof fs; dir: string; gitdir?: string },
  oid: string,
  prefix: string,
  out: SourceFile[],
): Promise<void> {
  const { tree } = await git.readTree({ ...base, oid });
  for (const entry of tree) {
    const path = prefix ? `${prefix}/${entry.path}` : entry.path;
    if (entry.type === 'tree') await walkTree(base, entry.oid, path, out);
    // Symlinks in a tree (mode 120000) are never followed: their target could leave the repository.
    else if (entry.type === 'blob' && entry.mode !== '120000' && isManifestPath(path)) {
      const { blob } = await git.readBlob({ ...base, oid: entry.oid });
      out.push({ path, bytes: blob });
    }
  }
}
