import assert from 'node:assert/strict';
import { parseClusterReport } from './cluster-reports.ts';
import YAML from 'yaml';
import { parseClusterHealth, parseFailoverBinding } from './failover-state.ts';
import { statusFiles } from './status-files.ts';

// Status-branch files are written by flotilla but can be edited by hand: a broken one is skipped
// (its memory is lost, the controller goes on), and broken parts of a good one are dropped.
describe('writeback: reading the controller memory back from the status branch', () => {
  const notFiles: readonly [string, unknown][] = [
    ['null', null],
    ['a string', 'hello'],
    ['a list', [1, 2]],
    ['an empty mapping', {}],
  ];
  for (const [name, v] of notFiles) {
    it(`skips ${name} as a cluster file, a binding file and a report`, () => {
      assert.equal(parseClusterHealth(v), undefined);
      assert.equal(parseFailoverBinding(v), undefined);
      assert.equal(parseClusterReport(v), undefined);
    });
  }

  it("a cluster file without registeredAt is not the controller's; broken taints and a broken streak are dropped", () => {
    assert.equal(parseClusterHealth({ name: 'm1', conditions: [] }), undefined);
    assert.deepEqual(
      parseClusterHealth({
        name: 'm1',
        registeredAt: '2026-01-01T00:00:00Z',
        streak: { status: 'Maybe', since: 3 },
        conditions: ['x', { type: 'Ready', status: 'False', reason: 'ClusterNotReachable' }],
        taints: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' }, { effect: 'NoExecute' }, 'junk'],
      }),
      {
        cluster: 'm1',
        registeredAt: '2026-01-01T00:00:00Z',
        ready: { type: 'Ready', status: 'False', reason: 'ClusterNotReachable' },
        taints: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' }],
      },
    );
  });

  it("a removed cluster's file round-trips its removal time; a broken removal is dropped", () => {
    const state = {
      cluster: 'm3',
      registeredAt: '2026-01-01T00:00:00Z',
      taints: [],
      removedSince: '2026-01-02T00:00:00Z',
    };
    const file = statusFiles({
      sourceBranch: 'main',
      plan: { revision: 'r', bindings: [], works: [], clusters: [], errors: [], warnings: [], explanations: [] },
      previous: undefined,
      observed: [],
      failover: { clusters: [state], statuses: new Map() },
    });
    const text = file.files.get('clusters/m3.yaml') ?? '';
    assert.match(text, /removed:\n {2}since: "?2026-01-02T00:00:00Z"?\n {2}message: "?removed from the fleet repo/);
    assert.deepEqual(parseClusterHealth(YAML.parse(text)), state);
    assert.equal(
      parseClusterHealth({ name: 'm3', registeredAt: '2026-01-01T00:00:00Z', removed: 'yes' })?.removedSince,
      undefined,
    );
  });

  it('a binding without spec.resource is skipped; malformed clusters, tasks and statuses are dropped', () => {
    assert.equal(parseFailoverBinding({ spec: { clusters: [{ name: 'm1' }] } }), undefined);
    assert.equal(parseFailoverBinding({ spec: { resource: { kind: 'Deployment', name: 'web' } } }), undefined);
    const b = parseFailoverBinding({
      spec: {
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
        clusters: [{ name: 'm1', replicas: 2 }, { replicas: 3 }, 'm9'],
        gracefulEvictionTasks: [
          { fromCluster: 'm2', reason: 'TaintUntolerated', producer: 'TaintManager' },
          { fromCluster: 'm3' },
        ],
        placement: 'not a placement',
      },
      status: {
        conditions: [{ type: 'Scheduled', status: 'True' }],
        aggregatedStatus: [{ clusterName: 'm1', health: 'Sick', readyReplicas: '2' }, { health: 'Healthy' }],
      },
    });
    assert.deepEqual(b, {
      key: 'apps/v1|Deployment|shop|web',
      clusters: [{ name: 'm1', replicas: 2 }],
      namespaced: true,
      gracefulEvictionTasks: [{ fromCluster: 'm2', reason: 'TaintUntolerated', producer: 'TaintManager' }],
      scheduled: true,
      statuses: [{ cluster: 'm1', health: 'Unknown' }],
    });
  });

  it('a report needs its cluster, time and probe; unknown health reads as Unknown', () => {
    assert.equal(
      parseClusterReport({ cluster: 'm1', observedAt: '2026-01-01T00:00:00Z', reachable: 'yes', healthy: true }),
      undefined,
    );
    assert.deepEqual(
      parseClusterReport({
        cluster: 'm1',
        observedAt: '2026-01-01T00:00:00Z',
        reachable: true,
        healthy: false,
        workloads: [{ key: 'k', health: 'Odd' }, { health: 'Healthy' }],
      }),
      {
        cluster: 'm1',
        shard: 0,
        observedAt: '2026-01-01T00:00:00Z',
        reachable: true,
        healthy: false,
        workloads: [{ key: 'k', health: 'Unknown' }],
      },
    );
  });
});
