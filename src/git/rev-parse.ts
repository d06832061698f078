/**
 * The revisions a user types, as `git rev-parse` reads them: a name (HEAD, a branch, a tag, a
 * remote-tracking branch such as origin/main, a full ref) or a full or abbreviated SHA, followed
 * by any number of `~N` (Nth first-parent ancestor) and `^N` (Nth parent; `^0` the commit
 * itself) suffixes, and `^{commit}` / `^{}`. isomorphic-git resolves names and expands SHAs but
 * knows no suffixes; this adds them, so `HEAD~1`, `main^`, `v1.2^{}` and `abc1234~2` work
 * wherever a ref is accepted. Reflog (`@{1}`) and search (`:/text`) forms are refused by name.
 */
import fs from 'node:fs';
import git from 'isomorphic-git';
import { FlotillaError } from '../api/index.ts';

/** The revision does not name a commit of the repository. */
export class RevisionUnresolvable extends FlotillaError<{ rev: string; gitdir: string }> {}

/** Where the repository is: its .git (or bare) directory. */
interface Repo {
  readonly gitdir: string;
}

type Step =
  | { readonly kind: 'ancestor'; readonly n: number }
  | { readonly kind: 'parent'; readonly n: number }
  | { readonly kind: 'peel' };

/** Splits `main~2^2^{commit}` into the name `main` and its steps; undefined when the suffix is not git's syntax. */
export function parseRevision(rev: string): { name: string; steps: Step[] } | undefined {
  const cut = rev.search(/[~^]/);
  const name = cut < 0 ? rev : rev.slice(0, cut);
  const steps: Step[] = [];
  const re = /~(\d*)|\^\{(commit)?\}|\^(\d*)/gy;
  re.lastIndex = cut < 0 ? rev.length : cut;
  while (re.lastIndex < rev.length) {
    const m = re.exec(rev);
    if (!m) return undefined;
    if (m[0].startsWith('~')) steps.push({ kind: 'ancestor', n: m[1] ? Number(m[1]) : 1 });
    else if (m[0].startsWith('^{')) steps.push({ kind: 'peel' });
    else steps.push({ kind: 'parent', n: m[3] ? Number(m[3]) : 1 });
  }
  return name === '' || name.includes('@{') || name.startsWith(':') ? undefined : { name, steps };
}

/** The commit `rev` names (see the module comment); a RevisionUnresolvable error says which part failed. */
export async function revParse(repo: Repo, rev: string): Promise<string> {
  const parsed = parseRevision(rev.trim());
  if (!parsed)
    throw new RevisionUnresolvable(
      `"${rev}" is not a revision flotilla reads: use a branch, tag, SHA or HEAD, optionally followed by ~N or ^N`,
      { rev, gitdir: repo.gitdir },
    );
  let commit = await commitOf(repo, parsed.name, rev);
  for (const step of parsed.steps) {
    if (step.kind === 'peel') continue;
    const hops = step.kind === 'ancestor' ? step.n : step.n === 0 ? 0 : 1;
    for (let i = 0; i < hops; i++) {
      const { commit: c } = await git.readCommit({ fs, gitdir: repo.gitdir, oid: commit });
      const index = step.kind === 'parent' ? step.n - 1 : 0;
      const parent = c.parent[index];
      if (parent === undefined)
        throw new RevisionUnresolvable(
          `"${rev}": commit ${commit.slice(0, 7)} has ${c.parent.length === 0 ? 'no parent' : `only ${c.parent.length} parent(s)`}`,
          { rev, gitdir: repo.gitdir },
        );
      commit = parent;
    }
  }
  return commit;
}

/** The commit a name or SHA points at, annotated tags peeled; a ref wins over an abbreviated SHA, as in git. */
async function commitOf(repo: Repo, name: string, rev: string): Promise<string> {
  let oid: string | undefined;
  try {
    oid = await git.resolveRef({ fs, gitdir: repo.gitdir, ref: name });
  } catch (err) {
    if (!(err instanceof git.Errors.NotFoundError))
      throw new RevisionUnresolvable(
        `cannot resolve "${rev}" in ${repo.gitdir}`,
        { rev, gitdir: repo.gitdir },
        { cause: err },
      );
  }
  if (oid === undefined && /^[0-9a-f]{4,40}$/i.test(name)) {
    try {
      oid = await git.expandOid({ fs, gitdir: repo.gitdir, oid: name.toLowerCase() });
    } catch (err) {
      throw new RevisionUnresolvable(
        `"${name}" is neither a ref nor ${err instanceof git.Errors.AmbiguousError ? 'an unambiguous' : 'the start of a'} commit SHA in ${repo.gitdir}`,
        { rev, gitdir: repo.gitdir },
        { cause: err },
      );
    }
  }
  if (oid === undefined)
    throw new RevisionUnresolvable(
      `"${name}" is neither a branch, tag, remote branch nor commit SHA in ${repo.gitdir}`,
      { rev, gitdir: repo.gitdir },
    );
  try {
    return (await git.readCommit({ fs, gitdir: repo.gitdir, oid })).oid;
  } catch (err) {
    throw new RevisionUnresolvable(
      `"${name}" (${oid.slice(0, 7)}) is not a commit`,
      { rev, gitdir: repo.gitdir },
      { cause: err },
    );
  }
}
