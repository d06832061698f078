// Where the harness keeps its binaries (a cache outside the clone, kept
// between runs) and its running state (a temporary directory per user).
import os from 'node:os';
import path from 'node:path';

/** Absolute path of test/e2e. */
export const e2eDir: string = path.resolve(import.meta.dirname, '..');

/** Go modules that pin what `clusters build` compiles. */
export const toolModules = {
  kube: path.join(e2eDir, 'tools', 'kube'),
  kwok: path.join(e2eDir, 'tools', 'kwok'),
} as const;

/** Root of the binary cache: $FLOTILLA_E2E_CACHE or ~/.cache/flotilla-e2e. */
export function cacheRoot(): string {
  const fromEnv = process.env['FLOTILLA_E2E_CACHE'];
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  const xdg = process.env['XDG_CACHE_HOME'];
  const base = xdg !== undefined && xdg !== '' ? xdg : path.join(os.homedir(), '.cache');
  return path.join(base, 'flotilla-e2e');
}

/**
 * Directory of the running control planes: $FLOTILLA_E2E_STATE, or
 * ${TMPDIR:-/tmp}/flotilla-e2e-<uid> so that every invocation of
 * `clusters` by the same user finds the same clusters.
 */
export function stateDir(): string {
  const fromEnv = process.env['FLOTILLA_E2E_STATE'];
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  return path.join(os.tmpdir(), `flotilla-e2e-${os.userInfo().uid}`);
}
