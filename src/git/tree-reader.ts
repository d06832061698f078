/**
 * Reads the manifest files of a commit's tree without a checkout, reusing what the previous read
 * saw: a subtree whose oid did not change is taken whole from memory, a blob whose oid did not
 * change is not read again. A new commit that touches one file costs one blob read plus the trees
 * on its path.
 */
import fs from 'node:fs';
import git from 'isomorphic-git';
import { compareStrings } from '../api/index.ts';
import { isManifestPath, type ReadProblem, type Snapshot, type SourceFile } from '../load/index.ts';
import { GitRepositoryBroken } from './errors.ts';
import type { GitRepo } from './repository.ts';

/** Manifests larger than this are not read: a fleet repo holds YAML, not data (the problem names the file). */
export const maxManifestBytes = 8 * 1024 * 1024;

interface Subtree {
  readonly files: readonly SourceFile[];
  readonly problems: readonly ReadProblem[];
}

/** A reader of commit trees with a memory of the last read (one generation: memory stays ~one snapshot). */
export interface TreeReader {
  /** All manifest files of `commit`'s tree, sorted by path; the revision is the commit sha. */
  read(commit: string): Promise<Snapshot>;
}

/** Creates a reader over `repo`. */
export function createTreeReader(repo: GitRepo): TreeReader {
  let trees = new Map<string, Subtree>();
  let blobs = new Map<string, Uint8Array>();
  return {
    async read(commit) {
      const next = { trees: new Map<string, Subtree>(), blobs: new Map<string, Uint8Array>() };
      const walk = async (oid: string, prefix: string): Promise<Subtree> => {
        const key = `${prefix}\0${oid}`;
        const known = trees.get(key) ?? next.trees.get(key);
        if (known) {
          next.trees.set(key, known);
          return known;
        }
        const files: SourceFile[] = [];
        const problems: ReadProblem[] = [];
        const { tree } = await git.readTree({ fs, gitdir: repo.gitdir, cache: repo.cache, oid });
        for (const entry of tree) {
          const path = prefix ? `${prefix}/${entry.path}` : entry.path;
          if (entry.type === 'tree') {
            const sub = await walk(entry.oid, path);
            files.push(...sub.files);
            problems.push(...sub.problems);
          } else if (entry.type === 'blob' && entry.mode !== '120000' && isManifestPath(path)) {
            // Symlinks (mode 120000) are never followed: their target could leave the repository.
            const bytes =
              blobs.get(entry.oid) ??
              next.blobs.get(entry.oid) ??
              (await git.readBlob({ fs, gitdir: repo.gitdir, cache: repo.cache, oid: entry.oid })).blob;
            if (bytes.length <= maxManifestBytes) next.blobs.set(entry.oid, bytes);
            if (bytes.length > maxManifestBytes)
              problems.push({
                path,
                message: `file is ${bytes.length} bytes, larger than the ${maxManifestBytes}-byte limit for a manifest; it is not read`,
              });
            else files.push({ path, bytes });
          }
        }
        const sub = { files, problems };
        next.trees.set(key, sub);
        return sub;
      };
      try {
        const { commit: c } = await git.readCommit({ fs, gitdir: repo.gitdir, cache: repo.cache, oid: commit });
        const root = await walk(c.tree, '');
        trees = next.trees;
        blobs = next.blobs;
        return {
          revision: commit,
          files: [...root.files].sort((a, b) => compareStrings(a.path, b.path)),
          problems: [...root.problems].sort((a, b) => compareStrings(a.path, b.path)),
        };
      } catch (err) {
        throw new GitRepositoryBroken(
          `cannot read the tree of ${commit} in ${repo.gitdir}`,
          { gitdir: repo.gitdir },
          { cause: err },
        );
      }
    },
  };
}
