/** The public surface of src/git: reading trees, committing and pushing with isomorphic-git. */
export { GitRefUnreadable, readRef, resolveCommit } from './read-ref.ts';
export { revParse, RevisionUnresolvable } from './rev-parse.ts';
export { descendsFrom } from './ancestry.ts';
export { blobOid } from './blob-id.ts';
export { localStore, remoteStore, type BranchStore, type FlushOutcome } from './branch-store.ts';
export { defaultIdentity, readCommitInfo, trailerValue, writeCommit, type Identity, type NewCommit } from './commit.ts';
export {
  credentialsFromEnv,
  CredentialsUnreadable,
  parseCredentialsFile,
  readCredentialsFile,
  resolveCredentials,
  splitUrlCredentials,
  tokenUsername,
  type Credentials,
} from './credentials.ts';
export {
  GitAuthFailed,
  GitBranchMissing,
  GitPushRejected,
  GitRemoteHeadUnborn,
  GitRemoteInvalid,
  GitRemoteUnreachable,
  GitRepositoryBroken,
} from './errors.ts';
export { compareAndSwapBranch } from './local-ref.ts';
export { isolatedTreeId, subfolderIds, writeIsolatedTree } from './folder-tree.ts';
export { pushBranches, type BranchUpdate } from './push-refs.ts';
export { commitOnNewBranch, GitBranchExists, type NewBranchCommit } from './new-branch.ts';
export { armKillPoint, gitKillSteps, type GitKillStep } from './kill-point.ts';
export { defaultLockPolicy, defaultStaleLockMs, type LockPolicy, type ReclaimedLock } from './ref-lock.ts';
export {
  fetchRemote,
  listRemoteBranches,
  pushCommit,
  remoteHeadBranch,
  redactUrl,
  remoteOf,
  type PushOutcome,
  type Remote,
} from './remote.ts';
export { readBlobAt, readBlobText } from './read-blob.ts';
export {
  cacheDirFor,
  currentBranch,
  defaultCacheRoot,
  findGitDir,
  openCache,
  openLocal,
  remoteName,
  tryResolve,
  type GitRepo,
} from './repository.ts';
export { changedPaths, type FileDelta } from './tree-diff.ts';
export { createTreeReader, maxManifestBytes, type TreeReader } from './tree-reader.ts';
export { listFiles, type TreeListing } from './tree-listing.ts';
export { hashTree, isHashedTree, type HashedBlob, type HashedTree } from './tree-hash.ts';
export { changesToTree, readFolder, type FolderEntry } from './tree-compare.ts';
export { writeTreeWithChanges, type FileChange, type FolderChange } from './tree-writer.ts';
