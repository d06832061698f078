/** Temporary directories and the git CLI, as a user at a terminal would use it. */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A temporary directory removed by `cleanup` (call it in `after`/`finally`, on every path: Q7). */
export function tempDir(prefix = 'flotilla-git-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs git in `cwd` with a fixed identity; resolves to stdout. Asynchronous on purpose: the git
 * server runs in this process, and a synchronous child would block the loop that must answer it.
 */
export function gitCli(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      'git',
      args,
      {
        cwd,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        env: gitEnv(cwd),
      },
      (err, stdout, stderr) =>
        err ? reject(new Error(`git ${args.join(' ')} failed: ${stderr}`, { cause: err })) : resolve(stdout),
    ),
  );
}

/** The environment of `gitCli`: a fixed identity, no prompts, no system or user configuration. */
function gitEnv(cwd: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_AUTHOR_NAME: 'Dev',
    GIT_AUTHOR_EMAIL: 'dev@example.com',
    GIT_COMMITTER_NAME: 'Dev',
    GIT_COMMITTER_EMAIL: 'dev@example.com',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: cwd,
  };
}

/** `gitCli`, synchronous, stdout trimmed: for tests that run no server in their own process. */
export function gitCliSync(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: gitEnv(cwd) }).trim();
}

/** Clones `url` into `<parent>/<name>` and returns the clone's path. */
export async function cloneRepo(url: string, parent: string, name = 'work'): Promise<string> {
  await gitCli(parent, 'clone', '--quiet', url, name);
  return path.join(parent, name);
}

/** Commits everything in `dir` with `message` and pushes `branch`; returns the new commit. */
export async function commitAndPush(
  dir: string,
  message: string,
  branch = 'main',
  ...pushArgs: string[]
): Promise<string> {
  await gitCli(dir, 'add', '-A');
  await gitCli(dir, 'commit', '--quiet', '--allow-empty', '-m', message);
  await gitCli(dir, 'push', '--quiet', ...pushArgs, 'origin', `HEAD:refs/heads/${branch}`);
  return (await gitCli(dir, 'rev-parse', 'HEAD')).trim();
}
