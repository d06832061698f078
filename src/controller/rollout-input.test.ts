/** The rollout step's pure inputs: earlier revisions, intermediate Works, failover targets, and a copy's gate reading. */
import assert from 'node:assert/strict';
import type { GracefulEvictionTask, KubeObject, ResourceKey, TargetCluster } from '../api/index.ts';
import type { Binding } from '../plan/index.ts';
import type { Work } from '../render/index.ts';
import type { OperatorRequest, RolloutDecision, RolloutState } from '../rollout/index.ts';
import {
  copyObservation,
  currentWorks,
  earlierRevisions,
  failoverTargetsOf,
  recordWrites,
  staleRecords,
  type CopyReading,
} from './rollout-input.ts';

const record = (over: Partial<RolloutState>): RolloutState => ({
  namespace: 'shop',
  name: 'web',
  phase: 'Progressing',
  baselineRevision: 'r1',
  target: { revision: 'r3', contents: {} },
  currentWave: 0,
  waves: [],
  clusters: [],
  condition: { reason: 'Started', message: '' },
  ...over,
});
const work = (cluster: string, name: string): Work => ({
  apiVersion: 'work.karmada.io/v1alpha1',
  kind: 'Work',
  metadata: { name, namespace: `karmada-es-${cluster}`, labels: {}, annotations: {} },
  spec: { workload: { manifests: [] } },
});

