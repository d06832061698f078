import assert from 'node:assert/strict';
import type { Cluster, Placement, TargetCluster } from '../api/index.ts';
import { buildBinding, type Binding } from '../plan/binding.ts';
import { cluster } from '../scheduler/fixtures.test-support.ts';
import { formatScenariosMarkdown } from './markdown.ts';
import { compareResilience } from './resilience.ts';
import { createSimulator } from './simulate.ts';
import { eachScenarios } from './scenario.ts';

function workload(name: string, placement: Placement, clusters: readonly [string, number][]): Binding {
  const resource = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'pay', name };
  return buildBinding({
    template: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'pay' } },
    resource,
    annotations: {},
    replicas: clusters.reduce((s, [, n]) => s + n, 0),
    requirements: undefined,
    clusters: clusters.map(([n, r]): TargetCluster => ({ name: n, replicas: r })),
    placement,
    propagateDeps: false,
    requiredBy: [],
    condition: { type: 'Scheduled', status: 'True', reason: 'Success' },
    affinityName: undefined,
  });
}
const aggregated = (...names: string[]): Placement => ({
  clusterAffinity: { clusterNames: names },
  replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' },
});
const inventory: Cluster[] = [
  cluster('aws-use', { region: 'us-east', freeCpu: 40 }),
  cluster('aws-euw', { region: 'eu-west', freeCpu: 40 }),
];

describe('simulate: resilience of a change (diff --resilience)', () => {
  const cases: readonly { name: string; base: Binding; head: Binding; want: string[] }[] = [
    {
      name: 'a fallback removed: worse, naming where the replicas went before',
      base: workload('api', aggregated('aws-use', 'aws-euw'), [['aws-use', 3]]),
      head: workload('api', aggregated('aws-use'), [['aws-use', 3]]),
      want: [
        'worse cluster=aws-use: after this change, pay/api has no fallback if cluster=aws-use fails (it had aws-euw before)',
        'worse region=us-east: after this change, pay/api has no fallback if region=us-east fails (it had aws-euw before)',
      ],
    },
    {
      name: 'a fallback added: better',
      base: workload('api', aggregated('aws-use'), [['aws-use', 3]]),
      head: workload('api', aggregated('aws-use', 'aws-euw'), [['aws-use', 3]]),
      want: [
        'better cluster=aws-use: after this change, pay/api keeps all its replicas if cluster=aws-use fails',
        'better region=us-east: after this change, pay/api keeps all its replicas if region=us-east fails',
      ],
    },
    {
      name: 'the same fate: no change',
      base: workload('api', aggregated('aws-use', 'aws-euw'), [['aws-use', 3]]),
      head: workload('api', aggregated('aws-use', 'aws-euw'), [['aws-use', 3]]),
      want: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = compareResilience(
        { clusters: inventory, bindings: [c.base] },
        { clusters: inventory, bindings: [c.head] },
      );
      assert.deepEqual(r.scenarios, ['region=eu-west', 'region=us-east', 'cluster=aws-euw', 'cluster=aws-use']);
      assert.deepEqual(
        r.changes.map((x) => `${x.kind} ${x.scenario}: ${x.message}`),
        c.want,
      );
    });
  }
  it('the Markdown of many scenarios stays under its cap and says what it left out', () => {
    const sim = createSimulator({
      clusters: inventory,
      bindings: [workload('api', aggregated('aws-use'), [['aws-use', 3]])],
    });
    const impacts = eachScenarios(inventory, 'cluster').map((s) => sim.simulate(s));
    const many = Array.from({ length: 400 }, () => impacts).flat();
    const md = formatScenariosMarkdown(many, 5000);
    assert.ok(md.length <= 5000, `${md.length} characters`);
    assert.match(md, /\*\*Truncated:\*\* \d+ table rows not shown/);
  });
});
