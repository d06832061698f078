/** A fleet repo on the test git server, and reconcile contexts against it with an injected clock. */
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { ReconcileContext } from '../../../src/controller/reconcile.ts';
import { remoteStore } from '../../../src/git/index.ts';
import { openSource } from '../../../src/source/index.ts';
import { createStatusReader, statusFileLogFields } from '../../../src/writeback/index.ts';
import { startGitServer, type GitServer } from './git-server.ts';
import { cloneRepo, commitAndPush, gitCli, tempDir } from './workspace.ts';

/** The example fleet shipped with flotilla. */
export const exampleFleet = path.resolve(import.meta.dirname, '..', '..', '..', 'examples', 'fleet-repo');

/** The fixed time of every flotilla commit in tests (Q7: no real clock). */
export const testTime = new Date('2030-01-02T03:04:05Z');

/** A server with one fleet repo, a user's clone holding the example fleet, and a scratch area. */
export interface FleetRig {
  readonly server: GitServer;
  readonly work: string;
  readonly root: string;
  readonly url: string;
  readonly first: string;
  cleanup(): Promise<void>;
}

/** Starts a server, creates `fleet.git`, and pushes the example fleet to `main` as a user would. */
export function startFleetRig(): Promise<FleetRig> {
  return startFleetRigWith((work) => cpSync(exampleFleet, work, { recursive: true }), 'Add the fleet');
}

/** Starts a server, creates `fleet.git`, and pushes what `write` puts into the user's clone to `main`. */
export async function startFleetRigWith(write: (work: string) => void, message: string): Promise<FleetRig> {
  const tmp = tempDir();
  try {
    mkdirSync(path.join(tmp.dir, 'server'));
    const server = await startGitServer(path.join(tmp.dir, 'server'));
    server.createRepo('fleet');
    const work = await cloneRepo(server.authUrl('fleet'), tmp.dir);
    write(work);
    const first = await commitAndPush(work, message);
    return {
      server,
      work,
      root: tmp.dir,
      url: server.url('fleet'),
      first,
      cleanup: async () => {
        await server.stop();
        tmp.cleanup();
      },
    };
  } catch (err) {
    tmp.cleanup();
    throw err;
  }
}

/** `file` of the remote status branch as the user's clone `work` fetches it, parsed as YAML. */
export async function remoteStatusFile(work: string, file: string): Promise<unknown> {
  await gitCli(work, 'fetch', '--quiet', 'origin');
  return YAML.parse(await gitCli(work, 'show', `origin/flotilla-status:${file}`));
}

/** Log lines a context wrote, for assertions on kinds only. */
export type LogSink = Readonly<Record<string, unknown>>[];

/** A reconcile context for `rig`'s remote with its own cache directory (one per simulated process). */
export async function remoteContext(
  rig: FleetRig,
  cacheName: string,
  extra: Partial<ReconcileContext> = {},
  log: LogSink = [],
): Promise<ReconcileContext> {
  const credentials = { username: rig.server.user, password: rig.server.password };
  const source = await openSource({
    repo: rig.url,
    cwd: rig.root,
    branch: 'main',
    cacheRoot: path.join(rig.root, cacheName),
    credentials,
  });
  if (source.kind !== 'git') throw new Error('expected a git source');
  const target = extra.target ?? source.store;
  return {
    source,
    target,
    branches: {},
    identity: { name: 'flotilla', email: 'flotilla@localhost' },
    now: () => testTime,
    log: (f) => log.push(f),
    statusReader: createStatusReader(target, {
      onProblem: (p) => log.push({ level: 'warn', ...statusFileLogFields(p) }),
    }),
    ...extra,
  };
}

/** A second store on the same remote (another process's cache). */
export async function otherStore(rig: FleetRig, cacheName: string) {
  return remoteStore(
    { url: rig.url, credentials: { username: rig.server.user, password: rig.server.password } },
    path.join(rig.root, cacheName),
  );
}
