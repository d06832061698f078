/** The rollout decision, pass by pass: every transition, a newer revision mid-rollout, clusters joining or failing, empty waves (docs/rollouts.md). */
import assert from 'node:assert/strict';
import type { Cluster, RolloutSpec, Wave } from '../api/index.ts';
import { decideRollout, type OperatorRequest, type RolloutDecision } from './decide.ts';
import type { ClusterHealth } from './health.ts';
import type { RevisionContent, RolloutState } from './state.ts';

const cluster = (name: string, region = 'eu-west'): Cluster => ({
  apiVersion: 'cluster.karmada.io/v1alpha1',
  kind: 'Cluster',
  metadata: { name },
  spec: { region },
});
const inventory = [
  cluster('a', 'us-east'),
  cluster('b', 'us-east'),
  cluster('c', 'us-east'),
  cluster('d'),
  cluster('e'),
];
const wave = (
  name: string,
  names: string[] | undefined,
  bakeSeconds = 0,
  maxConcurrent: Wave['maxConcurrent'] = { kind: 'Percent', percent: 100 },
): Wave => ({ name, clusters: names && { clusterNames: names }, bakeSeconds, maxConcurrent });
const usEast: Wave = {
  name: 'us',
  clusters: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['us-east'] }] } },
  bakeSeconds: 0,
  maxConcurrent: { kind: 'Percent', percent: 100 },
};
const spec = (over: Partial<RolloutSpec> = {}): RolloutSpec => ({
  namespace: 'shop',
  name: 'storefront',
  resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'frontend' }],
  waves: [wave('canary', ['a']), usEast, wave('rest', undefined)],
  progressDeadlineSeconds: 600,
  onFailure: 'Pause',
  ...over,
});
/** A revision with the same content id on each named cluster (`v2` everywhere, say). */
const rev = (revision: string, names = ['a', 'b', 'c', 'd', 'e']): RevisionContent => ({
  revision,
  contents: Object.fromEntries(names.map((n) => [n, `${revision}-${n}`])),
});
const healthy = (...names: string[]): Record<string, ClusterHealth> =>
  Object.fromEntries(names.map((n) => [n, { kind: 'Healthy' } as ClusterHealth]));
const ALL = ['a', 'b', 'c', 'd', 'e'];

interface Pass {
  now: number;
  health?: Record<string, ClusterHealth>;
  target?: RevisionContent;
  request?: OperatorRequest;
  failover?: string[];
  inventory?: Cluster[];
}
interface Scenario {
  spec?: RolloutSpec;
  baseline?: RevisionContent | null;
  target?: RevisionContent;
  passes: Pass[];
}

/** Runs the passes, each reading back the previous state through JSON (as the status branch would hand it over). */
function run(s: Scenario): RolloutDecision {
  let previous: RolloutState | undefined;
  let target = s.target ?? rev('v2');
  let d: RolloutDecision | undefined;
  const baseline = s.baseline === null ? undefined : (s.baseline ?? rev('v1'));
  for (const p of s.passes) {
    target = p.target ?? target;
    const base = previous?.phase === 'Done' ? previous.target : baseline;
    d = decideRollout({
      spec: s.spec ?? spec(),
      inventory: p.inventory ?? inventory,
      baseline: base,
      target,
      previous,
      health: p.health ?? {},
      failoverTargets: p.failover ?? [],
      request: p.request,
      now: p.now,
    });
    previous = JSON.parse(JSON.stringify(d.state)) as RolloutState;
  }
  return d as RolloutDecision;
}

/** `a:T b:B …`: T target, B baseline, C current, - none, with + when replicas come from the target. */
const inForce = (d: RolloutDecision) =>
  d.inForce
    .map(
      (f) =>
        `${f.cluster}:${{ Target: 'T', Baseline: 'B', Current: 'C', None: '-' }[f.source]}${f.replicasFromTarget ? '+' : ''}`,
    )
    .join(' ');
const summary = (d: RolloutDecision) => ({
  phase: d.state.phase,
  wave: d.state.waves[d.state.currentWave]?.name ?? '(done)',
  inForce: inForce(d),
  reasons: d.transitions.map((t) => t.reason),
});

