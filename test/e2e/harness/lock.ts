// A cross-process lock (a directory holding the owner's pid), so that two
// `clusters` commands never start, stop or build the same thing at once.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

function ownerAlive(lockDir: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
  } catch {
    return true; // being created right now: give its owner a moment
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs `fn` holding the lock `lockDir`; waits up to `timeoutMs` for it; a dead owner's lock is taken over. */
export async function withLock<T>(lockDir: string, timeoutMs: number, fn: () => T | Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastSeenPidless = 0;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (!ownerAlive(lockDir)) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!fs.existsSync(path.join(lockDir, 'pid'))) {
      // A creator that died between mkdir and writing its pid leaves an empty lock.
      if (lastSeenPidless === 0) lastSeenPidless = Date.now();
      else if (Date.now() - lastSeenPidless > 5000) fs.rmSync(lockDir, { recursive: true, force: true });
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${lockDir}`);
    await sleep(200);
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
