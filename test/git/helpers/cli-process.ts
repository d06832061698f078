/**
 * The real `flotilla` binary as a child process (STYLE Q6), started asynchronously: the git
 * server of these tests runs in the test process, so a synchronous child would block the loop
 * that must answer it. Long-running commands (`reconcile` without `--once`) are followed through
 * their stderr and stopped with a signal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
/** Node 24 pinned by the project (the system node is older). */
const node = path.join(root, 'node_modules', '.bin', 'node');
const bin = path.join(root, 'bin', 'flotilla.js');

/** The outcome of a finished run. */
export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running `flotilla` process. */
export interface FlotillaProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<ProcessResult>;
  /** Sends `signal` and waits (at most `withinMs`) for the exit; SIGKILL and a rejection after that. */
  stop(signal?: NodeJS.Signals, withinMs?: number): Promise<ProcessResult>;
  /** For `after` hooks: SIGKILL if still running (every path ends the child). */
  kill(): void;
}

/** The environment of a child: the test's PATH, a scratch HOME, no ambient flotilla settings, plus `extra`. */
export function childEnv(home: string, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('FLOTILLA_')) env[k] = v;
  return { ...env, HOME: home, ...extra };
}

/** Starts `flotilla <args>` in `cwd` with `env`. */
export function startFlotilla(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): FlotillaProcess {
  const child = spawn(node, [bin, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString('utf8');
  });
  const exited = new Promise<ProcessResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout: out, stderr: err }));
  });
  return {
    child,
    exited,
    stdout: () => out,
    stderr: () => err,
    async stop(signal = 'SIGTERM', withinMs = 60_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(
            new Error(
              `flotilla ${args[0] ?? ''} did not exit within ${withinMs} ms of ${signal}; stderr:\n${err.slice(-2000)}`,
            ),
          );
        }, withinMs);
      });
      try {
        return await Promise.race([exited, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Runs `flotilla <args>` to completion (bounded by `withinMs`, then killed and rejected). */
export async function runFlotilla(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  withinMs = 60_000,
): Promise<ProcessResult> {
  const p = startFlotilla(args, cwd, env);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      p.kill();
      reject(
        new Error(
          `flotilla ${args.join(' ')} did not finish within ${withinMs} ms; stderr:\n${p.stderr().slice(-2000)}`,
        ),
      );
    }, withinMs);
  });
  try {
    return await Promise.race([p.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Re-checks `probe` every `everyMs` until it returns a value other than `undefined`, for at most
 * `withinMs` (a bound against hanging, not a timing assertion: Q7). Rejects naming `what`, with
 * `context()` (say, the child's stderr) for the failure message.
 */
export async function eventually<T>(
  what: string,
  withinMs: number,
  probe: () => Promise<T | undefined>,
  context: () => string = () => '',
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + withinMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      lastError = err; // not there yet (say, a branch that does not exist): keep waiting
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
      throw new Error(`timed out after ${withinMs} ms waiting for ${what}${why}\n${context().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
