/**
 * `flotilla apply`, `status` and `clusters` as child processes (Q6) on a small fleet whose
 * Clusters are member1..3 of test/e2e/clusters. FLOTILLA_E2E=0 skips.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flotilla } from './controller-rig.ts';
import { e2eEnabled, eventually, getJson, kubectl, members } from './harness.ts';

interface Report {
  clusters: {
    cluster: string;
    ok: boolean;
    objects: { kind: string; name: string; action: string }[];
    pruned: { kind: string; name: string; action: string }[];
  }[];
}
const replicasOn = async (ctx: string) =>
  (await getJson(ctx, 'deployment', 'web', '-n', 'shop'))?.['spec']?.['replicas'] as number | undefined;

(e2eEnabled ? describe : describe.skip)('flotilla apply / status / clusters (e2e, child process)', function () {
  this.timeout(180_000);
  let kubeconfig = '';
  let repo = '';

  before(async function () {
    this.timeout(300_000);
    ({ kubeconfig } = await members());
    repo = mkdtempSync(path.join(os.tmpdir(), 'flotilla-fleet-'));
    cpSync(path.join(import.meta.dirname, 'fleet'), repo, { recursive: true });
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  it('applies the fleet to three members; a second apply reports every object unchanged', async () => {
    const first = await flotilla('apply', '--repo', repo, '--kubeconfig', kubeconfig, '-o', 'json');
    assert.equal(first.status, 0, first.stderr);
    const r = JSON.parse(first.stdout) as Report;
    assert.deepEqual(
      r.clusters.map((c) => c.ok),
      [true, true, true],
    );
    assert.deepEqual(await Promise.all(['member1', 'member2', 'member3'].map(replicasOn)), [2, 2, 2]);
    const second = JSON.parse(
      (await flotilla('apply', '--repo', repo, '--kubeconfig', kubeconfig, '-o', 'json')).stdout,
    ) as Report;
    for (const c of second.clusters)
      assert.deepEqual([...new Set(c.objects.map((o) => o.action))], ['unchanged'], c.cluster);
  });

  it('status shows ready replicas and health once the pods run', async () => {
    const status = await eventually('web ready on all members', 120_000, async () => {
      const s = await flotilla('status', '--repo', repo, '--kubeconfig', kubeconfig, '-o', 'json');
      return s.status === 0
        ? (JSON.parse(s.stdout) as {
            bindings: {
              resource: { kind: string };
              aggregatedStatus: { readyReplicas?: number } | null;
              clusters: { health: string }[];
            }[];
          })
        : undefined;
    });
    const web = status.bindings.find((b) => b.resource.kind === 'Deployment');
    assert.equal(web?.aggregatedStatus?.readyReplicas, 6);
    assert.deepEqual(
      web?.clusters.map((c) => c.health),
      ['Healthy', 'Healthy', 'Healthy'],
    );
    const table = await flotilla('status', '--repo', repo, '--kubeconfig', kubeconfig);
    assert.match(table.stdout, /Deployment\/web\s+member1:2\/2,member2:2\/2,member3:2\/2\s+6\/6\s+True\s+Healthy/);
  });

  it('capacity read from the members drives a dynamic-weight division (a scale-up goes where there is room)', async () => {
    const hog = JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'hog', namespace: 'default' },
      spec: {
        replicas: 4,
        selector: { matchLabels: { app: 'hog' } },
        template: {
          metadata: { labels: { app: 'hog' } },
          spec: { containers: [{ name: 'hog', image: 'busybox', resources: { requests: { cpu: '3' } } }] },
        },
      },
    });
    const file = path.join(repo, '..', `hog-${process.pid}.json`);
    const app = path.join(repo, 'apps', 'web.yaml');
    writeFileSync(file, hog);
    try {
      await kubectl('member1', 'apply', '-f', file);
      await eventually('hog pods bound', 120_000, async () => {
        const c = JSON.parse((await flotilla('clusters', '--kubeconfig', kubeconfig, '-o', 'json')).stdout) as {
          clusters: { metadata: { name: string }; status?: { resourceSummary?: { allocated?: { cpu?: string } } } }[];
        };
        const m1 = c.clusters.find((x) => x.metadata.name === 'member1');
        return m1?.status?.resourceSummary?.allocated?.cpu === '14' ? true : undefined;
      });
      // Unchanged in git: the previous placement (read back from the members) stands, as in Karmada's Steady mode.
      const same = await flotilla('apply', '--repo', repo, '--kubeconfig', kubeconfig, '-o', 'json');
      assert.equal(same.status, 0, same.stderr);
      assert.deepEqual(await Promise.all(['member1', 'member2', 'member3'].map(replicasOn)), [2, 2, 2]);
      // Scaled up in git: the 6 new replicas are divided by free capacity, so member1 gets the fewest.
      writeFileSync(app, readFileSync(app, 'utf8').replace('replicas: 6', 'replicas: 12'));
      const r = await flotilla('apply', '--repo', repo, '--kubeconfig', kubeconfig, '-o', 'json');
      assert.equal(r.status, 0, r.stderr);
      const [m1, m2, m3] = await Promise.all(['member1', 'member2', 'member3'].map(replicasOn));
      assert.ok((m1 ?? 0) < (m2 ?? 0) && (m1 ?? 0) < (m3 ?? 0), `member1 has less room: ${m1}/${m2}/${m3}`);
      assert.equal((m1 ?? 0) + (m2 ?? 0) + (m3 ?? 0), 12);
    } finally {
      writeFileSync(app, readFileSync(app, 'utf8').replace('replicas: 12', 'replicas: 6'));
      await kubectl('member1', 'delete', '-f', file, '--ignore-not-found');
      rmSync(file, { force: true });
    }
  });

  it('a policy change moves replicas and prunes exactly the dropped objects', async () => {
    const policy = path.join(repo, 'policies', 'web.yaml');
    writeFileSync(
      policy,
      readFileSync(policy, 'utf8').replace(
        'clusterNames: [member1, member2, member3]',
        'clusterNames: [member1, member2]',
      ),
    );
    const r = await flotilla('apply', '--repo', repo, '--kubeconfig', kubeconfig, '-o', 'json');
    assert.equal(r.status, 0, r.stderr);
    const rep = JSON.parse(r.stdout) as Report;
    const m3 = rep.clusters.find((c) => c.cluster === 'member3');
    assert.deepEqual(m3?.pruned.map((o) => `${o.kind}/${o.name}:${o.action}`).sort(), [
      'ConfigMap/web-config:deleted',
      'Deployment/web:deleted',
      'Namespace/shop:orphaned',
      'Service/web:deleted',
    ]);
    assert.deepEqual(
      rep.clusters.filter((c) => c.cluster !== 'member3').map((c) => c.pruned),
      [[], []],
    );
    assert.equal(await replicasOn('member3'), undefined);
    assert.ok(
      await getJson('member3', 'namespace', 'shop'),
      'a rendered namespace is never pruned (flotilla.io/prune: disabled)',
    );
    assert.equal(((await replicasOn('member1')) ?? 0) + ((await replicasOn('member2')) ?? 0), 6);
  });

  it('clusters reports Ready, version and capacity per member', async () => {
    const c = await flotilla('clusters', '--kubeconfig', kubeconfig, '--repo', repo, '-o', 'json');
    assert.equal(c.status, 0, c.stderr);
    const out = JSON.parse(c.stdout) as {
      clusters: {
        metadata: { name: string };
        status: {
          kubernetesVersion: string;
          resourceSummary: { allocatable: Record<string, string> };
          conditions: { type: string; status: string }[];
        };
      }[];
    };
    assert.deepEqual(
      out.clusters.map((x) => x.metadata.name),
      ['member1', 'member2', 'member3'],
    );
    for (const x of out.clusters) {
      assert.match(x.status.kubernetesVersion, /^v1\./);
      assert.equal(x.status.resourceSummary.allocatable['cpu'], '16');
      assert.equal(x.status.conditions.find((k) => k.type === 'Ready')?.status, 'True');
    }
  });

  it('an invalid revision applies nothing and exits 1; an unknown flag exits 2', async () => {
    writeFileSync(
      path.join(repo, 'apps', 'broken.yaml'),
      'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: broken, namespace: shop}\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]\n  placement: {replicaScheduling: {replicaSchedulingTyp: Divided}}\n',
    );
    const r = await flotilla('apply', '--repo', repo, '--kubeconfig', kubeconfig, '-o', 'json');
    assert.equal(r.status, 1);
    assert.deepEqual(JSON.parse(r.stdout).clusters, []);
    assert.match(r.stderr, /nothing was applied or pruned/);
    const u = await flotilla('apply', '--repo', repo, '--prune=maybe');
    assert.equal(u.status, 2);
    assert.match(u.stderr, /--prune must be one of: true, false/);
  });
});
