/** Writes one attempt's status to the status branch: the pure decision, then commit-and-publish. */
import { descendsFrom, readCommitInfo, trailerValue, type BranchStore } from '../git/index.ts';
import { commitToBranch, type BranchWriteOptions, type BranchWriteResult, type TipView } from './branch-commit.ts';
import { decisionTrailer, sourceTrailer, statusCommitMessage } from './commit-message.ts';
import { fileChanges, type DesiredFile } from './file-changes.ts';
import type { DecisionDescription } from '../status/index.ts';
import { desiredFile, serialCache, type SerialCache } from './serial-cache.ts';
import { bindingTextCache, type BindingTextCache, type StatusFiles } from './status-files.ts';

/**
 * The outcome of a status write: `superseded` when another writer recorded a newer source
 * revision first; `concurrent` when another flotilla committed decisions on the branch between
 * this pass's read and its write (a second active writer).
 */
export type StatusWriteResult = (BranchWriteResult | { readonly kind: 'superseded'; readonly by: string }) & {
  readonly concurrent?: ConcurrentWrite;
};

/** What a write found of another flotilla writing the same branch. */
export interface ConcurrentWrite {
  /** Flotilla status commits (not shard reports) between the read and the write, newest first. */
  readonly commits: readonly string[];
  /** Subjects of this pass's decisions the branch already recorded (not committed again). */
  readonly duplicates: readonly string[];
}

/** This pass's status and decisions redone on a tip another writer moved: recorded times and decisions win. */
export interface RebasedStatus {
  readonly status: StatusFiles;
  readonly decisions: readonly DecisionDescription[];
  readonly duplicates: readonly DecisionDescription[];
}

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
  /** Redoes status and decisions against the branch at `tip` when the tip is not `baseTip` (see RebasedStatus). */
  readonly rebase?: (tip: string) => Promise<RebasedStatus>;
}

/** Commits the status files on `branch` (only when content changed) and publishes them. */
export async function writeStatus(
  store: BranchStore,
  w: StatusWrite,
  opts: BranchWriteOptions,
): Promise<StatusWriteResult> {
  let superseded: string | undefined;
  let concurrent: ConcurrentWrite | undefined;
  const result = await commitToBranch(
    store,
    w.branch,
    async (tip) => {
      superseded = await newerRevisionOn(store, tip, w);
      if (superseded) return { kind: 'none' };
      let { status, decisions } = w;
      if (tip.commit !== undefined && tip.commit !== w.baseTip) {
        const commits = await flotillaCommitsSince(store, tip.commit, w.baseTip);
        if (w.rebase) {
          const rebased = await w.rebase(tip.commit);
          ({ status, decisions } = rebased);
          concurrent =
            commits.length || rebased.duplicates.length
              ? { commits, duplicates: rebased.duplicates.map((d) => d.subject) }
              : undefined;
        } else if (commits.length) concurrent = { commits, duplicates: [] };
      }
      const changes = fileChanges(tip.files, toDesired(status.files, desiredTextOf(store)), status.owns);
      if (changes.length === 0) return { kind: 'none' };
      const message = statusCommitMessage({
        decision: status.decision,
        revision: w.revision,
        lastApplied: status.record.lastAppliedRevision,
        bindings: w.bindings,
        works: w.works,
        errors: status.record.lastAttempt.errors,
        changes,
        ...(decisions?.length ? { decisions } : {}),
      });
      return { kind: 'commit', changes, message, allowEmpty: false };
    },
    opts,
  );
  const outcome: StatusWriteResult = superseded ? { kind: 'superseded', by: superseded } : result;
  return concurrent ? { ...outcome, concurrent } : outcome;
}

/** How far back a write looks for another writer's commits. */
const concurrentLookback = 20;

/**
 * The flotilla status commits on `tip`'s first-parent line after `base` (at most
 * concurrentLookback, newest first): commits with a source trailer whose decision is not a shard's
 * `observe` report. People's commits carry no trailer and are not counted.
 */
export async function flotillaCommitsSince(
  store: BranchStore,
  tip: string,
  base: string | undefined,
): Promise<string[]> {
  const out: string[] = [];
  let at: string | undefined = tip;
  for (let i = 0; at !== undefined && at !== base && i < concurrentLookback; i++) {
    const info = await readCommitInfo(store.repo, at);
    if (trailerValue(info.message, sourceTrailer) && trailerValue(info.message, decisionTrailer) !== 'observe')
      out.push(at);
    at = info.parents[0];
  }
  return out;
}

const bindingTexts = new WeakMap<BranchStore, BindingTextCache>();

/**
 * The memo of binding files (statusFiles' `bindingText`) of the status branch in `store`: it lives
 * as long as the controller's connection to the repository, so every pass of it shares the memo.
 */
export function bindingTextOf(store: BranchStore): BindingTextCache {
  const memo = bindingTexts.get(store) ?? bindingTextCache();
  bindingTexts.set(store, memo);
  return memo;
}

/** Text files → bytes with their blob oids; from `memo` when given (a pass then settles it). */
export function toDesired(
  files: ReadonlyMap<string, string>,
  memo?: SerialCache<string, DesiredFile>,
): Map<string, DesiredFile> {
  const out = new Map<string, DesiredFile>();
  for (const [path, text] of files) out.set(path, memo ? memo.get(text) : desiredFile(text));
  memo?.settle();
  return out;
}

const desiredTexts = new WeakMap<BranchStore, SerialCache<string, DesiredFile>>();

/**
 * The memo of the status branch's files' bytes and blob ids in `store`, by text: a binding file
 * the binding memo hands back unchanged is neither encoded nor hashed again.
 */
function desiredTextOf(store: BranchStore): SerialCache<string, DesiredFile> {
  const memo = desiredTexts.get(store) ?? serialCache(desiredFile, (text: string) => text);
  desiredTexts.set(store, memo);
  return memo;
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
  // source), their order is unknown and the later writer wins, as with any status writer; a
  // corrupt repository is an error (descendsFrom).
  const newer = await descendsFrom(store.repo, theirs, w.revision);
  return newer ? theirs : undefined;
}
