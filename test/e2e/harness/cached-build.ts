// The pattern every end-to-end tool build shares (the control planes, helm, Flux's controllers,
// metrics-server): a bin directory in the binary cache named by a key that hashes the pinning Go
// modules and the build flags, built once under a lock into a temporary directory, renamed into
// place and marked `.complete` with its build time, so a warm run is one stat.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { goBinary, goEnv } from './go-env.ts';
import { withLock } from './lock.ts';
import { cacheRoot } from './paths.ts';

const execFileP = promisify(execFile);

/** How long a build may hold the cache lock (a cold build on a loaded machine is slow). */
const buildLockMs = 60 * 60_000;

/** The first ten hex digits of a sha256 over each module's go.mod and go.sum, then `extra` in order. */
export function moduleHash(moduleDirs: ReadonlyArray<string>, extra: ReadonlyArray<string>): string {
  const hash = createHash('sha256');
  for (const dir of moduleDirs) {
    for (const f of ['go.mod', 'go.sum']) hash.update(fs.readFileSync(path.join(dir, f)));
  }
  for (const e of extra) hash.update(e);
  return hash.digest('hex').slice(0, 10);
}

/** The bin directory of a cache key (built or not). */
export function cachedBinDir(key: string): string {
  return path.join(cacheRoot(), key, 'bin');
}

/** True when the bin directory of `key` is complete. */
export function isCached(key: string): boolean {
  return fs.existsSync(path.join(cachedBinDir(key), '.complete'));
}

/** Runs the go command in `cwd` with the e2e build environment; rejects with its stderr. */
export async function go(args: ReadonlyArray<string>, cwd: string): Promise<string> {
  try {
    const { stdout } = await execFileP(goBinary(), args, { cwd, env: goEnv(), maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? '';
    throw new Error(`go ${args.join(' ')} (in ${cwd}) failed:\n${stderr}`, { cause: err });
  }
}

/**
 * Builds the bin directory of `key` unless it is complete: `build` fills a temporary directory
 * (and may return a note, say the time of each binary, for `.complete`); it is renamed into place
 * only when `build` succeeds. Logs and records the wall time. Returns the bin directory.
 */
export async function ensureCached(
  key: string,
  log: (msg: string) => void,
  build: (tmpDir: string) => Promise<string | undefined>,
): Promise<string> {
  const binDir = cachedBinDir(key);
  if (isCached(key)) return binDir;
  const dir = path.dirname(binDir);
  fs.mkdirSync(dir, { recursive: true });
  return withLock(path.join(dir, 'build.lock'), buildLockMs, async () => {
    if (isCached(key)) return binDir; // another process built it while we waited
    const started = Date.now();
    const tmp = path.join(dir, `bin.tmp-${process.pid}`);
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    let note: string | undefined;
    try {
      note = await build(tmp);
    } catch (err) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
    fs.rmSync(binDir, { recursive: true, force: true });
    fs.renameSync(tmp, binDir);
    const seconds = Math.round((Date.now() - started) / 1000);
    fs.writeFileSync(path.join(binDir, '.complete'), `built in ${seconds}s${note ? ` (${note})` : ''}\n`);
    log(`built ${key} in ${seconds}s`);
    return binDir;
  });
}
