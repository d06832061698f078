import assert from 'node:assert/strict';
import type { KubeObject } from '../api/index.ts';
import { createInterpreter } from '../interpreter/index.ts';
import { bindingStatus, type MemberObject, type StatusInterpreter } from './binding-status.ts';

const template = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', annotations: { 'flotilla.io/binding': 'shop/web-deployment' } },
} as KubeObject;
const live = (healthy: boolean): KubeObject => ({ ...template, status: { healthy } }) as KubeObject;
const interpreter: StatusInterpreter = {
  reflectStatus: (o) => (o['status'] as Record<string, never> | undefined) ?? null,
  interpretHealth: (o) => (o['status'] as { healthy: boolean }).healthy,
  aggregateStatus: (o) => o,
};
const found = (cluster: string, healthy = true): MemberObject => ({ kind: 'found', cluster, live: live(healthy) });
const unreachable = (cluster: string): MemberObject => ({
  kind: 'error',
  cluster,
  message: `cluster ${cluster} is unreachable: connect ECONNREFUSED`,
  unreachable: true,
});

describe('bindingStatus: Applied and Healthy conditions', () => {
  const cases: { name: string; members: MemberObject[]; want: [string, string, string, string] }[] = [
    {
      name: 'all applied and healthy',
      members: [found('a'), found('b')],
      want: ['True', 'FullyApplied', 'True', 'Healthy'],
    },
    {
      name: 'an unhealthy member makes Healthy False',
      members: [found('a'), found('b', false)],
      want: ['True', 'FullyApplied', 'False', 'Unhealthy'],
    },
    {
      name: 'an unreachable member is Unknown, not Unhealthy',
      members: [found('a'), unreachable('b')],
      want: ['Unknown', 'ClusterUnreachable', 'Unknown', 'ClusterUnreachable'],
    },
    {
      name: 'a missing object is not applied; its health is unknown',
      members: [found('a'), { kind: 'missing', cluster: 'b' }],
      want: ['False', 'NotApplied', 'Unknown', 'HealthUnknown'],
    },
    {
      name: 'unhealthy wins over unreachable',
      members: [found('a', false), unreachable('b')],
      want: ['Unknown', 'ClusterUnreachable', 'False', 'Unhealthy'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = bindingStatus({
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
        binding: 'shop/web-deployment',
        template,
        members: c.members,
        interpreter,
      });
      const [applied, healthy] = s.conditions;
      assert.deepEqual([applied?.status, applied?.reason, healthy?.status, healthy?.reason], c.want);
    });
  }
  it('says the unreachable reason once, in the member status, not in the conditions', () => {
    const s = bindingStatus({
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      binding: 'shop/web-deployment',
      template,
      members: [unreachable('b')],
      interpreter,
    });
    assert.equal(s.clusters[0]?.unreachable, true);
    assert.ok(s.conditions.every((c) => !c.message?.includes('ECONNREFUSED')));
  });
});

const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'shop' } };
const liveConfigMap = (labels: Record<string, string>, annotations: Record<string, string>) => ({
  ...configMap,
  metadata: { ...configMap.metadata, labels, annotations },
});

// Karmada pkg/util/objectwatcher/objectwatcher.go allowUpdate: an object without the managed-by label is a conflict.
describe('cluster/bindingStatus: whose object the member holds', () => {
  const cases: { name: string; live: ReturnType<typeof liveConfigMap>; want: { applied: boolean; conflict?: true } }[] =
    [
      {
        name: "flotilla's, of this binding: applied",
        live: liveConfigMap(
          { 'app.kubernetes.io/managed-by': 'flotilla' },
          { 'flotilla.io/binding': 'shop/x-configmap' },
        ),
        want: { applied: true },
      },
      {
        name: 'of another binding: not applied, no conflict',
        live: liveConfigMap(
          { 'app.kubernetes.io/managed-by': 'flotilla' },
          { 'flotilla.io/binding': 'shop/y-configmap' },
        ),
        want: { applied: false },
      },
      {
        name: 'made by someone else: a conflict',
        live: liveConfigMap({}, {}),
        want: { applied: false, conflict: true },
      },
    ];
  for (const c of cases) {
    it(c.name, () => {
      const s = bindingStatus({
        resource: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'x' },
        binding: 'shop/x-configmap',
        template: configMap,
        members: [{ kind: 'found', cluster: 'm1', live: c.live }],
        interpreter: createInterpreter([]),
      });
      const m = s.clusters[0];
      assert.deepEqual({ applied: m?.applied, ...(m?.conflict ? { conflict: m.conflict } : {}) }, c.want);
    });
  }
});
