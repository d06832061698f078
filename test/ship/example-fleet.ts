/**
 * The example fleet (examples/fleet-repo) as a user's fleet repo outside the checkout: a git
 * repository on `main` with two commits, the second scaling the frontend from 6 to 9 replicas,
 * so `flotilla diff --base BASE --head HEAD` has something to show (flotilla resolves names and
 * commit ids, not `HEAD~1`).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gitCli } from '../git/helpers/workspace.ts';
import { root, workDir } from './artifacts.ts';

/** The file the second commit changes, and how. */
export const scaledFile = 'apps/shop/frontend.yaml';

/** A fleet repo: its directory and the commit ids of its two commits. */
export interface FleetRepo {
  readonly dir: string;
  readonly base: string;
  readonly head: string;
}

/** A new fleet repo under the ship work dir (removed with it). */
export async function exampleFleetRepo(name: string): Promise<FleetRepo> {
  const dir = mkdtempSync(path.join(workDir, `${name}-`));
  cpSync(path.join(root, 'examples', 'fleet-repo'), dir, { recursive: true });
  await gitCli(dir, 'init', '--quiet', '--initial-branch', 'main');
  await gitCli(dir, 'add', '-A');
  await gitCli(dir, 'commit', '--quiet', '-m', 'The example fleet');
  const base = (await gitCli(dir, 'rev-parse', 'HEAD')).trim();
  const file = path.join(dir, scaledFile);
  const text = readFileSync(file, 'utf8');
  if (!/^ {2}replicas: 6$/m.test(text))
    throw new Error(`${scaledFile} no longer has "replicas: 6"; update the fixture`);
  writeFileSync(file, text.replace(/^ {2}replicas: 6$/m, '  replicas: 9'));
  await gitCli(dir, 'commit', '--quiet', '-am', 'Scale the frontend to 9');
  return { dir, base, head: (await gitCli(dir, 'rev-parse', 'HEAD')).trim() };
}

/**
 * Commits two ConfigMaps of 600 KiB each: past src/cli/load-worker.ts workerMinBytes, so `flotilla
 * diff` loads the head on a worker thread where it can, and under the 1.5 MiB object limit.
 */
export async function commitBigConfigMaps(dir: string): Promise<void> {
  for (const n of [1, 2])
    writeFileSync(
      path.join(dir, `apps/shop/blob-${n}.yaml`),
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: blob-${n}\n  namespace: shop\ndata:\n  blob: "${'x'.repeat(600 * 1024)}"\n`,
    );
  await gitCli(dir, 'add', '-A');
  await gitCli(dir, 'commit', '--quiet', '-m', 'Big ConfigMaps');
}
