/**
 * Issue 24 item 3: dropping a CustomResourceDefinition from the plan never deletes custom
 * resources flotilla does not own. Its own stale objects of that kind are pruned first; while any
 * other remains the CRD is kept, reported `skipped` (CustomResourcesExist) and left in the
 * inventory, and it is pruned on a later pass once they are gone.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KubeObject } from '../../src/api/index.ts';
import { applyFleet, type FleetApplyResult } from '../../src/cluster/apply-fleet.ts';
import type { ClusterResult } from '../../src/cluster/reconcile-cluster.ts';
import { inventoryEntries } from './faults-rig.ts';
import { applyOptions, configMap, namespace, owned, planOf } from './fixtures.ts';
import { e2eEnabled, getJson, kubectl, members } from './harness.ts';

const ns = 'faults-crd';
const crd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gadgets.faults.flotilla.io' },
  spec: {
    group: 'faults.flotilla.io',
    scope: 'Namespaced',
    names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
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
const gadget = (name: string): KubeObject => ({
  apiVersion: 'faults.flotilla.io/v1',
  kind: 'Gadget',
  metadata: { name, namespace: ns },
  spec: { size: 1 },
});

function member1(r: FleetApplyResult): ClusterResult {
  const c = r.clusters.find((x) => x.cluster === 'member1');
  assert.ok(c);
  return c;
}
const prunedActions = (c: ClusterResult) =>
  Object.fromEntries(c.pruned.map((o) => [`${o.id.kind}/${o.id.name}`, o.outcome.action]));

(e2eEnabled ? describe : describe.skip)(
  'faults: pruning a CRD keeps custom resources flotilla does not own (e2e)',
  function () {
    this.timeout(180_000);
    let kubeconfig = '';
    const handMade = path.join(os.tmpdir(), `faults-crd-gadget-${process.pid}.json`);
    // The plan that keeps the CRD: the Namespace, a ConfigMap, the CRD and one Gadget flotilla owns.
    const withCrd = (rev: string) => [
      namespace(ns, rev),
      configMap(ns, 'keep', { k: '1' }, rev),
      owned(crd, 'gadgets', rev),
      owned(gadget('owned'), `${ns}/owned-gadget`, rev),
    ];
    // The plan that drops both the CRD and the Gadget.
    const withoutCrd = (rev: string) => [namespace(ns, rev), configMap(ns, 'keep', { k: '1' }, rev)];

    before(async function () {
      this.timeout(300_000);
      ({ kubeconfig } = await members());
    });
    after(() => rmSync(handMade, { force: true }));

    it('keeps the CRD while a hand-made object of its kind exists; prunes its own first', async () => {
      const first = await applyFleet(
        planOf('crd-1', { member1: withCrd('crd-1') }, ['member1']),
        applyOptions(kubeconfig),
      );
      assert.equal(member1(first).ok, true, member1(first).message);
      writeFileSync(handMade, JSON.stringify(gadget('hand-made')));
      await kubectl('member1', 'apply', '-f', handMade);

      const r = await applyFleet(
        planOf('crd-2', { member1: withoutCrd('crd-2') }, ['member1']),
        applyOptions(kubeconfig),
      );
      const m1 = member1(r);
      assert.equal(m1.ok, true, m1.message);
      assert.deepEqual(prunedActions(m1), {
        'Gadget/owned': 'deleted',
        'CustomResourceDefinition/gadgets.faults.flotilla.io': 'skipped',
      });
      const kept = m1.pruned.find((o) => o.id.kind === 'CustomResourceDefinition')?.outcome;
      assert.equal(kept?.action === 'skipped' ? kept.reason : kept?.action, 'CustomResourcesExist');
      assert.match(kept?.action === 'skipped' ? kept.message : '', /Gadget faults-crd\/hand-made/);
      assert.match(m1.message, /1 kept/);
      assert.ok(await getJson('member1', 'crd', 'gadgets.faults.flotilla.io'), 'the CRD is still there');
      assert.ok(await getJson('member1', 'gadget', 'hand-made', '-n', ns), 'the hand-made Gadget is still there');
      assert.equal(await getJson('member1', 'gadget', 'owned', '-n', ns), undefined, 'flotilla pruned its own Gadget');
      assert.ok(
        (await inventoryEntries('member1')).some((l) =>
          l.startsWith('_gadgets.faults.flotilla.io_apiextensions.k8s.io_CustomResourceDefinition '),
        ),
        'the kept CRD stays in the inventory',
      );
    });

    it('prunes the CRD on a later pass once no object of its kind is left', async () => {
      await kubectl('member1', 'delete', 'gadget', 'hand-made', '-n', ns, '--wait=true');
      const r = await applyFleet(
        planOf('crd-2', { member1: withoutCrd('crd-2') }, ['member1']),
        applyOptions(kubeconfig),
      );
      assert.deepEqual(prunedActions(member1(r)), { 'CustomResourceDefinition/gadgets.faults.flotilla.io': 'deleted' });
      assert.equal(
        (await inventoryEntries('member1')).some((l) => l.includes('CustomResourceDefinition')),
        false,
      );
    });
  },
);
