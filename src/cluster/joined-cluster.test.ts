import assert from 'node:assert/strict';
import { joinedCluster, providerOf, type ReachableObservation } from './joined-cluster.ts';

const observed: ReachableObservation = {
  kind: 'reachable',
  cluster: 'eu-1',
  healthy: true,
  kubernetesVersion: 'v1.37.2',
  apiEnablements: [{ groupVersion: 'apps/v1', resources: [{ name: 'deployments', kind: 'Deployment' }] }],
  apiEnablementsComplete: true,
  resourceSummary: { allocatable: { cpu: '16', pods: '220' } },
};
const node = (labels: Record<string, string>, providerID?: string) => ({
  metadata: { labels },
  spec: providerID ? { providerID } : {},
});

describe('joinedCluster: provider, region and zones from the Nodes', () => {
  const cases: { name: string; nodes: unknown[]; spec: Record<string, unknown>; undetermined: string[] }[] = [
    {
      name: 'all nodes agree',
      nodes: [
        node(
          { 'topology.kubernetes.io/region': 'eu-west-1', 'topology.kubernetes.io/zone': 'eu-west-1b' },
          'aws:///eu-west-1b/i-2',
        ),
        node(
          { 'topology.kubernetes.io/region': 'eu-west-1', 'topology.kubernetes.io/zone': 'eu-west-1a' },
          'aws:///eu-west-1a/i-1',
        ),
      ],
      spec: { syncMode: 'Push', provider: 'aws', region: 'eu-west-1', zones: ['eu-west-1a', 'eu-west-1b'] },
      undetermined: [],
    },
    {
      name: 'the deprecated beta labels count too',
      nodes: [
        node(
          { 'failure-domain.beta.kubernetes.io/region': 'r1', 'failure-domain.beta.kubernetes.io/zone': 'z1' },
          'gce://p/z1/n1',
        ),
      ],
      spec: { syncMode: 'Push', provider: 'gce', region: 'r1', zones: ['z1'] },
      undetermined: [],
    },
    {
      name: 'nothing known: every field is named as undetermined',
      nodes: [node({})],
      spec: { syncMode: 'Push' },
      undetermined: ['provider', 'region', 'zones'],
    },
    {
      name: 'nodes that disagree on the region leave it out',
      nodes: [
        node({ 'topology.kubernetes.io/region': 'a' }, 'azure:///x'),
        node({ 'topology.kubernetes.io/region': 'b' }, 'azure:///y'),
      ],
      spec: { syncMode: 'Push', provider: 'azure' },
      undetermined: ['region', 'zones'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const j = joinedCluster('eu-1', observed, c.nodes);
      assert.deepEqual(j.cluster.spec, c.spec);
      assert.deepEqual(
        j.undetermined.map((u) => u.split(':')[0]),
        c.undetermined,
      );
      assert.equal(j.cluster.status?.kubernetesVersion, 'v1.37.2');
      assert.deepEqual(j.cluster.status?.apiEnablements, observed.apiEnablements);
    });
  }
});

describe('providerOf: the scheme of spec.providerID', () => {
  const cases: [unknown, string | undefined][] = [
    ['aws:///us-east-1a/i-0abc', 'aws'],
    ['gce://proj/zone/n', 'gce'],
    ['kind://docker/kind/kind-control-plane', 'kind'],
    ['no-scheme', undefined],
    [undefined, undefined],
  ];
  for (const [id, want] of cases) it(`${String(id)} → ${String(want)}`, () => assert.equal(providerOf(id), want));
});
