/**
 * The git side of the Flux end-to-end tests: a fleet repo on the test git server (git's own
 * http-backend) whose Clusters are the harness members, changed by a user's clone and rendered by
 * the real `flotilla reconcile --once`; the GitRepository and Kustomization taken from
 * docs/argocd-flux.md (only the URL, the cluster path, the intervals and the timeouts replaced); and a wait
 * for a member's Flux to have applied a given rendered commit, triggered by annotation.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { getJson, kubectl } from '../cluster/harness.ts';
import { childEnv, runFlotilla } from '../git/helpers/cli-process.ts';
import { startGitServer, type GitServer } from '../git/helpers/git-server.ts';
import { cloneRepo, commitAndPush, gitCli, tempDir } from '../git/helpers/workspace.ts';
import { fluxObjectsFor } from './flux-doc.ts';
import { applyYaml } from './flux-rig.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

/** A fleet repo served over smart HTTP, a user's clone of it, and the rendered branch's tip. */
export interface FluxFleet {
  readonly server: GitServer;
  readonly url: string;
  readonly work: string;
  readonly scratch: string;
  /** Writes (text) or deletes (null) files in the clone, commits and pushes them to main. */
  push(files: Readonly<Record<string, string | null>>, message: string): Promise<string>;
  /** `flotilla reconcile --repo URL --once`; the rendered branch's new tip. */
  reconcile(): Promise<string>;
  /** The rendered branch's tip on the server. */
  renderedTip(): Promise<string>;
  cleanup(): Promise<void>;
}

/** Starts a git server with `fleet.git`: clusters/ (member1..3 of the harness) and `files` on main. */
export async function startFluxFleet(files: Readonly<Record<string, string>>): Promise<FluxFleet> {
  const tmp = tempDir('flotilla-flux-fleet-');
  try {
    mkdirSync(path.join(tmp.dir, 'server'));
    const server = await startGitServer(path.join(tmp.dir, 'server'));
    server.createRepo('fleet');
    const work = await cloneRepo(server.authUrl('fleet'), tmp.dir);
    cpSync(path.join(root, 'test', 'cluster', 'fleet', 'clusters'), path.join(work, 'clusters'), { recursive: true });
    const env = childEnv(path.join(tmp.dir, 'home'), {
      FLOTILLA_GIT_USERNAME: server.user,
      FLOTILLA_GIT_PASSWORD: server.password,
    });
    mkdirSync(path.join(tmp.dir, 'home'));
    const fleet: FluxFleet = {
      server,
      work,
      url: server.url('fleet'),
      scratch: tmp.dir,
      async push(changes, message) {
        for (const [file, text] of Object.entries(changes)) {
          const abs = path.join(work, file);
          if (text === null) rmSync(abs, { force: true });
          else {
            mkdirSync(path.dirname(abs), { recursive: true });
            writeFileSync(abs, text);
          }
        }
        return commitAndPush(work, message);
      },
      async reconcile() {
        const args = ['reconcile', '--repo', server.url('fleet'), '--once', '--cache-dir', path.join(tmp.dir, 'cache')];
        const r = await runFlotilla(args, tmp.dir, env, 120_000);
        if (r.code !== 0) throw new Error(`flotilla reconcile exited ${r.code}:\n${r.stderr.slice(-3000)}`);
        return fleet.renderedTip();
      },
      async renderedTip() {
        const line = await gitCli(work, 'ls-remote', 'origin', 'refs/heads/flotilla-rendered');
        const sha = line.split(/\s/)[0] ?? '';
        if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`no rendered branch on ${server.url('fleet')}`);
        return sha;
      },
      async cleanup() {
        await server.stop();
        tmp.cleanup();
      },
    };
    await fleet.push(files, 'Add the fleet');
    return fleet;
  } catch (err) {
    tmp.cleanup();
    throw err;
  }
}

/**
 * Installs the doc's objects for `cluster` on `context` (with the credentials Secret the doc's
 * GitRepository names, for the test server's user).
 */
export async function installFluxObjects(
  context: string,
  fleet: FluxFleet,
  cluster: string,
): Promise<{ gitRepository: string; kustomization: string }> {
  const { gitRepository, kustomization, yaml } = fluxObjectsFor(fleet.url, cluster);
  const secret = gitRepository['spec']['secretRef']?.['name'] as string | undefined;
  if (secret !== undefined) {
    await applyYaml(
      context,
      YAML.stringify({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: secret, namespace: gitRepository['metadata']['namespace'] },
        stringData: { username: fleet.server.user, password: fleet.server.password },
      }),
      fleet.scratch,
    );
  }
  await applyYaml(context, yaml, fleet.scratch);
  return { gitRepository: gitRepository['metadata']['name'], kustomization: kustomization['metadata']['name'] };
}

const condition = (obj: Record<string, any> | undefined, type: string) =>
  (obj?.['status']?.['conditions'] as Array<Record<string, string>> | undefined)?.find((c) => c['type'] === type);

/**
 * Asks `context`'s Flux to fetch now (reconcile.fluxcd.io/requestedAt on the GitRepository) and
 * waits until its Kustomization has applied the rendered commit `target` is (or, given a function,
 * the commit it returns each time: the tip of a branch something else keeps moving), and is
 * Ready. With `failFast`, fails at once when Flux attempted that commit and reported it not Ready
 * (path not found, a build or apply error); without, keeps waiting (a member coming back up may
 * fail an attempt or two). Resolves to the Kustomization.
 */
export async function fluxSyncedTo(
  context: string,
  target: string | (() => Promise<string>),
  { withinMs = 180_000, failFast = true } = {},
): Promise<Record<string, any>> {
  const { gitRepository, kustomization } = fluxObjectsFor('', '');
  const ns = gitRepository['metadata']['namespace'] as string;
  const deadline = Date.now() + withinMs;
  let requested = '';
  for (;;) {
    const sha = typeof target === 'string' ? target : await target();
    if (sha !== requested) {
      await kubectl(
        context,
        'annotate',
        '--overwrite',
        '-n',
        ns,
        'gitrepository',
        gitRepository['metadata']['name'],
        `reconcile.fluxcd.io/requestedAt=${sha}-${Date.now()}`,
      );
      requested = sha;
    }
    const ks = await getJson(context, '-n', ns, 'kustomization', kustomization['metadata']['name']);
    const status = ks?.['status'] ?? {};
    const ready = condition(ks, 'Ready');
    if (String(status['lastAppliedRevision'] ?? '').endsWith(sha) && ready?.['status'] === 'True')
      return ks as Record<string, any>;
    const attempted =
      String(status['lastAttemptedRevision'] ?? '').endsWith(sha) ||
      String(condition(ks, 'Reconciling')?.['message'] ?? '').includes(sha);
    if (failFast && attempted && ready?.['status'] === 'False') {
      throw new Error(`Flux on ${context} failed to apply ${sha}: ${ready['reason']}: ${ready['message']}`);
    }
    if (Date.now() > deadline) {
      const repo = await getJson(context, '-n', ns, 'gitrepository', gitRepository['metadata']['name']).catch(
        () => undefined,
      );
      throw new Error(
        `Flux on ${context} did not apply ${sha} within ${withinMs} ms; Kustomization status ${JSON.stringify(status)}; GitRepository status ${JSON.stringify(repo?.['status'])}`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
