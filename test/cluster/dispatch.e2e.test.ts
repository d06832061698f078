/**
 * The dispatch fields of a policy on real members (test/e2e/clusters): a suspended Work's object
 * is neither updated nor created while the others are (Karmada execution_controller.go skips a
 * Work with spec.suspendDispatching); a withdrawn object preserved on deletion survives, unowned
 * (handleWorkDelete → cleanupPolicyClaimMetadata); conflictResolution Abort leaves a member
 * object flotilla does not own untouched and reports it, Overwrite takes it over
 * (objectwatcher.go allowUpdate). FLOTILLA_E2E=0 skips.
 */
import assert from 'node:assert/strict';
import type { KubeObject } from '../../src/api/index.ts';
import {
  applyFleet,
  type FleetApplyResult,
  type PlanToApply,
  type WorkToApply,
} from '../../src/cluster/apply-fleet.ts';
import type { ClusterResult } from '../../src/cluster/reconcile-cluster.ts';
import { applyOptions, cluster, configMap, namespace } from './fixtures.ts';
import { e2eEnabled, getJson, kubectl, members } from './harness.ts';

const ns = 'e2e-dispatch';

interface Dispatch {
  readonly suspend?: boolean;
  readonly preserve?: boolean;
  readonly conflict?: 'Abort' | 'Overwrite';
}

/** A Work as render/work.ts writes it: the conflict annotation always, the spec flags only when true. */
function work(clusterName: string, manifest: KubeObject, d: Dispatch = {}): WorkToApply {
  return {
    metadata: {
      namespace: `karmada-es-${clusterName}`,
      annotations: { 'work.karmada.io/conflict-resolution': d.conflict ?? 'Abort' },
    },
    spec: {
      workload: { manifests: [manifest] },
      ...(d.suspend ? { suspendDispatching: true } : {}),
      ...(d.preserve ? { preserveResourcesOnDeletion: true } : {}),
    },
  };
}
function planOf(revision: string, works: readonly WorkToApply[]): PlanToApply {
  const nsWorks = ['member1', 'member2'].map((c) => work(c, namespace(ns, revision), { conflict: 'Overwrite' }));
  return { revision, clusters: ['member1', 'member2'].map(cluster), works: [...nsWorks, ...works] };
}
function byCluster(r: FleetApplyResult, name: string): ClusterResult {
  const c = r.clusters.find((x) => x.cluster === name);
  assert.ok(c, `result for ${name}`);
  return c;
}
function outcomeOf(c: ClusterResult, name: string): string {
  const o = [...c.objects, ...c.pruned].find((x) => x.id.name === name);
  if (!o) return 'none';
  return 'reason' in o.outcome ? `${o.outcome.action}:${o.outcome.reason}` : o.outcome.action;
}
const dataOf = async (context: string, name: string) =>
  (await getJson(context, 'configmap', name, '-n', ns))?.['data'] as Record<string, string> | undefined;
const inventoryOf = async (context: string) =>
  String(
    (await getJson(context, 'configmap', 'flotilla-inventory', '-n', 'flotilla-system'))?.['data']?.['entries'] ?? '',
  );

