import assert from 'node:assert/strict';
import { binding } from '../../test/preview/builders.ts';
import { describeOutcome, describePlacement, describePolicy } from './describe.ts';
import { diffBinding, differingPaths } from './placement-diff.ts';

describe('preview: placement of one binding', () => {
  const cases = [
    {
      name: 'a weight change moves replicas and names the edited placement path',
      before: binding(
        'web',
        { eu: 3, us: 3 },
        {
          replicas: 6,
          placement: {
            replicaScheduling: { replicaSchedulingType: 'Divided' },
            clusterAffinity: { clusterNames: ['eu', 'us'] },
          },
        },
      ),
      after: binding(
        'web',
        { eu: 2, us: 4 },
        {
          replicas: 6,
          placement: {
            replicaScheduling: { replicaSchedulingType: 'Divided' },
            clusterAffinity: { clusterNames: ['eu', 'us', 'ap'] },
          },
        },
      ),
      want: {
        change: 'changed',
        placement: 'eu: 3 → 2, us: 3 → 4',
        policy: 'PropagationPolicy shop/spread (edited: placement.clusterAffinity.clusterNames)',
        outcome: 'changed',
        replaced: true,
      },
    },
    {
      name: 'a cluster dropped and another added',
      before: binding('web', { eu: 3, us: 2 }, { replicas: 5 }),
      after: binding('web', { eu: 3, ap: 2 }, { replicas: 5 }),
      want: {
        change: 'changed',
        placement: 'ap: new 2, us: 2 → 0 (removed)',
        policy: 'PropagationPolicy shop/spread',
        outcome: 'changed',
        replaced: true,
      },
    },
    {
      name: 'a non-workload gains and loses clusters without counts',
      before: binding('web', { eu: null, us: null }, { kind: 'Service' }),
      after: binding('web', { eu: null, ap: null }, { kind: 'Service' }),
      want: {
        change: 'changed',
        placement: 'ap: new, us: removed',
        policy: 'PropagationPolicy shop/spread',
        outcome: 'changed',
        replaced: true,
      },
    },
    {
      name: 'a new binding',
      before: undefined,
      after: binding('web', { eu: 1 }, { replicas: 1 }),
      want: {
        change: 'added',
        placement: 'eu: new 1',
        policy: 'none → PropagationPolicy shop/spread',
        outcome: 'added',
        replaced: true,
      },
    },
    {
      name: 'a binding whose policy went away',
      before: binding('web', { eu: 1 }, { replicas: 1, policy: 'old' }),
      after: undefined,
      want: {
        change: 'removed',
        placement: 'eu: 1 → 0 (removed)',
        policy: 'PropagationPolicy shop/old → none',
        outcome: 'removed',
        replaced: true,
      },
    },
    {
      name: "a binding that becomes unschedulable keeps Karmada's reason",
      before: binding('web', { eu: 2 }, { replicas: 2 }),
      after: binding(
        'web',
        {},
        {
          replicas: 2,
          unschedulable: {
            reason: 'NoClusterFit',
            message: '0/3 clusters are available: 3 cluster(s) had untolerated taint {a: b}.',
          },
        },
      ),
      want: {
        change: 'changed',
        placement: 'eu: 2 → 0 (removed)',
        policy: 'PropagationPolicy shop/spread',
        outcome: 'unschedulable (NoClusterFit): 0/3 clusters are available: 3 cluster(s) had untolerated taint {a: b}.',
        replaced: true,
      },
    },
    {
      name: 'a claim moving to another policy with the same placement',
      before: binding('web', { eu: 2 }, { replicas: 2, policy: 'a' }),
      after: binding('web', { eu: 2 }, { replicas: 2, policy: 'b' }),
      want: {
        change: 'changed',
        placement: 'unchanged',
        policy: 'PropagationPolicy shop/a → PropagationPolicy shop/b',
        outcome: 'changed',
        replaced: false,
      },
    },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      const r = diffBinding(c.before, c.after);
      assert.ok(r);
      assert.deepEqual(
        {
          change: r.change,
          placement: describePlacement(r),
          policy: describePolicy(r),
          outcome: describeOutcome(r),
          replaced: r.replaced,
        },
        c.want,
      );
      assert.equal(r.becameUnschedulable, c.name.includes('unschedulable'));
    });
  }
  it('an identical binding is no change', () => {
    assert.equal(
      diffBinding(binding('web', { eu: 2 }, { replicas: 2 }), binding('web', { eu: 2 }, { replicas: 2 })),
      undefined,
    );
  });
});

describe('preview: differing paths', () => {
  const cases = [
    { name: 'equal values', a: { x: [1, 2] }, b: { x: [1, 2] }, want: [] },
    {
      name: 'a nested leaf',
      a: { w: { list: [{ weight: 1 }, { weight: 2 }] } },
      b: { w: { list: [{ weight: 1 }, { weight: 3 }] } },
      want: ['p.w.list[1].weight'],
    },
    { name: 'arrays of different length are one leaf', a: { l: [1] }, b: { l: [1, 2] }, want: ['p.l'] },
    { name: 'an added key', a: {}, b: { spread: 1 }, want: ['p.spread'] },
    { name: 'key order does not matter', a: { a: 1, b: 2 }, b: { b: 2, a: 1 }, want: [] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(differingPaths(c.a, c.b, 'p'), c.want));
});
