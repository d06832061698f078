import assert from 'node:assert/strict';
import type { KubeObject } from '../api/index.ts';
import { withTemplateDefaults } from './template-defaults.ts';

const obj = (apiVersion: string, kind: string, spec?: Record<string, unknown>): KubeObject =>
  ({ apiVersion, kind, metadata: { name: 'x', namespace: 'default' }, ...(spec ? { spec } : {}) }) as KubeObject;

// Kubernetes apps/v1 and batch/v1 SetDefaults_*, as kube-apiserver stores the template Karmada reads.
describe('load/withTemplateDefaults (kube-apiserver SetDefaults_Deployment/StatefulSet/ReplicaSet/Job)', () => {
  const cases: { name: string; in: KubeObject; wantSpec: unknown }[] = [
    {
      name: 'Deployment without replicas has 1',
      in: obj('apps/v1', 'Deployment', { selector: {} }),
      wantSpec: { selector: {}, replicas: 1 },
    },
    {
      name: 'Deployment with replicas 0 keeps 0',
      in: obj('apps/v1', 'Deployment', { replicas: 0 }),
      wantSpec: { replicas: 0 },
    },
    { name: 'StatefulSet without replicas has 1', in: obj('apps/v1', 'StatefulSet', {}), wantSpec: { replicas: 1 } },
    { name: 'ReplicaSet without replicas has 1', in: obj('apps/v1', 'ReplicaSet', {}), wantSpec: { replicas: 1 } },
    { name: 'Deployment without spec has replicas 1', in: obj('apps/v1', 'Deployment'), wantSpec: { replicas: 1 } },
    {
      name: 'Job without parallelism and completions has both 1',
      in: obj('batch/v1', 'Job', {}),
      wantSpec: { parallelism: 1, completions: 1 },
    },
    {
      name: 'Job with completions only has parallelism 1',
      in: obj('batch/v1', 'Job', { completions: 5 }),
      wantSpec: { completions: 5, parallelism: 1 },
    },
    {
      name: 'Job with parallelism only keeps completions unset',
      in: obj('batch/v1', 'Job', { parallelism: 3 }),
      wantSpec: { parallelism: 3 },
    },
    { name: 'DaemonSet has no replica default', in: obj('apps/v1', 'DaemonSet', {}), wantSpec: {} },
    { name: 'a CRD kind named Deployment is not defaulted', in: obj('example.io/v1', 'Deployment', {}), wantSpec: {} },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(withTemplateDefaults(c.in)['spec'], c.wantSpec));
  it('returns the same object when nothing is defaulted', () => {
    const o = obj('apps/v1', 'Deployment', { replicas: 2 });
    assert.equal(withTemplateDefaults(o), o);
  });
});
