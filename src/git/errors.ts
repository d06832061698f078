/**
 * Failures of git remotes and repositories (E5), each marked transient (retry on the next
 * trigger: network, a push race) or terminal (needs a person: wrong credentials), as Flux's
 * source-controller sorts its errors into Stalling and Waiting (E6).
 */
import { FlotillaError } from '../api/index.ts';

/** The remote could not be reached, or answered with an HTTP error other than an auth failure. Transient. */
export class GitRemoteUnreachable extends FlotillaError<{ url: string; status?: number }> {
  override get transient(): boolean {
    return true;
  }
}

/** The remote rejected the credentials (HTTP 401/403), or none were given and it wants some. Terminal. */
export class GitAuthFailed extends FlotillaError<{ url: string; status: number }> {}

/** The remote answered, but not with the git smart HTTP protocol (garbage, an HTML page). Transient. */
export class GitRemoteInvalid extends FlotillaError<{ url: string }> {
  override get transient(): boolean {
    return true;
  }
}

/** Every push attempt was rejected because the branch kept moving. Transient. */
export class GitPushRejected extends FlotillaError<{ branch: string; attempts: number }> {
  override get transient(): boolean {
    return true;
  }
}

/** The branch to follow does not exist (yet) in the repository. Transient: a push may create it. */
export class GitBranchMissing extends FlotillaError<{ branch: string; location: string }> {
  override get transient(): boolean {
    return true;
  }
}

/** A local repository could not be read or written (permissions, corruption). Terminal. */
export class GitRepositoryBroken extends FlotillaError<{ gitdir: string }> {}

/**
 * The remote's HEAD names a branch that does not exist (a bare repository whose default branch
 * was never pushed). isomorphic-git cannot fetch from such a remote; a person must push the
 * default branch or point HEAD at an existing one, so this is terminal, not retried.
 */
export class GitRemoteHeadUnborn extends FlotillaError<{ url: string }> {}
