import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { loadSnapshot, planLoaded } from '../plan/index.ts';

const enc = new TextEncoder();
const cluster = (name: string) =>
  `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${name}}\nspec: {syncMode: Push}\n---\n`;
const files = (replicaScheduling: string) => `${cluster('member1')}${cluster('member2')}apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {replicas: 2, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: nginx}]}}}
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: web}
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
  placement:
    clusterAffinity: {clusterNames: [member1, member2]}
${replicaScheduling}---
apiVersion: autoscaling.karmada.io/v1alpha1
kind: FederatedHPA
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 4
`;
const warnings = (text: string) =>
  planLoaded(loadSnapshot({ revision: 'r', problems: [], files: [{ path: 'f.yaml', bytes: enc.encode(text) }] }))
    .warnings.filter((w) => w.code === 'AutoscalerNotDivided')
    .map((w) => [w.code, w.line]);

describe('autoscale: a FederatedHPA on a workload that is not Divided', () => {
  it('a Duplicated placement is an AutoscalerNotDivided warning at the FederatedHPA', () => {
    assert.deepEqual(warnings(files('')), [['AutoscalerNotDivided', 24]]);
  });
  it('a Divided placement is not', () => {
    assert.deepEqual(
      warnings(
        files('    replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Aggregated}\n'),
      ),
      [],
    );
  });
});
