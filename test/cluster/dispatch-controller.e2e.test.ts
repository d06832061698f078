/**
 * A controller pass (`flotilla reconcile --once --kubeconfig`) on real members: a member object
 * flotilla did not make is left alone under conflictResolution Abort and the conflict is recorded
 * on the status branch (Karmada's aggregatedStatus item, applied: false); a ClusterTaintPolicy
 * whose conditions match taints the cluster in the health pass (Karmada
 * clustertaintpolicy_controller.go), kept with the controller taints. FLOTILLA_E2E=0 skips.
 */
import assert from 'node:assert/strict';
import YAML from 'yaml';
import { gitCli } from '../git/helpers/workspace.ts';
import { fleetRepo, flotilla, removeRepo } from './controller-rig.ts';
import { e2eEnabled, getJson, kubectl, members } from './harness.ts';

const ns = 'e2e-conflict-ctl';
const files = {
  'apps/theirs.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: theirs, namespace: ${ns}}\ndata: {k: flotilla}\n`,
  'policies/theirs.yaml': `apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: theirs, namespace: ${ns}}\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap, name: theirs}]\n  placement:\n    clusterAffinity: {clusterNames: [member1]}\n`,
  'policies/taint.yaml':
    'apiVersion: policy.karmada.io/v1alpha1\nkind: ClusterTaintPolicy\nmetadata: {name: mark-ready}\nspec:\n  targetClusters: {clusterNames: [member2]}\n  addOnConditions: [{conditionType: Ready, operator: In, statusValues: ["True"]}]\n  removeOnConditions: [{conditionType: Ready, operator: In, statusValues: ["False"]}]\n  taints: [{key: e2e.flotilla.io/marked, effect: PreferNoSchedule}]\n',
};

(e2eEnabled ? describe : describe.skip)(
  'controller pass: conflicts and ClusterTaintPolicy on real members (e2e)',
  function () {
    this.timeout(240_000);
    let kubeconfig = '';
    let repo = '';

    before(async function () {
      this.timeout(600_000);
      ({ kubeconfig } = await members());
      repo = await fleetRepo('dispatch-controller', files);
      await kubectl('member1', 'create', 'namespace', ns);
      await kubectl('member1', 'create', 'configmap', 'theirs', '-n', ns, '--from-literal=mine=yes');
    });
    after(() => removeRepo(repo));

    it('leaves the hand-made object alone, records the conflict on the status branch, and taints the cluster the ClusterTaintPolicy selects', async () => {
      const r = await flotilla('reconcile', '--repo', repo, '--once', '--kubeconfig', kubeconfig, '-o', 'json');
      assert.equal(r.status, 1, `a member with a conflict is a failed apply: ${r.stderr}`);
      const live = await getJson('member1', 'configmap', 'theirs', '-n', ns);
      assert.deepEqual(live?.['data'], { mine: 'yes' });

      const binding = YAML.parse(
        await gitCli(repo, 'show', `flotilla-status:bindings/${ns}/configmap.theirs.yaml`),
      ) as { status: { aggregatedStatus?: { clusterName: string; applied?: boolean; appliedMessage?: string }[] } };
      const item = binding.status.aggregatedStatus?.find((s) => s.clusterName === 'member1');
      assert.equal(item?.applied, false);
      assert.match(item?.appliedMessage ?? '', /conflict/);

      const member2 = YAML.parse(await gitCli(repo, 'show', 'flotilla-status:clusters/member2.yaml')) as {
        taints?: { key: string; effect: string }[];
      };
      assert.deepEqual(
        member2.taints?.map((t) => `${t.key}:${t.effect}`),
        ['e2e.flotilla.io/marked:PreferNoSchedule'],
      );
      const member1 = YAML.parse(await gitCli(repo, 'show', 'flotilla-status:clusters/member1.yaml')) as {
        taints?: unknown[];
      };
      assert.deepEqual(member1.taints ?? [], [], 'targetClusters selects member2 only');
    });
  },
);
