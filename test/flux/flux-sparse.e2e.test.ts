/**
 * One cluster's Flux at a thousand clusters (issue 25 goal 5): a rendered branch of 1,000 clusters
 * (renderedFiles of generated Works: per cluster a Namespace, four ConfigMaps every cluster shares
 * and one of its own) on the test git server; member1's real source-controller follows it with the
 * doc's GitRepository (`sparseCheckout: [clusters/member1]`) and the doc's Kustomization applies
 * member1's folder. Its artifact holds member1's folder only; a second GitRepository without
 * sparseCheckout, for comparison, archives every cluster. Both fetch the same bytes from git:
 * source-controller's go-git clone is shallow but not partial, so sparse checkout shrinks the
 * artifact (what kustomize-controller downloads and unpacks), not the fetch. Then flotilla's own
 * writer publishes the 1,000 per-cluster branches in one push, and a third GitRepository (the doc's
 * "A branch per cluster" block) on member1's branch fetches member1's folder plus the list of every
 * branch, and an unchanged poll fetches the list alone. FLOTILLA_FLUX_FIGURES=1 prints the figures
 * docs/scaling.md quotes.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { defaultIdentity, remoteStore } from '../../src/git/index.ts';
import type { Work } from '../../src/render/index.ts';
import { writeClusterBranches } from '../../src/writeback/index.ts';
import { renderedFiles } from '../../src/writeback/rendered-tree.ts';
import { e2eEnabled, eventually, getJson, kubectl, members } from '../cluster/harness.ts';
import { startGitServer, type GitServer } from '../git/helpers/git-server.ts';
import { cloneRepo, commitAndPush, tempDir } from '../git/helpers/workspace.ts';
import { clusterBranchSourceFor, fluxObjectsFor } from './flux-doc.ts';
import { fluxSyncedTo } from './flux-fleet.ts';
import { applyYaml, buildFlux, startFlux, type FluxRig } from './flux-rig.ts';

const clusterCount = 1000;
const ns = 'flux-sparse';
const clusterNames = [
  'member1',
  ...Array.from({ length: clusterCount - 1 }, (_, i) => `edge-${String(i).padStart(4, '0')}`),
];

function configMap(name: string, data: Record<string, string>): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns, labels: { 'app.kubernetes.io/managed-by': 'flotilla' } },
    data,
  };
}

/** The Works of the generated fleet: what every cluster shares, and one ConfigMap of its own. */
function works(): Work[] {
  const shared = ['agent', 'logging', 'metrics', 'policy'].map((n) =>
    configMap(`addon-${n}`, { config: `${n}: ${'y'.repeat(400)}` }),
  );
  return clusterNames.map(
    (c) =>
      ({
        apiVersion: 'work.karmada.io/v1alpha1',
        kind: 'Work',
        metadata: { name: 'fleet', namespace: `karmada-es-${c}` },
        spec: {
          workload: {
            manifests: [
              { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
              ...shared,
              configMap('cluster-info', { cluster: c, endpoint: `https://${c}.example.com:6443` }),
            ],
          },
        },
      }) as unknown as Work,
  );
}

const condition = (obj: Record<string, any> | undefined, type: string) =>
  (obj?.['status']?.['conditions'] as Array<Record<string, string>> | undefined)?.find((c) => c['type'] === type);

/** Waits for a GitRepository to be Ready at `sha`; its artifact status. */
async function artifactAt(name: string, sha: string): Promise<{ url: string; size: number }> {
  return eventually(`GitRepository ${name} ready at ${sha}`, 180_000, async () => {
    const repo = await getJson('member1', '-n', 'flux-system', 'gitrepository', name);
    const artifact = repo?.['status']?.['artifact'];
    if (condition(repo, 'Ready')?.['status'] !== 'True' || !String(artifact?.['revision'] ?? '').endsWith(sha))
      return undefined;
    return { url: String(artifact['url']), size: Number(artifact['size']) };
  });
}

/** The YAML files of an artifact tarball (its directories are entries too). */
async function entries(url: string, scratch: string): Promise<string[]> {
  const res = await fetch(url);
  assert.equal(res.status, 200, `artifact ${url}`);
  const file = path.join(scratch, `${path.basename(new URL(url).pathname)}`);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return execFileSync('tar', ['-tzf', file], { encoding: 'utf8' })
    .split('\n')
    .filter((e) => e.endsWith('.yaml'));
}

/** The files of an artifact, asserted to be member1's folder alone (its 7 files). */
async function member1Files(url: string, scratch: string): Promise<string[]> {
  const names = await entries(url, scratch);
  assert.deepEqual(
    names.filter((n) => !n.startsWith('clusters/member1/')),
    [],
    "the artifact holds other clusters' files",
  );
  assert.equal(names.length, 7, names.join(', '));
  return names;
}

(e2eEnabled ? describe : describe.skip)(
  'Flux sparse checkout of one cluster of a 1,000-cluster rendered branch (e2e, real source-controller)',
  function () {
    this.timeout(300_000);
    let flux: FluxRig | undefined;
    let server: GitServer | undefined;
    const tmp = tempDir('flotilla-flux-sparse-');
    let sha = '';
    let files = 0;
    /** What the first test measured, for the per-cluster branch's comparison. */
    let fullBranch = { fetchedBytes: 0, artifactBytes: 0 };

    before(async function () {
      this.timeout(3_600_000); // a cold Flux build
      await buildFlux();
      await members();
      mkdirSync(path.join(tmp.dir, 'server'));
      server = await startGitServer(path.join(tmp.dir, 'server'));
      server.createRepo('fleet');
      const work = await cloneRepo(server.authUrl('fleet'), tmp.dir);
      const tree = renderedFiles(works(), clusterNames);
      for (const [rel, text] of tree) {
        mkdirSync(path.dirname(path.join(work, rel)), { recursive: true });
        writeFileSync(path.join(work, rel), text);
      }
      files = tree.size;
      sha = await commitAndPush(work, 'Rendered 1,000 clusters', 'flotilla-rendered');
      flux = await startFlux('member1');
    });
    after(async function () {
      this.timeout(60_000);
      await flux?.stop();
      await server?.stop();
      tmp.cleanup();
    });

    it("the doc's sparse GitRepository archives member1's folder only, and its Kustomization applies it", async () => {
      if (!server) throw new Error('no server');
      const { gitRepository, yaml } = fluxObjectsFor(server.url('fleet'), 'member1');
      const secret = gitRepository['spec']['secretRef']?.['name'] as string | undefined;
      if (secret !== undefined)
        await applyYaml(
          'member1',
          YAML.stringify({
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: secret, namespace: 'flux-system' },
            stringData: { username: server.user, password: server.password },
          }),
          tmp.dir,
        );
      const before = server.bytesSent;
      await applyYaml('member1', yaml, tmp.dir);
      await fluxSyncedTo('member1', sha);
      const sparse = await artifactAt(gitRepository['metadata']['name'], sha);
      const sparseFetched = server.bytesSent - before;
      const names = await member1Files(sparse.url, tmp.dir);
      assert.deepEqual(
        (await getJson('member1', 'configmap', 'cluster-info', '-n', ns))?.['data']?.['cluster'],
        'member1',
      );

      // The same source without sparseCheckout, for comparison (no Kustomization follows it).
      const full = {
        ...gitRepository,
        metadata: { ...gitRepository['metadata'], name: 'fleet-rendered-full' },
        spec: { ...gitRepository['spec'] },
      };
      delete full.spec['sparseCheckout'];
      const beforeFull = server.bytesSent;
      await applyYaml('member1', YAML.stringify(full), tmp.dir);
      const whole = await artifactAt('fleet-rendered-full', sha);
      const fullFetched = server.bytesSent - beforeFull;
      assert.equal((await entries(whole.url, tmp.dir)).length, files);
      assert.ok(sparse.size * 100 < whole.size, `sparse artifact ${sparse.size} B, full ${whole.size} B`);
      // Sparse checkout does not shrink the fetch: both clone the branch tip's whole tree.
      assert.ok(sparseFetched > fullFetched / 2, `fetched ${sparseFetched} B sparse, ${fullFetched} B full`);
      fullBranch = { fetchedBytes: fullFetched, artifactBytes: whole.size };
      if (process.env['FLOTILLA_FLUX_FIGURES'] === '1') {
        process.stderr.write(
          `${JSON.stringify({ clusters: clusterCount, files, sparse: { fetchedBytes: sparseFetched, artifactBytes: sparse.size, artifactFiles: names.length }, full: { fetchedBytes: fullFetched, artifactBytes: whole.size, artifactFiles: files } })}\n`,
        );
      }
    });

    it("a GitRepository on member1's own branch fetches member1's folder, not the fleet's", async () => {
      if (!server) throw new Error('no server');
      // The other sources stop polling, so the bytes counted below are this source's alone.
      for (const name of ['fleet-rendered', 'fleet-rendered-full'])
        await kubectl(
          'member1',
          'patch',
          '-n',
          'flux-system',
          'gitrepository',
          name,
          '--type=merge',
          '-p',
          '{"spec":{"suspend":true}}',
        );
      // flotilla's cache fetches the remote's HEAD first: name a branch that exists.
      execFileSync('git', [
        '--git-dir',
        path.join(tmp.dir, 'server', 'fleet.git'),
        'symbolic-ref',
        'HEAD',
        'refs/heads/flotilla-rendered',
      ]);
      const listBefore = await advertisedBytes(server);
      const store = await remoteStore(
        { url: server.url('fleet'), credentials: { username: server.user, password: server.password } },
        path.join(tmp.dir, 'cache'),
      );
      await store.refresh();
      const pushes = server.receivePacks;
      const written = await writeClusterBranches(
        store,
        {
          renderedBranch: 'flotilla-rendered',
          clusters: clusterNames,
          reserved: ['main', 'flotilla-status', 'flotilla-rendered'],
        },
        { identity: defaultIdentity, now: () => new Date('2030-01-02T03:04:05Z') },
      );
      assert.equal(written.moved.length, clusterCount);
      assert.equal(server.receivePacks - pushes, 1, 'every cluster branch in one push');
      const own = written.moved.find((m) => m.cluster === 'member1')?.commit ?? '';
      const listAfter = await advertisedBytes(server);

      const source = clusterBranchSourceFor(server.url('fleet'), 'member1');
      source['metadata']['name'] = 'fleet-rendered-member1';
      source['spec']['interval'] = '1h'; // fetches only when asked below: no poll of its own lands in a measurement
      const before = server.bytesSent;
      const listsBefore = server.refLists;
      await applyYaml('member1', YAML.stringify(source), tmp.dir);
      const branch = await artifactAt('fleet-rendered-member1', own);
      const fetched = server.bytesSent - before;
      const lists = server.refLists - listsBefore;
      const names = await member1Files(branch.url, tmp.dir);
      // What comes beyond the lists of branches is member1's folder: a small fraction of the whole tip.
      const objects = fetched - lists * listAfter;
      assert.ok(
        objects * 20 < fullBranch.fetchedBytes,
        `fetched ${fetched} B (${lists} lists of ${listAfter} B), whole branch ${fullBranch.fetchedBytes} B`,
      );

      // A poll that finds the branch unchanged: source-controller lists the refs, and fetches nothing.
      const token = `noop-${Date.now()}`;
      const beforePoll = server.bytesSent;
      const packsBeforePoll = server.uploadPacks;
      await kubectl(
        'member1',
        'annotate',
        '--overwrite',
        '-n',
        'flux-system',
        'gitrepository',
        'fleet-rendered-member1',
        `reconcile.fluxcd.io/requestedAt=${token}`,
      );
      await eventually('the unchanged poll handled', 120_000, async () => {
        const repo = await getJson('member1', '-n', 'flux-system', 'gitrepository', 'fleet-rendered-member1');
        return repo?.['status']?.['lastHandledReconcileAt'] === token ? true : undefined;
      });
      const poll = server.bytesSent - beforePoll;
      assert.equal(server.uploadPacks - packsBeforePoll, 0, `an unchanged poll fetched objects (${poll} B)`);
      if (process.env['FLOTILLA_FLUX_FIGURES'] === '1')
        process.stderr.write(
          `${JSON.stringify({ clusters: clusterCount, clusterBranch: { fetchedBytes: fetched, refLists: lists, objectBytes: objects, artifactBytes: branch.size, artifactFiles: names.length, unchangedPollBytes: poll }, refList: { oneBranch: listBefore, withClusterBranches: listAfter }, fullBranch })}\n`,
        );
    });
  },
);

/** Bytes of the ref list a fetching client gets (`info/refs?service=git-upload-pack`, protocol v0). */
async function advertisedBytes(server: GitServer): Promise<number> {
  const res = await fetch(`${server.url('fleet')}/info/refs?service=git-upload-pack`, {
    headers: { authorization: `Basic ${Buffer.from(`${server.user}:${server.password}`).toString('base64')}` },
  });
  assert.equal(res.status, 200);
  return (await res.arrayBuffer()).byteLength;
}
