/** Talking to a remote over smart HTTP(S) with isomorphic-git: list heads, fetch, push. */
import { gitFs as fs } from './git-fs.ts';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { splitUrlCredentials, type Credentials } from './credentials.ts';
import { GitAuthFailed, GitRemoteHeadUnborn, GitRemoteInvalid, GitRemoteUnreachable } from './errors.ts';
import { remoteName, type GitRepo } from './repository.ts';

/** A remote repository: its URL and the credentials to send when it asks for them. */
export interface Remote {
  readonly url: string;
  readonly credentials: Credentials | undefined;
}

/**
 * The remote `url` names, with any `user:password@` moved out of the URL into the credentials:
 * credentials given explicitly (environment, credentials file) win over ones in the URL.
 */
export function remoteOf(url: string, credentials: Credentials | undefined): Remote {
  const split = splitUrlCredentials(url);
  return { url: split.url, credentials: credentials ?? split.credentials };
}

/** The outcome of one push attempt: a rejection is a normal outcome (someone pushed first), not an error. */
export type PushOutcome = { readonly kind: 'pushed' } | { readonly kind: 'rejected'; readonly reason: string };

/** Branch name → commit of every branch the remote advertises (one HTTP round trip, like `git ls-remote --heads`). */
export async function listRemoteBranches(remote: Remote): Promise<ReadonlyMap<string, string>> {
  const refs = await withRemoteErrors(remote, () =>
    git.listServerRefs({ http, url: remote.url, prefix: 'refs/heads/', ...remoteAuth(remote) }),
  );
  const out = new Map<string, string>();
  for (const r of refs) out.set(r.ref.slice('refs/heads/'.length), r.oid);
  return out;
}

/**
 * Fetches every branch of the remote into `refs/remotes/origin/*` of the cache. A force-pushed
 * branch simply moves: the refspec is `+`, as `git clone` sets it up.
 */
export async function fetchRemote(repo: GitRepo, remote: Remote): Promise<void> {
  try {
    await withRemoteErrors(remote, () =>
      git.fetch({
        fs,
        http,
        gitdir: repo.gitdir,
        cache: repo.cache,
        url: remote.url,
        remote: remoteName,
        singleBranch: false,
        tags: false,
        prune: true,
        ...remoteAuth(remote),
      }),
    );
  } catch (err) {
    // isomorphic-git starts from, and reports, the remote's HEAD; git-http-backend advertises no
    // HEAD when it names a branch that does not exist, and every fetch then fails.
    if (
      err instanceof GitRemoteInvalid &&
      err.cause instanceof git.Errors.NotFoundError &&
      /\bHEAD\b/.test(err.cause.message)
    ) {
      const url = redactUrl(remote.url);
      throw new GitRemoteHeadUnborn(
        `${url} has no default branch: its HEAD names a branch that does not exist. Push a default branch (e.g. an initial commit on main) or point HEAD at an existing branch (git symbolic-ref HEAD refs/heads/<branch> in the bare repository)`,
        { url },
        { cause: err },
      );
    }
    throw err;
  }
}

/** The branch the remote's HEAD points at (what `git clone` checks out), or `main`. */
export async function remoteHeadBranch(remote: Remote): Promise<string> {
  const refs = await git
    .listServerRefs({ http, url: remote.url, prefix: 'HEAD', symrefs: true, ...remoteAuth(remote) })
    .catch(() => []); // failures surface with a typed error at the first fetch
  const target = refs.find((r) => r.ref === 'HEAD')?.target;
  return target?.startsWith('refs/heads/') ? target.slice('refs/heads/'.length) : 'main';
}

/**
 * Pushes `commit` to `branch` on the remote, never forcing: the server compares the old value
 * under its ref lock, so a concurrent push makes this attempt `rejected` instead of losing a commit.
 */
export async function pushCommit(repo: GitRepo, remote: Remote, branch: string, commit: string): Promise<PushOutcome> {
  const localRef = `refs/flotilla/push/${branch}`;
  await git.writeRef({ fs, gitdir: repo.gitdir, ref: localRef, value: commit, force: true });
  try {
    // `remote` names a remote with no `refs/remotes/<remote>/HEAD`: isomorphic-git would otherwise
    // list every object of the remote's default branch (the whole fleet tree) to thin the pack,
    // which costs more than sending a small commit. The merge base still thins it.
    await withRemoteErrors(remote, () =>
      git.push({
        fs,
        http,
        gitdir: repo.gitdir,
        cache: repo.cache,
        url: remote.url,
        remote: pushRemoteName,
        ref: localRef,
        remoteRef: `refs/heads/${branch}`,
        force: false,
        ...remoteAuth(remote),
      }),
    );
    await git.writeRef({
      fs,
      gitdir: repo.gitdir,
      ref: `refs/remotes/${remoteName}/${branch}`,
      value: commit,
      force: true,
    });
    return { kind: 'pushed' };
  } catch (err) {
    if (err instanceof GitRemoteInvalid && isRejection(err.cause))
      return { kind: 'rejected', reason: err.cause instanceof Error ? err.cause.message : 'rejected' };
    throw err;
  }
}

/** The remote name pushes use (see pushCommit); only its tracking refs of pushed branches ever exist. */
const pushRemoteName = 'flotilla-push';

function isRejection(err: unknown): boolean {
  return err instanceof git.Errors.PushRejectedError || err instanceof git.Errors.GitPushError;
}

/** The auth callbacks of a remote operation. */
export function remoteAuth(remote: Remote) {
  const creds = remote.credentials;
  // A second call means the server refused these credentials: answer cancel so isomorphic-git
  // stops with a 401 instead of asking again.
  return {
    onAuth: () => (creds ? { username: creds.username, password: creds.password } : { cancel: true }),
    onAuthFailure: () => ({ cancel: true }),
  };
}

/** Runs a remote operation and sorts its failures into the typed errors (E5, E6); messages never hold credentials. */
export async function withRemoteErrors<T>(remote: Remote, op: () => Promise<T>): Promise<T> {
  const url = redactUrl(remote.url);
  try {
    return await op();
  } catch (err) {
    if (err instanceof git.Errors.HttpError) {
      const status = err.data.statusCode;
      if (status === 401 || status === 403)
        throw new GitAuthFailed(`${url} refused the credentials (HTTP ${status})`, { url, status }, { cause: err });
      throw new GitRemoteUnreachable(`${url} answered HTTP ${status}`, { url, status }, { cause: err });
    }
    if (err instanceof git.Errors.UserCanceledError) {
      const message = remote.credentials
        ? `${url} refused the credentials (HTTP 401)`
        : `${url} wants credentials: set FLOTILLA_GIT_USERNAME and FLOTILLA_GIT_PASSWORD, or FLOTILLA_GIT_TOKEN, or pass --git-credentials-file`;
      throw new GitAuthFailed(message, { url, status: 401 }, { cause: err });
    }
    if (isNetworkError(err)) throw new GitRemoteUnreachable(`cannot reach ${url}`, { url }, { cause: err });
    throw new GitRemoteInvalid(`${url} did not answer as a git smart HTTP server`, { url }, { cause: err });
  }
}

function isNetworkError(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  return /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_.*)$/.test(
    code,
  );
}

/** The URL without any user:password part, for messages and logs (E4). */
export function redactUrl(url: string): string {
  return splitUrlCredentials(url).url;
}
