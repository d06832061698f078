/**
 * git's ref lock (`<ref>.lock`, created exclusively, then renamed over the ref) with recovery
 * from a writer that died holding it. The exclusive create is the only mutual exclusion; what
 * this module adds is deciding when a lock nobody will ever release may be taken away:
 * - while flotilla holds a lock, the file names its owner (`flotilla-lock pid=… host=… start=…`)
 *   until the new value replaces that line just before the rename;
 * - a lock whose owner is on this host and gone (no such pid, or a pid reused by a process that
 *   started at another time) is stale at once;
 * - any other lock (git's own, another host's, or one a writer died on before or after naming
 *   itself) is stale once unchanged for longer than `staleAfterMs`: git and flotilla hold ref
 *   locks for milliseconds.
 * A stale lock is moved aside, checked to be the very file (inode) judged stale, and deleted;
 * a live lock moved aside by a racing reclaimer is linked back. The owner re-checks before its
 * rename that the lock path is still its own file.
 */
import { readFileSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { killPoint } from './kill-point.ts';

/** Who holds a lock: pid and host, plus the process start time to tell a reused pid apart. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** The process start time as the kernel counts it (`/proc/<pid>/stat` field 22); '' where unknown. */
  readonly start: string;
}

/** When a lock is taken away from a dead writer, and who hears about it. */
export interface LockPolicy {
  /** A lock with no live flotilla owner on this host is stale once its mtime is this old. */
  readonly staleAfterMs: number;
  /** Told about every lock taken away (the caller logs it as a warning). */
  readonly onReclaim: (r: ReclaimedLock) => void;
}

/** A stale lock that was removed, for the warning log. */
export interface ReclaimedLock {
  readonly lock: string;
  readonly reason: 'owner-gone' | 'expired';
  readonly owner: LockOwner | undefined;
  readonly ageMs: number;
}

/** Default bound on a lock without a live owner: a minute, against milliseconds of use. */
export const defaultStaleLockMs = 60_000;

/** The policy used when none is given: the default bound, no one told. */
export const defaultLockPolicy: LockPolicy = {
  staleAfterMs: defaultStaleLockMs,
  onReclaim: () => {
    // no one to tell
  },
};

/** A held lock: replace its content with the ref's new value, then commit (rename) or release. */
export interface HeldLock {
  /** Writes `value` and renames the lock over the ref; false when the lock was taken away meanwhile (nothing renamed). */
  commit(value: string): Promise<boolean>;
  release(): Promise<void>;
}

/** The outcome of trying to take a lock. */
export type LockAttempt =
  | { readonly kind: 'held'; readonly lock: HeldLock }
  | { readonly kind: 'busy'; readonly reason: string };

/** This process as a lock owner. */
export function selfOwner(): LockOwner {
  return { pid: process.pid, host: os.hostname(), start: processStart(process.pid) ?? '' };
}

/** The owner line a held lock carries; parseOwner reads it back. */
export function formatOwner(o: LockOwner): string {
  return `flotilla-lock pid=${o.pid} host=${o.host} start=${o.start}\n`;
}

/** The owner named by a lock file's text, or undefined when it holds no owner line (git's lock, a ref value, nothing). */
export function parseOwner(text: string): LockOwner | undefined {
  const m = /^flotilla-lock pid=(\d+) host=(\S*) start=(\S*)\n?$/.exec(text);
  return m?.[1] && m[2] !== undefined && m[3] !== undefined
    ? { pid: Number(m[1]), host: m[2], start: m[3] }
    : undefined;
}

/** Whether `owner` is known to be gone: same host, and no such process or one that started at another time. */
export function ownerGone(
  owner: LockOwner,
  host: string,
  startOf: (pid: number) => string | undefined | 'none',
): boolean {
  if (owner.host !== host) return false;
  const start = startOf(owner.pid);
  if (start === 'none') return true;
  return owner.start !== '' && start !== undefined && start !== owner.start;
}

