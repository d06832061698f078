/** Writing commits on a bare repository and reading their trailers. */
import { gitFs as fs } from './git-fs.ts';
import git from 'isomorphic-git';
import { GitRepositoryBroken } from './errors.ts';
import type { GitRepo } from './repository.ts';

/** Author and committer of flotilla's commits (default `flotilla <flotilla@localhost>`). */
export interface Identity {
  readonly name: string;
  readonly email: string;
}

/** The default identity. */
export const defaultIdentity: Identity = { name: 'flotilla', email: 'flotilla@localhost' };

/** What a new commit holds; `time` comes from the shell's injected clock. */
export interface NewCommit {
  readonly tree: string;
  readonly parents: readonly string[];
  readonly message: string;
  readonly identity: Identity;
  readonly time: Date;
}

/** Writes a commit object (no ref moves) and returns its oid. */
export async function writeCommit(repo: GitRepo, c: NewCommit): Promise<string> {
  const person = {
    name: c.identity.name,
    email: c.identity.email,
    timestamp: Math.floor(c.time.getTime() / 1000),
    timezoneOffset: 0,
  };
  try {
    return await git.writeCommit({
      fs,
      gitdir: repo.gitdir,
      commit: { tree: c.tree, parent: [...c.parents], author: person, committer: person, message: c.message },
    });
  } catch (err) {
    throw new GitRepositoryBroken(`cannot write a commit in ${repo.gitdir}`, { gitdir: repo.gitdir }, { cause: err });
  }
}

/** A commit's tree oid, message and parents. */
export async function readCommitInfo(
  repo: GitRepo,
  oid: string,
): Promise<{ tree: string; message: string; parents: readonly string[] }> {
  try {
    const { commit } = await git.readCommit({ fs, gitdir: repo.gitdir, cache: repo.cache, oid });
    return { tree: commit.tree, message: commit.message, parents: commit.parent };
  } catch (err) {
    throw new GitRepositoryBroken(
      `cannot read commit ${oid} in ${repo.gitdir}`,
      { gitdir: repo.gitdir },
      { cause: err },
    );
  }
}

/** The value of trailer `key` in the last paragraph of `message` (e.g. `Flotilla-Source`), if any. */
export function trailerValue(message: string, key: string): string | undefined {
  const paragraphs = message.trimEnd().split(/\n\s*\n/);
  const last = paragraphs[paragraphs.length - 1] ?? '';
  for (const line of last.split('\n')) {
    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line.trim());
    if (m && m[1]?.toLowerCase() === key.toLowerCase()) return m[2];
  }
  return undefined;
}
