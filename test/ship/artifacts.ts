/**
 * What flotilla ships, built once per mocha process and shared by the test/ship files: the packed
 * npm package (`npm pack`, whose prepack runs `npm run build`), that package installed into a
 * temporary global prefix, and the single executable (`npm run build:sea`). Everything lives in
 * one temporary directory, removed when the process exits (Q7).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The checkout. */
export const root = path.resolve(import.meta.dirname, '..', '..');
/** The pinned Node 24 (the `node` devDependency). */
export const pinnedNodeDir = path.join(root, 'node_modules', 'node', 'bin');
/** The checkout's package.json. */
export const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
  engines: { node: string };
};

/** The temporary directory of this process's artifacts and fixtures. */
export const workDir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-ship-'));
process.once('exit', () => rmSync(workDir, { recursive: true, force: true }));

/** PATH with the pinned Node first, as after `npm ci` in the checkout or setup-node in CI. */
export const pinnedPath = `${pinnedNodeDir}${path.delimiter}${process.env['PATH'] ?? ''}`;

/** PATH without the checkout's node_modules: the machine's own tools, and its own Node if it has one. */
export const systemPath = (process.env['PATH'] ?? '')
  .split(path.delimiter)
  .filter((p) => !p.includes(`${path.sep}node_modules${path.sep}`) && !p.endsWith(`${path.sep}node_modules`))
  .join(path.delimiter);

/** A finished child process. */
export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion (never throws for a non-zero exit); `env` replaces the environment. */
export function run(
  cmd: string,
  args: readonly string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? root,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 300_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Fails with the command's output when it did not exit 0. */
export function succeeded(r: Ran, what: string): Ran {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** `flotilla <args>` from the checkout's sources (bin/flotilla.js on the pinned Node), as the rest of the suite runs it. */
export function fromSources(args: readonly string[], cwd: string): Promise<Ran> {
  return run(path.join(pinnedNodeDir, 'node'), [path.join(root, 'bin', 'flotilla.js'), ...args], { cwd });
}

let tarball: Promise<string> | undefined;
/** `npm pack` of the checkout (prepack builds dist/cli): the path of flotilla-<version>.tgz. */
export function packedTarball(): Promise<string> {
  tarball ??= (async () => {
    const dest = path.join(workDir, 'pack');
    mkdirSync(dest);
    succeeded(
      await run('npm', ['pack', '--pack-destination', dest, '--silent'], { env: { ...process.env, PATH: pinnedPath } }),
      'npm pack',
    );
    const [file] = readdirSync(dest).filter((f) => f.endsWith('.tgz'));
    if (!file) throw new Error(`npm pack left no tarball in ${dest}`);
    return path.join(dest, file);
  })();
  return tarball;
}

let installed: Promise<{ bin: string; install: Ran }> | undefined;
/** The tarball installed as a user would (`npm install -g`), into a temporary prefix, with the pinned Node. */
export function installedPackage(): Promise<{ bin: string; install: Ran }> {
  installed ??= (async () => {
    const prefix = path.join(workDir, 'prefix');
    const install = succeeded(
      await run('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', await packedTarball()], {
        cwd: workDir,
        env: { ...process.env, PATH: pinnedPath },
      }),
      'npm install -g',
    );
    return { bin: path.join(prefix, 'bin', 'flotilla'), install };
  })();
  return installed;
}

let sea: Promise<string> | undefined;
/** `npm run build:sea`, the executable copied alone into an empty directory: its path. */
export function singleExecutable(): Promise<string> {
  sea ??= (async () => {
    succeeded(
      await run('npm', ['run', '--silent', 'build:sea'], { env: { ...process.env, PATH: pinnedPath } }),
      'npm run build:sea',
    );
    const dir = path.join(workDir, 'sea');
    mkdirSync(dir);
    const exe = path.join(dir, 'flotilla-linux-x64');
    copyFileSync(path.join(root, 'dist', `flotilla-${process.platform}-${process.arch}`), exe);
    return exe;
  })();
  return sea;
}