describe('controller/rollout-input: what the rollout step gathers', () => {
  const revisionCases: { name: string; records: RolloutState[]; lastApplied: string | undefined; want: string[] }[] = [
    { name: 'a new fleet with no record reads nothing earlier', records: [], lastApplied: undefined, want: [] },
    { name: 'no record: the last applied revision', records: [], lastApplied: 'r2', want: ['r2'] },
    {
      name: 'a record: its baseline and the revisions its clusters run, never the target',
      records: [
        record({
          clusters: [
            { name: 'a', revision: 'r2', confirmed: false },
            { name: 'b', revision: 'r3', confirmed: false },
          ],
        }),
      ],
      lastApplied: 'r3',
      want: ['r1', 'r2'],
    },
    {
      name: 'a Done record: its target is the baseline',
      records: [record({ phase: 'Done', target: { revision: 'r2', contents: {} } })],
      lastApplied: 'r2',
      want: ['r2'],
    },
  ];
  for (const c of revisionCases)
    it(c.name, () => assert.deepEqual(earlierRevisions(c.records, c.lastApplied, 'r3'), c.want));

  it('intermediate Works: only the clusters on a revision that is neither baseline nor target, from that revision', () => {
    const r = record({
      clusters: [
        { name: 'a', revision: 'r2', confirmed: false },
        { name: 'b', revision: 'r1', confirmed: false },
      ],
    });
    const got = currentWorks([r], [{ revision: 'r2', works: [work('a', 'w-r2'), work('b', 'w-r2')] }]);
    assert.deepEqual(
      got.map((w) => `${w.metadata.namespace}/${w.metadata.name}`),
      ['karmada-es-a/w-r2'],
    );
  });

  it('failover targets: clusters gaining replicas of a binding with eviction tasks only', () => {
    const binding = (name: string, clusters: TargetCluster[]): Binding =>
      ({
        spec: { resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name }, clusters },
      }) as unknown as Binding;
    const key = (name: string) => `apps/v1|Deployment|shop|${name}` as ResourceKey;
    const bindings = [
      binding('web', [
        { name: 'a', replicas: 3 },
        { name: 'c', replicas: 3 },
      ]),
      binding('api', [{ name: 'd', replicas: 2 }]),
    ];
    const previous = new Map<ResourceKey, readonly TargetCluster[]>([
      [
        key('web'),
        [
          { name: 'a', replicas: 2 },
          { name: 'b', replicas: 2 },
          { name: 'c', replicas: 3 },
        ],
      ],
    ]);
    const task = { fromCluster: 'b' } as unknown as GracefulEvictionTask;
    const evictions = new Map<ResourceKey, readonly GracefulEvictionTask[]>([[key('web'), [task]]]);
    assert.deepEqual(failoverTargetsOf(bindings, previous, evictions), ['a']);
  });

  const live = (readyReplicas: number | undefined): KubeObject =>
    ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      status: readyReplicas === undefined ? {} : { readyReplicas },
    }) as KubeObject;
  const reading = (over: Partial<CopyReading>): CopyReading => ({
    template: 'apps/v1/Deployment/shop/web',
    live: live(2),
    targetHash: 'h2',
    liveHash: 'h2',
    healthy: () => true,
    desiredReplicas: () => 2,
    ...over,
  });
  const copyCases: { name: string; r: CopyReading; want: [boolean | undefined, number, number, boolean] }[] = [
    { name: 'the target copy, ready', r: reading({}), want: [true, 2, 2, true] },
    { name: 'an older copy never counts as the target', r: reading({ liveHash: 'h1' }), want: [true, 2, 2, false] },
    { name: 'a missing copy', r: reading({ live: undefined, liveHash: undefined }), want: [undefined, 0, 0, false] },
    { name: 'an unreadable copy', r: reading({ live: { error: 'timeout' } }), want: [undefined, 0, 0, false] },
    { name: 'no ready replicas reported yet', r: reading({ live: live(undefined) }), want: [true, 0, 2, true] },
    {
      name: 'a kind without replicas',
      r: reading({ desiredReplicas: () => 0, live: live(undefined) }),
      want: [true, 0, 0, true],
    },
  ];
  for (const c of copyCases)
    it(`copy: ${c.name}`, () => {
      const o = copyObservation(c.r);
      assert.deepEqual([o.healthy, o.readyReplicas, o.desiredReplicas, o.isTarget], c.want);
    });

  const strategy = (namespace: string, name: string) => ({ spec: { namespace, name } });
  const staleCases: {
    name: string;
    records: RolloutState[];
    rollouts: ReturnType<typeof strategy>[];
    want: string[];
  }[] = [
    {
      name: 'every record has its strategy: nothing to prune',
      records: [record({})],
      rollouts: [strategy('shop', 'web')],
      want: [],
    },
    { name: 'a strategy removed from the repo: its record', records: [record({})], rollouts: [], want: ['shop/web'] },
    {
      name: 'a strategy renamed: the old name only',
      records: [record({}), record({ name: 'web2' })],
      rollouts: [strategy('shop', 'web2')],
      want: ['shop/web'],
    },
    {
      name: 'the same name in another namespace is another strategy',
      records: [record({})],
      rollouts: [strategy('other', 'web')],
      want: ['shop/web'],
    },
  ];
  for (const c of staleCases)
    it(`stale records: ${c.name}`, () =>
      assert.deepEqual(
        staleRecords(c.records, c.rollouts).map((r) => `${r.namespace}/${r.name}`),
        c.want,
      ));

  const decision = (over: Partial<RolloutState>): RolloutDecision =>
    ({ state: record(over), transitions: [], inForce: {} }) as unknown as RolloutDecision;
  const pause: OperatorRequest = 'Pause';
  const writeCases: {
    name: string;
    records: RolloutState[];
    decisions: RolloutDecision[];
    requests: { namespace: string; name: string; request: OperatorRequest }[];
    want: [string, boolean][];
  }[] = [
    {
      name: 'an unchanged record and no request: no commit',
      records: [record({})],
      decisions: [decision({})],
      requests: [],
      want: [],
    },
    { name: 'a first record', records: [], decisions: [decision({})], requests: [], want: [['shop/web', false]] },
    {
      name: 'a changed record',
      records: [record({})],
      decisions: [decision({ currentWave: 1 })],
      requests: [],
      want: [['shop/web', false]],
    },
    {
      name: 'an unchanged record whose request was acted on: the request is removed',
      records: [record({})],
      decisions: [decision({})],
      requests: [{ namespace: 'shop', name: 'web', request: pause }],
      want: [['shop/web', true]],
    },
    {
      name: "another strategy's request is not this one's",
      records: [record({})],
      decisions: [decision({})],
      requests: [{ namespace: 'shop', name: 'api', request: pause }],
      want: [],
    },
  ];
  for (const c of writeCases)
    it(`record writes: ${c.name}`, () =>
      assert.deepEqual(
        recordWrites(c.records, c.decisions, c.requests).map((w) => [
          `${w.decision.state.namespace}/${w.decision.state.name}`,
          w.request !== undefined,
        ]),
        c.want,
      ));
});