const cases: { name: string; scenario: Scenario; want: ReturnType<typeof summary> }[] = [
  {
    name: 'no change: nothing to roll out',
    scenario: { target: rev('v1'), passes: [{ now: 0 }] },
    want: { phase: 'Done', wave: '(done)', inForce: 'a:T b:T c:T d:T e:T', reasons: [] },
  },
  {
    name: 'a change starts the first wave only',
    scenario: { passes: [{ now: 0 }] },
    want: { phase: 'Progressing', wave: 'canary', inForce: 'a:T b:B c:B d:B e:B', reasons: ['Started', 'WaveStarted'] },
  },
  {
    name: 'the canary healthy with no bake: the next wave starts in the same pass',
    scenario: { passes: [{ now: 0 }, { now: 60, health: healthy('a') }] },
    want: { phase: 'Progressing', wave: 'us', inForce: 'a:T b:T c:T d:B e:B', reasons: ['WaveHealthy', 'WaveStarted'] },
  },
  {
    name: 'an old healthy copy does not open the gate (health is of the target)',
    scenario: {
      passes: [
        { now: 0 },
        {
          now: 60,
          health: {
            a: {
              kind: 'Progressing',
              template: 'apps/v1/Deployment/shop/frontend',
              why: 'the target manifests are not applied yet',
            },
          },
        },
      ],
    },
    want: { phase: 'Progressing', wave: 'canary', inForce: 'a:T b:B c:B d:B e:B', reasons: [] },
  },
  {
    name: 'bake: healthy but not for long enough',
    scenario: {
      spec: spec({ waves: [wave('canary', ['a'], 600), wave('rest', undefined)] }),
      passes: [{ now: 0 }, { now: 60, health: healthy('a') }, { now: 600, health: healthy('a') }],
    },
    want: { phase: 'Progressing', wave: 'canary', inForce: 'a:T b:B c:B d:B e:B', reasons: [] },
  },
  {
    name: 'bake: healthy for the whole bake, the next wave starts',
    scenario: {
      spec: spec({ waves: [wave('canary', ['a'], 600), wave('rest', undefined)] }),
      passes: [{ now: 0 }, { now: 60, health: healthy('a') }, { now: 660, health: healthy('a') }],
    },
    want: {
      phase: 'Progressing',
      wave: 'rest',
      inForce: 'a:T b:T c:T d:T e:T',
      reasons: ['WaveHealthy', 'WaveStarted'],
    },
  },
  {
    name: 'bake: a dip in health restarts the bake',
    scenario: {
      spec: spec({ waves: [wave('canary', ['a'], 600), wave('rest', undefined)] }),
      passes: [
        { now: 0 },
        { now: 60, health: healthy('a') },
        { now: 300 },
        { now: 400, health: healthy('a') },
        { now: 700, health: healthy('a') },
      ],
    },
    want: { phase: 'Progressing', wave: 'canary', inForce: 'a:T b:B c:B d:B e:B', reasons: [] },
  },
  {
    name: 'every wave healthy: done, the target is the new baseline',
    scenario: {
      passes: [
        { now: 0 },
        { now: 60, health: healthy('a') },
        { now: 120, health: healthy('a', 'b', 'c') },
        { now: 180, health: healthy(...ALL) },
      ],
    },
    want: { phase: 'Done', wave: '(done)', inForce: 'a:T b:T c:T d:T e:T', reasons: ['WaveHealthy', 'Done'] },
  },
  {
    name: 'the progress deadline passes with Pause: the rollout holds, the canary keeps the target (no mix)',
    scenario: {
      passes: [
        { now: 0 },
        {
          now: 600,
          health: {
            a: { kind: 'Progressing', template: 'apps/v1/Deployment/shop/frontend', why: '0/3 replicas ready' },
          },
        },
      ],
    },
    want: { phase: 'Paused', wave: 'canary', inForce: 'a:T b:B c:B d:B e:B', reasons: ['ProgressDeadlineExceeded'] },
  },
  {
    name: 'a paused rollout stays paused on later passes, even when healthy',
    scenario: { passes: [{ now: 0 }, { now: 600 }, { now: 900, health: healthy(...ALL) }] },
    want: { phase: 'Paused', wave: 'canary', inForce: 'a:T b:B c:B d:B e:B', reasons: [] },
  },
  {
    name: 'the progress deadline passes with Rollback: the started clusters return to the baseline',
    scenario: {
      spec: spec({ onFailure: 'Rollback' }),
      passes: [{ now: 0 }, { now: 60, health: healthy('a') }, { now: 700, health: healthy('a') }],
    },
    want: { phase: 'RolledBack', wave: 'us', inForce: 'a:B b:B c:B d:B e:B', reasons: ['RolledBack'] },
  },
  {
    name: 'Rollback never removes a workload: a cluster without baseline content keeps the target',
    scenario: {
      spec: spec({ onFailure: 'Rollback' }),
      baseline: rev('v1', ['b', 'c', 'd', 'e']),
      passes: [{ now: 0 }, { now: 600 }],
    },
    want: { phase: 'RolledBack', wave: 'canary', inForce: 'a:T b:B c:B d:B e:B', reasons: ['RolledBack'] },
  },
  {
    name: 'a cluster failing mid-rollout (unreachable past the deadline) pauses it',
    scenario: {
      passes: [
        { now: 0 },
        { now: 60, health: healthy('a') },
        {
          now: 700,
          health: { ...healthy('a', 'b'), c: { kind: 'Unknown', why: 'the cluster could not be observed' } },
        },
      ],
    },
    want: { phase: 'Paused', wave: 'us', inForce: 'a:T b:T c:T d:B e:B', reasons: ['ProgressDeadlineExceeded'] },
  },
  {
    name: 'a newer revision mid-rollout restarts from the first wave; clusters on the older one keep it until their wave',
    scenario: { passes: [{ now: 0 }, { now: 60, health: healthy('a') }, { now: 120, target: rev('v3') }] },
    want: {
      phase: 'Progressing',
      wave: 'canary',
      inForce: 'a:T b:C c:C d:B e:B',
      reasons: ['Restarted', 'WaveStarted'],
    },
  },
  {
    name: 'a newer revision ends a paused rollout',
    scenario: { passes: [{ now: 0 }, { now: 600 }, { now: 700, target: rev('v3') }] },
    want: {
      phase: 'Progressing',
      wave: 'canary',
      inForce: 'a:T b:B c:B d:B e:B',
      reasons: ['Restarted', 'WaveStarted'],
    },
  },
  {
    name: 'a newer commit with the same content keeps the progress',
    scenario: {
      passes: [
        { now: 0 },
        { now: 60, health: healthy('a') },
        { now: 120, target: { revision: 'v2b', contents: rev('v2').contents } },
      ],
    },
    want: { phase: 'Progressing', wave: 'us', inForce: 'a:T b:T c:T d:B e:B', reasons: [] },
  },
  {
    name: 'a cluster joining a finished wave takes the target at once and gates the current wave',
    scenario: {
      spec: spec({ waves: [usEast, wave('rest', undefined)] }),
      baseline: rev('v1', ALL),
      passes: [
        { now: 0 },
        { now: 60, health: healthy('a', 'b', 'c') },
        {
          now: 120,
          health: healthy(...ALL),
          target: rev('v2', [...ALL, 'f']),
          inventory: [...inventory, cluster('f', 'us-east')],
        },
      ],
    },
    want: { phase: 'Progressing', wave: 'rest', inForce: 'a:T b:T c:T d:T e:T f:T', reasons: ['ClusterJoined'] },
  },
  {
    name: 'a cluster placed mid-rollout in a wave not started yet gets nothing until its wave starts (no restart)',
    scenario: {
      passes: [{ now: 0 }, { now: 60, target: rev('v2', [...ALL, 'f']), inventory: [...inventory, cluster('f')] }],
    },
    want: { phase: 'Progressing', wave: 'canary', inForce: 'a:T b:B c:B d:B e:B f:-', reasons: [] },
  },
  {
    name: 'a cluster added to a later wave gets nothing until its wave starts',
    scenario: { baseline: rev('v1', ['a', 'b', 'c', 'd']), passes: [{ now: 0 }] },
    want: { phase: 'Progressing', wave: 'canary', inForce: 'a:T b:B c:B d:B e:-', reasons: ['Started', 'WaveStarted'] },
  },
  {
    name: 'an empty wave is done at once',
    scenario: {
      spec: spec({ waves: [wave('canary', ['a']), wave('asia', ['nowhere']), wave('rest', undefined)] }),
      passes: [{ now: 0 }, { now: 60, health: healthy('a') }],
    },
    want: {
      phase: 'Progressing',
      wave: 'rest',
      inForce: 'a:T b:T c:T d:T e:T',
      reasons: ['WaveHealthy', 'EmptyWave', 'WaveStarted'],
    },
  },
  {
    name: 'clusters no wave matches go last, in the (unmatched) wave',
    scenario: {
      spec: spec({ waves: [wave('canary', ['a']), usEast] }),
      passes: [{ now: 0 }, { now: 60, health: healthy('a') }, { now: 120, health: healthy('a', 'b', 'c') }],
    },
    want: {
      phase: 'Progressing',
      wave: '(unmatched)',
      inForce: 'a:T b:T c:T d:T e:T',
      reasons: ['WaveHealthy', 'WaveStarted'],
    },
  },
  {
    name: 'maxConcurrentClusters: a wave of three at one at a time starts one cluster',
    scenario: {
      spec: spec({ waves: [wave('us', ['a', 'b', 'c'], 0, { kind: 'Count', count: 1 }), wave('rest', undefined)] }),
      passes: [{ now: 0 }],
    },
    want: {
      phase: 'Progressing',
      wave: 'us',
      inForce: 'a:T b:B c:B d:B e:B',
      reasons: ['Started', 'WaveStarted', 'BatchStarted'],
    },
  },
  {
    name: 'maxConcurrentClusters: the next batch starts when the first is healthy',
    scenario: {
      spec: spec({ waves: [wave('us', ['a', 'b', 'c'], 0, { kind: 'Count', count: 1 }), wave('rest', undefined)] }),
      passes: [{ now: 0 }, { now: 60, health: healthy('a') }],
    },
    want: { phase: 'Progressing', wave: 'us', inForce: 'a:T b:T c:B d:B e:B', reasons: ['BatchStarted'] },
  },
  {
    name: 'an operator pause holds the rollout',
    scenario: { passes: [{ now: 0 }, { now: 60, health: healthy('a'), request: 'Pause' }] },
    want: { phase: 'Paused', wave: 'canary', inForce: 'a:T b:B c:B d:B e:B', reasons: ['PausedByOperator'] },
  },
  {
    name: 'resume continues where it was',
    scenario: {
      passes: [{ now: 0 }, { now: 60, request: 'Pause' }, { now: 120, health: healthy('a'), request: 'Resume' }],
    },
    want: {
      phase: 'Progressing',
      wave: 'us',
      inForce: 'a:T b:T c:T d:B e:B',
      reasons: ['Resumed', 'WaveHealthy', 'WaveStarted'],
    },
  },
  {
    name: 'resume after a deadline restarts the deadline',
    scenario: { passes: [{ now: 0 }, { now: 600 }, { now: 1000, request: 'Resume' }, { now: 1500 }] },
    want: { phase: 'Progressing', wave: 'canary', inForce: 'a:T b:B c:B d:B e:B', reasons: [] },
  },
  {
    name: 'abort rolls back whatever onFailure says',
    scenario: { passes: [{ now: 0 }, { now: 60, health: healthy('a') }, { now: 120, request: 'Abort' }] },
    want: { phase: 'RolledBack', wave: 'us', inForce: 'a:B b:B c:B d:B e:B', reasons: ['RolledBack'] },
  },
  {
    name: 'failover is never blocked: a failover target with nothing in force gets the target, one on the baseline the new replicas',
    scenario: { baseline: rev('v1', ['a', 'b', 'c', 'd']), passes: [{ now: 0, failover: ['d', 'e'] }] },
    want: {
      phase: 'Progressing',
      wave: 'canary',
      inForce: 'a:T b:B c:B d:B+ e:T',
      reasons: ['Started', 'WaveStarted'],
    },
  },
  {
    name: 'the first rollout of a new template: clusters get it wave by wave',
    scenario: { baseline: null, passes: [{ now: 0 }] },
    want: { phase: 'Progressing', wave: 'canary', inForce: 'a:T b:- c:- d:- e:-', reasons: ['Started', 'WaveStarted'] },
  },
];

