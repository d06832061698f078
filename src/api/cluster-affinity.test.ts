import assert from 'node:assert/strict';
import { clusterMatchesAffinity } from './cluster-affinity.ts';
import type { Cluster, ClusterAffinity, ClusterSpec } from './karmada.ts';

function cluster(name: string, spec: ClusterSpec = {}, labels?: Record<string, string>): Cluster {
  return {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: labels ? { name, labels } : { name },
    spec,
  };
}

describe('clusterMatchesAffinity', () => {
  const eu = cluster('eu1', { provider: 'aws', region: 'eu', zones: ['eu-a', 'eu-b'] }, { env: 'prod' });
  const bare = cluster('bare');
  const cases: { name: string; affinity: ClusterAffinity; cluster: Cluster; want: boolean }[] = [
    { name: 'empty affinity matches', affinity: {}, cluster: bare, want: true },
    { name: 'clusterNames listed', affinity: { clusterNames: ['eu1'] }, cluster: eu, want: true },
    { name: 'clusterNames not listed', affinity: { clusterNames: ['x'] }, cluster: eu, want: false },
    {
      name: 'exclude wins over clusterNames',
      affinity: { clusterNames: ['eu1'], exclude: ['eu1'] },
      cluster: eu,
      want: false,
    },
    {
      name: 'labelSelector match',
      affinity: { labelSelector: { matchLabels: { env: 'prod' } } },
      cluster: eu,
      want: true,
    },
    {
      name: 'labelSelector miss',
      affinity: { labelSelector: { matchLabels: { env: 'prod' } } },
      cluster: bare,
      want: false,
    },
    {
      name: 'field provider In',
      affinity: { fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['aws'] }] } },
      cluster: eu,
      want: true,
    },
    {
      name: 'field region NotIn',
      affinity: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['eu'] }] } },
      cluster: eu,
      want: false,
    },
    {
      name: 'field region NotIn absent region',
      affinity: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['eu'] }] } },
      cluster: bare,
      want: true,
    },
    {
      name: 'zone In any overlap',
      affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['eu-b'] }] } },
      cluster: eu,
      want: true,
    },
    {
      name: 'zone In without zones',
      affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['eu-b'] }] } },
      cluster: bare,
      want: false,
    },
    {
      name: 'zone NotIn any overlap fails',
      affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['eu-a'] }] } },
      cluster: eu,
      want: false,
    },
    {
      name: 'deprecated spec.zone ignored',
      affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['z'] }] } },
      cluster: cluster('old', { zone: 'z' }),
      want: false,
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(clusterMatchesAffinity(c.affinity, c.cluster), c.want));
});