(e2eEnabled ? describe : describe.skip)('policy dispatch fields on real members (e2e)', function () {
  this.timeout(180_000);
  let kubeconfig = '';

  before(async function () {
    this.timeout(300_000);
    ({ kubeconfig } = await members());
  });

  it("suspension: a suspended cluster's object is neither updated nor created while the other cluster's is; lifting it catches up", async () => {
    const v1 = planOf(
      's1',
      ['member1', 'member2'].map((c) => work(c, configMap(ns, 'susp', { k: '1' }, 's1'))),
    );
    const first = await applyFleet(v1, applyOptions(kubeconfig));
    for (const c of first.clusters) assert.equal(c.ok, true, `${c.cluster}: ${c.message}`);

    const v2 = planOf('s2', [
      work('member1', configMap(ns, 'susp', { k: '2' }, 's2')),
      work('member2', configMap(ns, 'susp', { k: '2' }, 's2'), { suspend: true }),
      work('member2', configMap(ns, 'susp-new', { k: '2' }, 's2'), { suspend: true }),
    ]);
    const second = await applyFleet(v2, applyOptions(kubeconfig));
    assert.equal(byCluster(second, 'member2').ok, true, byCluster(second, 'member2').message);
    assert.equal(outcomeOf(byCluster(second, 'member1'), 'susp'), 'configured');
    assert.equal(outcomeOf(byCluster(second, 'member2'), 'susp'), 'skipped:SuspendDispatching');
    assert.deepEqual(await dataOf('member1', 'susp'), { k: '2' });
    assert.deepEqual(await dataOf('member2', 'susp'), { k: '1' });
    assert.equal(await dataOf('member2', 'susp-new'), undefined);
    assert.match(await inventoryOf('member2'), /e2e-dispatch_susp__ConfigMap/, 'the suspended object stays tracked');

    const v3 = planOf(
      's3',
      ['member1', 'member2'].map((c) => work(c, configMap(ns, 'susp', { k: '2' }, 's3'))),
    );
    const third = await applyFleet(v3, applyOptions(kubeconfig));
    assert.equal(outcomeOf(byCluster(third, 'member2'), 'susp'), 'configured');
    assert.deepEqual(await dataOf('member2', 'susp'), { k: '2' });
  });

  it('preserveResourcesOnDeletion: a withdrawn object survives on the member, unowned and untracked; one without it is pruned', async () => {
    const stay = work('member1', configMap(ns, 'stay', { k: '1' }, 'p1'));
    const v1 = planOf('p1', [
      work('member1', configMap(ns, 'kept', { k: '1' }, 'p1'), { preserve: true }),
      work('member1', configMap(ns, 'gone', { k: '1' }, 'p1')),
      stay,
    ]);
    const first = await applyFleet(v1, applyOptions(kubeconfig));
    assert.equal(byCluster(first, 'member1').ok, true, byCluster(first, 'member1').message);

    const second = await applyFleet(planOf('p2', [stay]), applyOptions(kubeconfig));
    const m1 = byCluster(second, 'member1');
    assert.equal(m1.ok, true, m1.message);
    assert.equal(outcomeOf(m1, 'kept'), 'orphaned:PreserveResourcesOnDeletion');
    assert.equal(outcomeOf(m1, 'gone'), 'deleted');
    const live = await getJson('member1', 'configmap', 'kept', '-n', ns);
    assert.deepEqual(live?.['data'], { k: '1' });
    assert.equal(live?.['metadata']?.['labels']?.['app.kubernetes.io/managed-by'], undefined);
    assert.equal(live?.['metadata']?.['annotations']?.['flotilla.io/binding'], undefined);
    assert.equal(await getJson('member1', 'configmap', 'gone', '-n', ns), undefined);
    assert.doesNotMatch(await inventoryOf('member1'), /_kept_/);
  });

  it('conflictResolution: Abort leaves a member object flotilla does not own untouched and reports it; Overwrite takes it over', async () => {
    await applyFleet(planOf('c0', []), applyOptions(kubeconfig)); // the namespace exists on both
    for (const c of ['member1', 'member2'])
      await kubectl(c, 'create', 'configmap', 'theirs', '-n', ns, '--from-literal=mine=yes');
    const plan = planOf('c1', [
      work('member1', configMap(ns, 'theirs', { k: 'flotilla' }, 'c1'), { conflict: 'Abort' }),
      work('member1', configMap(ns, 'fresh', { k: '1' }, 'c1'), { conflict: 'Abort' }),
      work('member2', configMap(ns, 'theirs', { k: 'flotilla' }, 'c1'), { conflict: 'Overwrite' }),
    ]);
    const r = await applyFleet(plan, applyOptions(kubeconfig));
    const m1 = byCluster(r, 'member1');
    assert.equal(outcomeOf(m1, 'theirs'), 'failed:ConflictAbort');
    assert.equal(m1.ok, false);
    assert.match(m1.message, /theirs already exists on member1/);
    assert.equal(outcomeOf(m1, 'fresh'), 'created', 'the conflict holds back no other object');
    const mine = await getJson('member1', 'configmap', 'theirs', '-n', ns);
    assert.deepEqual(mine?.['data'], { mine: 'yes' });
    assert.equal(mine?.['metadata']?.['labels']?.['app.kubernetes.io/managed-by'], undefined);
    assert.doesNotMatch(
      await inventoryOf('member1'),
      /_theirs_/,
      'an object left alone is not tracked, so never pruned',
    );

    const m2 = byCluster(r, 'member2');
    assert.equal(m2.ok, true, m2.message);
    const adopted = await getJson('member2', 'configmap', 'theirs', '-n', ns);
    assert.equal(adopted?.['data']?.['k'], 'flotilla');
    assert.equal(adopted?.['metadata']?.['labels']?.['app.kubernetes.io/managed-by'], 'flotilla');
  });
});
