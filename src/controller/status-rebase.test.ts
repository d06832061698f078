import assert from 'node:assert/strict';
import type { Plan } from '../plan/index.ts';
import type { ClusterHealthState } from '../status/index.ts';
import type { RecordedFailover, StatusReader } from '../writeback/index.ts';
import { rebaseStatus, type PassStatus } from './status-rebase.ts';

const state = (cluster: string, removedSince?: string): ClusterHealthState => ({
  cluster,
  registeredAt: '2026-01-01T00:00:00Z',
  taints: [],
  ...(removedSince ? { removedSince } : {}),
});
const plan: Plan = {
  revision: 'bbb',
  bindings: [],
  works: [],
  errors: [],
  warnings: [],
  explanations: [],
  clusters: [],
};
const reader = (recorded: RecordedFailover): StatusReader => ({
  record: async () => ({ tip: 'tip', record: undefined }),
  previous: async () => ({ placement: new Map(), applied: new Map(), records: new Map(), rebalancers: new Map() }),
  failoverState: async () => recorded,
});
const pass = (clusters: ClusterHealthState[]): PassStatus => ({
  sourceBranch: 'main',
  plan,
  inForce: undefined,
  previous: undefined,
  clusters,
  statuses: new Map(),
  decisions: [],
});
const clusterFiles = (files: ReadonlyMap<string, string>) => [...files.keys()].filter((p) => p.startsWith('clusters/'));

describe('controller: the status write redone on a moved tip (rebaseStatus)', () => {
  it('a removed cluster whose file was deleted meanwhile (acknowledged) is not written back', async () => {
    const { status } = await rebaseStatus(
      reader({ clusters: [state('m1')], bindings: [] }),
      'tip',
      pass([state('m1'), state('m3', '2026-01-02T00:00:00Z')]),
    );
    assert.deepEqual(clusterFiles(status.files), ['clusters/m1.yaml']);
    assert.ok(status.owns('clusters/m3.yaml'), 'clusters/ stays owned: a file of a cluster in no state is deleted');
  });
  it('a removed cluster the branch still records keeps its file and its marker', async () => {
    const { status } = await rebaseStatus(
      reader({ clusters: [state('m1'), state('m3', '2026-01-02T00:00:00Z')], bindings: [] }),
      'tip',
      pass([state('m1'), state('m3', '2026-01-02T00:00:00Z')]),
    );
    assert.deepEqual(clusterFiles(status.files), ['clusters/m1.yaml', 'clusters/m3.yaml']);
    assert.match(status.files.get('clusters/m3.yaml') ?? '', /removed:\n\s+since: 2026-01-02T00:00:00Z/);
  });
  it('a declared cluster is written even when the branch lost its file', async () => {
    const { status } = await rebaseStatus(reader({ clusters: [], bindings: [] }), 'tip', pass([state('m1')]));
    assert.deepEqual(clusterFiles(status.files), ['clusters/m1.yaml']);
  });
});