describe('rollout/decide: one pass at a time', () => {
  for (const c of cases) it(c.name, () => assert.deepEqual(summary(run(c.scenario)), c.want));

  it('a paused rollout names the wave, cluster, template and why', () => {
    const d = run({
      passes: [
        { now: 0 },
        {
          now: 600,
          health: {
            a: { kind: 'Progressing', template: 'apps/v1/Deployment/shop/frontend', why: '0/3 replicas ready' },
          },
        },
      ],
    });
    assert.equal(d.state.condition.reason, 'ProgressDeadlineExceeded');
    assert.equal(
      d.state.condition.message,
      'wave canary: a is not healthy after 600s (apps/v1/Deployment/shop/frontend: 0/3 replicas ready)',
    );
  });
  it('a rolled-back rollout records the baseline on the returned clusters', () => {
    const d = run({ spec: spec({ onFailure: 'Rollback' }), passes: [{ now: 0 }, { now: 600 }] });
    assert.deepEqual(
      d.state.clusters.find((c) => c.name === 'a'),
      { name: 'a', revision: 'v1', content: 'v1-a', confirmed: false },
    );
  });
  it('a Done rollout stays as recorded on later passes, its wave times kept', () => {
    const passes = [
      { now: 0 },
      { now: 60, health: healthy('a') },
      { now: 120, health: healthy('a', 'b', 'c') },
      { now: 180, health: healthy(...ALL) },
    ];
    const done = run({ passes });
    const later = run({ passes: [...passes, { now: 240, health: healthy(...ALL) }] });
    assert.deepEqual(later.transitions, []);
    assert.deepEqual(later.state, JSON.parse(JSON.stringify(done.state)));
    assert.equal(later.state.waves[1]?.startedAt, 60);
  });
  it('the same inputs decide the same, byte for byte', () => {
    const s: Scenario = { passes: [{ now: 0 }, { now: 60, health: healthy('a') }] };
    assert.equal(JSON.stringify(run(s)), JSON.stringify(run(s)));
  });
});
