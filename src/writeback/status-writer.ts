/** Writes one attempt's status to the status branch: the pure decision, then commit-and-publish. */
import fs from 'node:fs';
import git from 'isomorphic-git';
import { blobOid, trailerValue, type BranchStore } from '../git/index.ts';
import { commitToBranch, type BranchWriteOptions, type BranchWriteResult, type TipView } from './branch-commit.ts';
import { sourceTrailer, statusCommitMessage } from './commit-message.ts';
import { fileChanges, type DesiredFile } from './file-changes.ts';
import type { DecisionDescription } from '../status/index.ts';
import type { StatusFiles } from './status-files.ts';

/** The outcome of a status write: `superseded` when another writer recorded a newer source revision first. */
export type StatusWriteResult = BranchWriteResult | { readonly kind: 'superseded'; readonly by: string };

/** What the writer needs beside the decided files. */
export interface StatusWrite {
  readonly branch: string;
  readonly revision: string;
  readonly status: StatusFiles;
  readonly bindings: number;
  readonly works: number;
  /** The status tip the decision was made on; a different tip on retry was written by someone else. */
  readonly baseTip: string | undefined;
  /** Failover decisions to lead the commit message with. */
  readonly decisions?: readonly DecisionDescription[];
}

/** Commits the status files on `branch` (only when content changed) and publishes them. */
export async function writeStatus(store: BranchStore, w: StatusWrite, opts: BranchWriteOptions): Promise<StatusWriteResult> {
  const desired = toDesired(w.status.files);
  let superseded: string | undefined;
  const result = await commitToBranch(store, w.branch, async (tip) => {
    superseded = await newerRevisionOn(store, tip, w);
    if (superseded) return { kind: 'none' };
    const changes = fileChanges(tip.files, desired, w.status.owns);
    if (changes.length === 0) return { kind: 'none' };
    const message = statusCommitMessage({
      decision: w.status.decision, revision: w.revision, lastApplied: w.status.record.lastAppliedRevision,
      bindings: w.bindings, works: w.works, errors: w.status.record.lastAttempt.errors, changes,
      ...(w.decisions ? { decisions: w.decisions } : {}),
    });
    return { kind: 'commit', changes, message, allowEmpty: false };
  }, opts);
  return superseded ? { kind: 'superseded', by: superseded } : result;
}

/** Text files → bytes with their blob oids. */
export function toDesired(files: ReadonlyMap<string, string>): Map<string, DesiredFile> {
  const enc = new TextEncoder();
  const out = new Map<string, DesiredFile>();
  for (const [path, text] of files) {
    const bytes = enc.encode(text);
    out.set(path, { bytes, oid: blobOid(bytes) });
  }
  return out;
}

/**
 * When the tip moved since the decision and its last flotilla commit records a source revision
 * that descends from ours, another flotilla already recorded something newer: writing ours on top
 * would move the status backwards. Returns that revision, or undefined to go ahead.
 */
async function newerRevisionOn(store: BranchStore, tip: TipView, w: StatusWrite): Promise<string | undefined> {
  if (tip.commit === w.baseTip || tip.message === undefined) return undefined;
  const theirs = trailerValue(tip.message, sourceTrailer);
  if (!theirs || theirs === w.revision) return undefined;
  // When the commits are not both in this repository (status in another repo, a force-pushed
  // source), their order is unknown and the later writer wins, as with any status writer.
  const newer = await git.isDescendent({ fs, gitdir: store.repo.gitdir, cache: store.repo.cache, oid: theirs, ancestor: w.revision, depth: -1 }).catch(() => false);
  return newer ? theirs : undefined;
}
