/**
 * Server-side apply, idempotence, pruning, drift, ownership, conflicts, server rejections and
 * unreachable members, against real kube-apiservers (test/e2e/clusters). FLOTILLA_E2E=0 skips.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KubeObject } from '../../src/api/index.ts';
import { applyFleet, type FleetApplyResult } from '../../src/cluster/apply-fleet.ts';
import type { ClusterResult } from '../../src/cluster/reconcile-cluster.ts';
import { applyOptions, configMap, deployment, namespace, planOf, service } from './fixtures.ts';
import { e2eEnabled, getJson, kubectl, members, startMember, stopMember } from './harness.ts';

const ns = 'e2e-apply';
const all = ['member1', 'member2', 'member3'];

function byCluster(r: FleetApplyResult, name: string): ClusterResult {
  const c = r.clusters.find((x) => x.cluster === name);
  assert.ok(c, `result for ${name}`);
  return c;
}
function actions(c: ClusterResult): Record<string, string> {
  return Object.fromEntries([...c.objects, ...c.pruned].map((o) => [`${o.id.kind}/${o.id.name}`, o.outcome.action]));
}
/**
 * What an apply could have written: the resourceVersion of an object without a status, and for a
 * Deployment (whose controller keeps writing its status) the generation and the managers of its
 * main resource. A write by flotilla changes one of them; the Deployment controller changes none.
 */
async function writtenState(context: string): Promise<Record<string, string>> {
  const list = await getJson(context, 'configmaps,deployments,services', '-n', ns);
  return Object.fromEntries(
    (list?.['items'] ?? []).map((i: KubeObject) => {
      const meta = i.metadata as Record<string, unknown>;
      const managed = ((meta['managedFields'] ?? []) as Array<Record<string, unknown>>).filter(
        (m) => m['subresource'] === undefined,
      );
      const state =
        i.kind === 'Deployment'
          ? JSON.stringify({ generation: meta['generation'], managed })
          : String(meta['resourceVersion']);
      return [`${i.kind}/${i.metadata.name}`, state];
    }),
  );
}

