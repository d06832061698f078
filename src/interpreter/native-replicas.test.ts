import assert from 'node:assert/strict';
import type { JsonObject, KubeObject } from '../api/index.ts';
import { createInterpreter } from './index.ts';

/** A workload builder: kind, spec fields and a pod spec for the template. */
function workload(
  apiVersion: string,
  kind: string,
  spec: JsonObject,
  podSpec: JsonObject = { containers: [{ name: 'app', image: 'app:1' }] },
): KubeObject {
  const template = kind === 'Pod' ? {} : { template: { spec: podSpec } };
  return {
    apiVersion,
    kind,
    metadata: { name: 'w', namespace: 'shop' },
    spec: kind === 'Pod' ? podSpec : { ...spec, ...template },
  } as KubeObject;
}
const requests = (cpu: string, memory: string): JsonObject => ({ name: 'c', resources: { requests: { cpu, memory } } });
const interpreter = createInterpreter([]);

describe('native GetReplicas (Karmada native/replica.go)', () => {
  const cases: readonly { name: string; obj: KubeObject; want: unknown }[] = [
    {
      name: 'Deployment: spec.replicas, no requirements',
      obj: workload('apps/v1', 'Deployment', { replicas: 3 }),
      want: { replicas: 3 },
    },
    {
      name: 'StatefulSet: requests summed',
      obj: workload(
        'apps/v1',
        'StatefulSet',
        { replicas: 2 },
        { containers: [requests('100m', '1Gi'), requests('200m', '512Mi')] },
      ),
      want: { replicas: 2, requirements: { resourceRequest: { cpu: '300m', memory: '1536Mi' } } },
    },
    {
      name: 'ReplicaSet: init container max per resource',
      obj: workload(
        'apps/v1',
        'ReplicaSet',
        { replicas: 1 },
        { initContainers: [requests('2', '64Mi')], containers: [requests('500m', '128Mi')] },
      ),
      want: { replicas: 1, requirements: { resourceRequest: { cpu: '2', memory: '128Mi' } } },
    },
    {
      name: 'limits count when requests are absent, overhead added',
      obj: workload(
        'apps/v1',
        'Deployment',
        { replicas: 1 },
        {
          overhead: { cpu: '250m' },
          containers: [{ name: 'c', resources: { limits: { cpu: '1', 'nvidia.com/gpu': '1' } } }],
        },
      ),
      want: { replicas: 1, requirements: { resourceRequest: { cpu: '1250m', 'nvidia.com/gpu': '1' } } },
    },
    {
      name: 'Job: parallelism capped by completions',
      obj: workload('batch/v1', 'Job', { parallelism: 5, completions: 2 }),
      want: { replicas: 2 },
    },
    {
      name: 'Job: parallelism without completions',
      obj: workload('batch/v1', 'Job', { parallelism: 4 }),
      want: { replicas: 4 },
    },
    {
      name: 'Pod: always one',
      obj: workload('v1', 'Pod', {}, { nodeSelector: { disk: 'ssd' }, containers: [] }),
      want: { replicas: 1, requirements: { nodeClaim: { nodeSelector: { disk: 'ssd' } } } },
    },
    { name: 'DaemonSet has no replicas', obj: workload('apps/v1', 'DaemonSet', {}), want: { replicas: 0 } },
    {
      name: 'unknown kind has no replicas',
      obj: workload('example.io/v1', 'Thing', { replicas: 7 }),
      want: { replicas: 0 },
    },
    {
      name: 'node claim keeps required affinity only, and tolerations',
      obj: workload(
        'apps/v1',
        'Deployment',
        { replicas: 1 },
        {
          tolerations: [{ key: 'k', operator: 'Exists' }],
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] },
              preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1 }],
            },
          },
          containers: [],
        },
      ),
      want: {
        replicas: 1,
        requirements: {
          nodeClaim: { hardNodeAffinity: { nodeSelectorTerms: [] }, tolerations: [{ key: 'k', operator: 'Exists' }] },
        },
      },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(interpreter.getReplicas(c.obj), c.want));

  it('namespace and priorityClassName only with the ResourceQuotaEstimate gate', () => {
    const obj = workload(
      'apps/v1',
      'Deployment',
      { replicas: 1 },
      { priorityClassName: 'high', containers: [requests('1', '1Gi')] },
    );
    assert.deepEqual(createInterpreter([], { resourceQuotaEstimate: true }).getReplicas(obj).requirements, {
      resourceRequest: { cpu: '1', memory: '1Gi' },
      namespace: 'shop',
      priorityClassName: 'high',
    });
  });

  it('hasReplicas: the native workload kinds only', () => {
    assert.deepEqual(
      [
        ['apps/v1', 'Deployment'],
        ['batch/v1', 'Job'],
        ['v1', 'Pod'],
        ['apps/v1', 'DaemonSet'],
        ['batch/v1', 'CronJob'],
      ].map(([a, k]) => interpreter.hasReplicas(a ?? '', k ?? '')),
      [true, true, true, false, false],
    );
  });
});

describe('native ReviseReplica (Karmada native/revisereplica.go)', () => {
  const cases: readonly { name: string; obj: KubeObject; field: string; want: unknown }[] = [
    {
      name: 'Deployment: spec.replicas',
      obj: workload('apps/v1', 'Deployment', { replicas: 3 }),
      field: 'replicas',
      want: 5,
    },
    {
      name: 'StatefulSet: spec.replicas',
      obj: workload('apps/v1', 'StatefulSet', { replicas: 3 }),
      field: 'replicas',
      want: 5,
    },
    {
      name: 'Job: spec.parallelism',
      obj: workload('batch/v1', 'Job', { parallelism: 2 }),
      field: 'parallelism',
      want: 5,
    },
    {
      name: 'a missing field stays missing (helper.ApplyReplica)',
      obj: workload('apps/v1', 'ReplicaSet', {}),
      field: 'replicas',
      want: undefined,
    },
    {
      name: 'other kinds are unchanged',
      obj: workload('apps/v1', 'DaemonSet', {}),
      field: 'replicas',
      want: undefined,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = interpreter.reviseReplica(c.obj, 5) as unknown as { spec: JsonObject };
      assert.equal(out.spec[c.field], c.want);
      assert.notEqual(out, c.obj);
    });
  }
});