/** Takes `<file>.lock`, reclaiming it first when stale (see the file comment). */
export async function acquireRefLock(
  file: string,
  policy: LockPolicy,
  self: LockOwner = selfOwner(),
): Promise<LockAttempt> {
  const lock = `${file}.lock`;
  await mkdir(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    let handle: FileHandle;
    try {
      handle = await open(lock, 'wx');
    } catch (err) {
      if (!isCode(err, 'EEXIST')) throw err;
      const verdict = await judge(lock, policy.staleAfterMs, self.host);
      if (verdict.kind === 'live') return { kind: 'busy', reason: verdict.reason };
      if (await takeAway(lock, verdict.ino))
        policy.onReclaim({ lock, reason: verdict.reason, owner: verdict.owner, ageMs: verdict.ageMs });
      continue;
    }
    try {
      await handle.writeFile(formatOwner(self));
    } catch (err) {
      await handle.close();
      await unlink(lock);
      throw err;
    }
    killPoint('git-ref-locked');
    return { kind: 'held', lock: heldLock(file, lock, handle) };
  }
  return { kind: 'busy', reason: `${lock} keeps coming back` };
}

function heldLock(file: string, lock: string, handle: FileHandle): HeldLock {
  let open = true;
  return {
    async commit(value) {
      const { ino } = await handle.stat();
      await handle.truncate(0);
      await handle.write(value, 0);
      await handle.close();
      open = false;
      killPoint('git-ref-written');
      // A reclaimer that judged this lock stale would have moved it; never rename someone else's.
      if ((await stat(lock).catch(() => undefined))?.ino !== ino) return false;
      await rename(lock, file);
      return true;
    },
    async release() {
      if (!open) return;
      open = false;
      const { ino } = await handle.stat();
      await handle.close();
      if ((await stat(lock).catch(() => undefined))?.ino === ino) await unlink(lock);
    },
  };
}

type Verdict =
  | { readonly kind: 'live'; readonly reason: string }
  | {
      readonly kind: 'stale';
      readonly reason: 'owner-gone' | 'expired';
      readonly ino: number;
      readonly owner: LockOwner | undefined;
      readonly ageMs: number;
    };

async function judge(lock: string, staleAfterMs: number, host: string): Promise<Verdict> {
  const st = await stat(lock).catch((err: unknown) => {
    if (isCode(err, 'ENOENT')) return undefined;
    throw err;
  });
  if (!st) return { kind: 'stale', reason: 'expired', ino: -1, owner: undefined, ageMs: 0 }; // gone meanwhile: just retry
  const owner = parseOwner(await readFile(lock, 'utf8').catch(() => ''));
  const ageMs = Math.max(0, Date.now() - st.mtimeMs);
  if (owner && ownerGone(owner, host, liveStart))
    return { kind: 'stale', reason: 'owner-gone', ino: st.ino, owner, ageMs };
  if (ageMs > staleAfterMs) return { kind: 'stale', reason: 'expired', ino: st.ino, owner, ageMs };
  const who = owner ? `flotilla pid ${owner.pid} on ${owner.host}` : 'another writer';
  return { kind: 'live', reason: `${lock} is held by ${who}` };
}

/** Moves the lock aside and deletes it when it is the inode judged stale; puts a live one back. True when a stale lock was removed. */
async function takeAway(lock: string, ino: number): Promise<boolean> {
  if (ino < 0) return false;
  const aside = `${lock}.stale-${process.pid}-${Date.now()}`;
  try {
    await rename(lock, aside);
  } catch (err) {
    if (isCode(err, 'ENOENT')) return false; // another reclaimer was first
    throw err;
  }
  if ((await stat(aside)).ino === ino) {
    await unlink(aside);
    return true;
  }
  // A live writer re-created the lock between the verdict and the move: give it back.
  await link(aside, lock).catch((err: unknown) => {
    if (!isCode(err, 'EEXIST')) throw err;
  });
  await unlink(aside);
  return false;
}

/** The start time of `pid`, 'none' when no such process exists, undefined when it cannot be told. */
function liveStart(pid: number): string | undefined | 'none' {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (isCode(err, 'ESRCH')) return 'none';
    if (!isCode(err, 'EPERM')) return undefined;
  }
  return processStart(pid);
}

function processStart(pid: number): string | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) may hold spaces and parentheses: count from the last ')'.
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[19];
  } catch (err) {
    if (isCode(err, 'ENOENT') || isCode(err, 'ESRCH')) return undefined;
    throw err;
  }
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === code;
}