(e2eEnabled ? describe : describe.skip)('apply to real members (e2e)', function () {
  this.timeout(120_000);
  let kubeconfig = '';
  const rev = 'rev-1';
  const base = (revision: string) => [
    namespace(ns, revision),
    configMap(ns, 'a', { k: '1' }, revision),
    configMap(ns, 'b', { k: '2' }, revision),
    deployment(ns, 'web', 2, revision),
    service(ns, 'web', revision),
  ];

  before(async function () {
    this.timeout(300_000);
    ({ kubeconfig } = await members());
  });

  it('applies to three members; a second apply changes nothing (no write reaches the servers)', async () => {
    const plan = planOf(rev, Object.fromEntries(all.map((c) => [c, base(rev)])));
    const first = await applyFleet(plan, applyOptions(kubeconfig));
    for (const c of first.clusters) assert.equal(c.ok, true, `${c.cluster}: ${c.message}`);
    assert.deepEqual(actions(byCluster(first, 'member1'))['Deployment/web'], 'created');
    const before = await Promise.all(all.map(writtenState));
    const second = await applyFleet(plan, applyOptions(kubeconfig));
    for (const c of second.clusters)
      assert.deepEqual(new Set(Object.values(actions(c))), new Set(['unchanged']), c.cluster);
    assert.deepEqual(await Promise.all(all.map(writtenState)), before);
  });

  it('prunes exactly the objects the plan dropped, only where dropped', async () => {
    const plan = planOf(rev, {
      member1: base(rev).filter((m) => m.metadata.name !== 'b'),
      member2: base(rev),
      member3: [namespace(ns, rev), configMap(ns, 'a', { k: '1' }, rev)],
    });
    const r = await applyFleet(plan, applyOptions(kubeconfig));
    assert.deepEqual(
      byCluster(r, 'member1').pruned.map((o) => `${o.id.kind}/${o.id.name}:${o.outcome.action}`),
      ['ConfigMap/b:deleted'],
    );
    assert.deepEqual(byCluster(r, 'member2').pruned, []);
    assert.deepEqual(
      byCluster(r, 'member3')
        .pruned.map((o) => `${o.id.kind}/${o.id.name}`)
        .sort(),
      ['ConfigMap/b', 'Deployment/web', 'Service/web'],
    );
    assert.equal(await getJson('member1', 'configmap', 'b', '-n', ns), undefined);
    assert.ok(await getJson('member2', 'configmap', 'b', '-n', ns));
    assert.equal(await getJson('member3', 'deployment', 'web', '-n', ns), undefined);
    assert.ok(await getJson('member3', 'configmap', 'a', '-n', ns));
  });

  it('detects an object changed by hand, names the manager, and corrects it', async () => {
    const plan = planOf(rev, { member1: base(rev) });
    await applyFleet(plan, applyOptions(kubeconfig));
    await kubectl('member1', 'patch', 'configmap', 'a', '-n', ns, '--type', 'merge', '-p', '{"data":{"k":"edited"}}');
    await kubectl('member1', 'scale', 'deployment', 'web', '-n', ns, '--replicas', '5');
    const r = await applyFleet(plan, applyOptions(kubeconfig));
    const m1 = byCluster(r, 'member1');
    const cm = m1.objects.find((o) => o.id.name === 'a');
    assert.deepEqual(cm?.outcome, { action: 'drift-corrected', paths: ['.data.k'], managers: ['kubectl-patch'] });
    assert.equal(m1.objects.find((o) => o.id.kind === 'Deployment')?.outcome.action, 'drift-corrected');
    assert.equal((await getJson('member1', 'configmap', 'a', '-n', ns))?.['data']?.['k'], '1');
    assert.equal((await getJson('member1', 'deployment', 'web', '-n', ns))?.['spec']?.['replicas'], 2);
  });

  it('never deletes an object flotilla does not own, even when it has the same name', async () => {
    await applyFleet(
      planOf(rev, { member1: [...base(rev), configMap(ns, 'c', { k: 'x' }, rev)] }),
      applyOptions(kubeconfig),
    );
    await kubectl('member1', 'delete', 'configmap', 'c', '-n', ns);
    await kubectl('member1', 'create', 'configmap', 'c', '-n', ns, '--from-literal=mine=yes');
    const r = await applyFleet(planOf(rev, { member1: base(rev) }), applyOptions(kubeconfig));
    const c = byCluster(r, 'member1').pruned.find((o) => o.id.name === 'c');
    assert.equal(c?.outcome.action === 'orphaned' ? c.outcome.reason : c?.outcome.action, 'NotOwned');
    assert.equal((await getJson('member1', 'configmap', 'c', '-n', ns))?.['data']?.['mine'], 'yes');
  });

  it('reports a field manager conflict (manager and field) and takes it over only with force', async () => {
    await kubectl('member1', 'delete', 'configmap', 'c', '-n', ns, '--ignore-not-found');
    const plan = planOf(rev, { member1: base(rev) });
    await applyFleet(plan, applyOptions(kubeconfig));
    const other = JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a', namespace: ns },
      data: { k: 'theirs' },
    });
    const file = path.join(os.tmpdir(), `flotilla-e2e-team-x-${process.pid}.json`);
    writeFileSync(file, other);
    try {
      await kubectl('member1', 'apply', '--server-side', '--force-conflicts', '--field-manager', 'team-x', '-f', file);
    } finally {
      rmSync(file, { force: true });
    }
    const r = await applyFleet(plan, applyOptions(kubeconfig));
    const a = byCluster(r, 'member1').objects.find((o) => o.id.name === 'a');
    assert.equal(a?.outcome.action, 'failed');
    assert.deepEqual(a?.outcome.action === 'failed' ? a.outcome.conflicts : undefined, [
      { manager: 'team-x', fields: ['.data.k'] },
    ]);
    assert.equal(byCluster(r, 'member1').ok, false);
    const forced = await applyFleet(plan, applyOptions(kubeconfig, { forceConflicts: true }));
    assert.equal(byCluster(forced, 'member1').ok, true, byCluster(forced, 'member1').message);
    assert.equal((await getJson('member1', 'configmap', 'a', '-n', ns))?.['data']?.['k'], '1');
  });

  it('fails an object the server rejects with the server message; nothing of its stage is applied, the rest stays', async () => {
    const ok = planOf(rev, { member1: base(rev) });
    await applyFleet(ok, applyOptions(kubeconfig));
    const versionsOf = async () =>
      Promise.all(
        ['a', 'b'].map(
          async (name) => (await getJson('member1', 'configmap', name, '-n', ns))?.['metadata']?.['resourceVersion'],
        ),
      );
    const before = await versionsOf();
    // ConfigMap a changes too: were the stage applied, its resourceVersion would move.
    const bad = base('rev-2').map((m) =>
      m.kind === 'Deployment'
        ? { ...m, spec: { ...(m['spec'] as object), bogusField: true } }
        : m.kind === 'ConfigMap' && m.metadata.name === 'a'
          ? configMap(ns, 'a', { k: 'rev-2' }, 'rev-2')
          : m,
    );
    const r = await applyFleet(
      planOf('rev-2', { member1: [...bad, configMap(ns, 'new', { k: 'n' }, 'rev-2')] }),
      applyOptions(kubeconfig),
    );
    const m1 = byCluster(r, 'member1');
    const web = m1.objects.find((o) => o.id.kind === 'Deployment');
    assert.equal(web?.outcome.action, 'failed');
    assert.match(
      web?.outcome.action === 'failed' ? web.outcome.message : '',
      /Deployment e2e-apply\/web: .*bogusField/,
    );
    assert.equal(m1.objects.find((o) => o.id.name === 'new')?.outcome.action, 'skipped');
    assert.deepEqual(m1.pruned, []);
    assert.equal(await getJson('member1', 'configmap', 'new', '-n', ns), undefined);
    assert.deepEqual(await versionsOf(), before);
  });

  it('applies CRDs first and waits for them; a kind the member does not serve fails that object only', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.e2e.flotilla.io' },
      spec: {
        group: 'e2e.flotilla.io',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    };
    const widget = {
      apiVersion: 'e2e.flotilla.io/v1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: ns },
      spec: { size: 3 },
    };
    const { owned } = await import('./fixtures.ts');
    const r = await applyFleet(
      planOf(rev, {
        member1: [...base(rev), owned(crd, 'widgets', rev), owned(widget, `${ns}/w-widget`, rev)],
        member2: [...base(rev), owned(widget, `${ns}/w-widget`, rev)],
      }),
      applyOptions(kubeconfig),
    );
    assert.equal(byCluster(r, 'member1').ok, true, byCluster(r, 'member1').message);
    assert.equal((await getJson('member1', 'widget', 'w', '-n', ns))?.['spec']?.['size'], 3);
    const w2 = byCluster(r, 'member2').objects.find((o) => o.id.kind === 'Widget');
    assert.equal(w2?.outcome.action === 'failed' ? w2.outcome.reason : w2?.outcome.action, 'NotServed');
    assert.match(w2?.outcome.action === 'failed' ? w2.outcome.message : '', /member2 does not serve Widget/);
  });

  it('a stopped member is unreachable and not pruned while the others converge; it catches up when restarted', async () => {
    await applyFleet(planOf(rev, Object.fromEntries(all.map((c) => [c, base(rev)]))), applyOptions(kubeconfig));
    await stopMember('member2');
    try {
      const next = planOf(
        'rev-3',
        Object.fromEntries(
          all.map((c) => [
            c,
            [...base('rev-3').filter((m) => m.metadata.name !== 'b'), configMap(ns, 'd', { k: '4' }, 'rev-3')],
          ]),
        ),
      );
      const r = await applyFleet(next, applyOptions(kubeconfig, { timeoutMs: 10_000 }));
      assert.deepEqual(
        r.clusters.map((c) => [c.cluster, c.ok]),
        [
          ['member1', true],
          ['member2', false],
          ['member3', true],
        ],
      );
      assert.equal(byCluster(r, 'member2').reason, 'ClusterUnreachable');
      assert.match(byCluster(r, 'member2').message, /member2/);
      assert.deepEqual(byCluster(r, 'member2').pruned, []);
      assert.ok(await getJson('member3', 'configmap', 'd', '-n', ns));
      await startMember('member2');
      assert.ok(await getJson('member2', 'configmap', 'b', '-n', ns), 'nothing was pruned on the unreachable member');
      const caught = await applyFleet(next, applyOptions(kubeconfig));
      assert.equal(byCluster(caught, 'member2').ok, true, byCluster(caught, 'member2').message);
      assert.equal(await getJson('member2', 'configmap', 'b', '-n', ns), undefined);
      assert.ok(await getJson('member2', 'configmap', 'd', '-n', ns));
    } finally {
      await startMember('member2').catch(() => undefined);
    }
  });

  it('a dry-run reports what would change and writes nothing', async () => {
    const before = await writtenState('member1');
    const changed = base('rev-4').map((m) =>
      m.kind === 'ConfigMap' && m.metadata.name === 'a' ? configMap(ns, 'a', { k: 'changed' }, 'rev-4') : m,
    );
    const r = await applyFleet(planOf('rev-4', { member1: changed }), applyOptions(kubeconfig, { dryRun: true }));
    assert.equal(byCluster(r, 'member1').objects.find((o) => o.id.name === 'a')?.outcome.action, 'configured');
    assert.deepEqual(await writtenState('member1'), before);
  });
});
