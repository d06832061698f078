import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { ScalingPolicy, ScalingRules, SelectPolicy } from '../api/autoscaling.ts';
import {
  limitByBehaviorRate,
  type NormalizationArg,
  normalizeWithBehaviors,
  recordScaleEvent,
  type ScaleHistory,
  scaleDownLimit,
  scaleUpLimit,
  stabilizeRecommendation,
} from './behavior.ts';

// Worked examples from Karmada's pkg/controllers/federatedhpa/federatedhpa_controller_test.go, whose
// functions are Kubernetes' horizontal.go ones (TestCalculateScaleUpLimitWithScalingRules, …).
const now = 1_800_000_000_000;
const ago = (s: number): number => now - s * 1000;
const empty: ScaleHistory = { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] };

function rules(policies: ScalingPolicy[], selectPolicy: SelectPolicy = 'Max', window = 0): ScalingRules {
  return { stabilizationWindowSeconds: window, selectPolicy, policies };
}
const pods = (value: number, periodSeconds = 60): ScalingPolicy => ({ type: 'Pods', value, periodSeconds });
const percent = (value: number, periodSeconds = 60): ScalingPolicy => ({ type: 'Percent', value, periodSeconds });

describe('autoscale: scaleUpLimit (TestCalculateScaleUpLimitWithScalingRules)', () => {
  const cases = [
    { name: 'No previous events', current: 5, history: empty, rules: rules([pods(4)]), want: 9 },
    {
      name: 'With previous scale up event',
      current: 5,
      history: { ...empty, scaleUpEvents: [{ change: 2, time: ago(30) }] },
      rules: rules([pods(4)]),
      want: 7,
    },
    { name: 'Disabled policy', current: 5, history: empty, rules: rules([pods(4)], 'Disabled'), want: 5 },
    { name: 'MinChange policy', current: 5, history: empty, rules: rules([pods(4), pods(2)], 'Min'), want: 7 },
    { name: 'Percent scaling policy', current: 10, history: empty, rules: rules([percent(50)]), want: 15 },
    // An event older than the period does not count (TestGetReplicasChangePerPeriod "some outside period").
    {
      name: 'an event outside the period',
      current: 5,
      history: { ...empty, scaleUpEvents: [{ change: 2, time: ago(70) }] },
      rules: rules([pods(4)]),
      want: 9,
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(scaleUpLimit(c.current, c.history, c.rules, now), c.want));
});

describe('autoscale: scaleDownLimit (TestCalculateScaleDownLimitWithBehaviors)', () => {
  const cases = [
    { name: 'No previous events', current: 10, history: empty, rules: rules([percent(20)]), want: 8 },
    {
      name: 'With previous scale down event',
      current: 10,
      history: { ...empty, scaleDownEvents: [{ change: 1, time: ago(30) }] },
      rules: rules([percent(20)]),
      want: 8,
    },
    { name: 'Multiple policies', current: 100, history: empty, rules: rules([percent(10), pods(5)]), want: 90 },
    { name: 'Disabled policy', current: 10, history: empty, rules: rules([percent(20)], 'Disabled'), want: 10 },
    { name: 'MinChange policy', current: 100, history: empty, rules: rules([percent(10), pods(15)], 'Min'), want: 90 },
  ];
  for (const c of cases) it(c.name, () => assert.equal(scaleDownLimit(c.current, c.history, c.rules, now), c.want));
});

function arg(over: Partial<NormalizationArg>): NormalizationArg {
  return {
    scaleUp: rules([percent(200)]),
    scaleDown: rules([percent(100)]),
    minReplicas: 1,
    maxReplicas: 10,
    currentReplicas: 5,
    desiredReplicas: 5,
    ...over,
  };
}

describe('autoscale: stabilizeRecommendation (TestStabilizeRecommendationWithBehaviors)', () => {
  const windows = { scaleUp: rules([], 'Max', 300), scaleDown: rules([], 'Max', 600) };
  const cases = [
    {
      name: 'Scale up stabilized',
      arg: arg({ ...windows, currentReplicas: 5, desiredReplicas: 10 }),
      recs: [
        { replicas: 8, time: ago(120) },
        { replicas: 7, time: ago(240) },
      ],
      want: [7, 'ScaleUpStabilized'],
    },
    {
      name: 'Scale down stabilized',
      arg: arg({ ...windows, currentReplicas: 8, desiredReplicas: 3 }),
      recs: [
        { replicas: 5, time: ago(300) },
        { replicas: 4, time: ago(480) },
      ],
      want: [5, 'ScaleDownStabilized'],
    },
    {
      name: 'No change needed',
      arg: arg({ ...windows, currentReplicas: 5, desiredReplicas: 5 }),
      recs: [{ replicas: 5, time: ago(60) }],
      want: [5, 'ReadyForNewScale'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = stabilizeRecommendation(c.arg, c.recs, now);
      assert.deepEqual([got.replicas, got.condition.reason], c.want);
      assert.deepEqual(got.recommendations, [...c.recs, { replicas: c.arg.desiredReplicas, time: now }]);
    });
  }

  it('drops samples older than both windows and keeps the rest', () => {
    const got = stabilizeRecommendation(
      arg({ ...windows, desiredReplicas: 5 }),
      [{ replicas: 9, time: ago(601) }],
      now,
    );
    assert.deepEqual(got.recommendations, [{ replicas: 5, time: now }]);
  });
});

describe('autoscale: limitByBehaviorRate (TestConvertDesiredReplicasWithBehaviorRate)', () => {
  const cases = [
    {
      name: 'Scale up within limits',
      arg: arg({ currentReplicas: 5, desiredReplicas: 8 }),
      want: [8, 'DesiredWithinRange'],
    },
    {
      name: 'Scale down within limits',
      arg: arg({ currentReplicas: 5, desiredReplicas: 3 }),
      want: [3, 'DesiredWithinRange'],
    },
    {
      name: 'Scale up beyond MaxReplicas',
      arg: arg({ currentReplicas: 8, desiredReplicas: 12 }),
      want: [10, 'TooManyReplicas'],
    },
    {
      name: 'scale up faster than the rate (Pods 2 / 60 s)',
      arg: arg({ scaleUp: rules([pods(2)]), currentReplicas: 3, desiredReplicas: 9 }),
      want: [5, 'ScaleUpLimit'],
    },
    {
      name: 'scale down faster than the rate (Percent 50 / 60 s)',
      arg: arg({ scaleDown: rules([percent(50)]), currentReplicas: 8, desiredReplicas: 1 }),
      want: [4, 'ScaleDownLimit'],
    },
    {
      name: 'below minReplicas',
      arg: arg({ minReplicas: 3, currentReplicas: 5, desiredReplicas: 2 }),
      want: [3, 'TooFewReplicas'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = limitByBehaviorRate(c.arg, empty, now);
      assert.deepEqual([got.replicas, got.reason], c.want);
    });
  }
});

describe('autoscale: normalizeWithBehaviors (TestNormalizeDesiredReplicasWithBehaviors)', () => {
  const cases = [
    {
      name: 'Scale up with behavior',
      arg: arg({
        scaleUp: rules([percent(200)], 'Max', 300),
        scaleDown: rules([percent(100)], 'Max', 300),
        currentReplicas: 5,
        desiredReplicas: 15,
      }),
      want: 10,
    },
    {
      name: 'Scale down with behavior',
      arg: arg({
        scaleUp: rules([percent(200)], 'Max', 300),
        scaleDown: rules([percent(50)], 'Max', 300),
        currentReplicas: 8,
        desiredReplicas: 2,
      }),
      want: 4,
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(normalizeWithBehaviors(c.arg, empty, now).replicas, c.want));
});

describe('autoscale: recordScaleEvent (TestStoreScaleEvent, TestMarkScaleEventsOutdated)', () => {
  const behavior = { scaleUp: rules([pods(4, 120)]), scaleDown: rules([percent(100, 120)]) };
  it('Scale up event', () => {
    const got = recordScaleEvent(empty, behavior, 5, 10, now);
    assert.deepEqual([got.scaleUpEvents, got.scaleDownEvents], [[{ change: 5, time: now }], []]);
  });
  it('Scale down event', () => {
    const got = recordScaleEvent(empty, behavior, 10, 5, now);
    assert.deepEqual([got.scaleUpEvents, got.scaleDownEvents], [[], [{ change: 5, time: now }]]);
  });
  it('Some events outdated: older than the longest period are dropped', () => {
    const history = {
      ...empty,
      scaleUpEvents: [
        { change: 1, time: ago(30) },
        { change: 1, time: ago(90) },
        { change: 1, time: ago(150) },
      ],
    };
    const got = recordScaleEvent(history, behavior, 5, 6, now);
    assert.deepEqual(got.scaleUpEvents, [
      { change: 1, time: ago(30) },
      { change: 1, time: ago(90) },
      { change: 1, time: now },
    ]);
  });
});
