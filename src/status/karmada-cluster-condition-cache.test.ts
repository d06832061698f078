/**
 * Karmada's cluster-status flap damping test cases (pkg/controllers/status/
 * cluster_condition_cache_test.go), case by case, against flotilla's dampedCondition
 * (ready-condition.ts). Each case cites `<Go file> :: <Test function> :: <case name>`.
 *
 * Karmada's clusterData (the last observed status and when it started) is flotilla's streak,
 * kept on the status branch; an observed True is a reachable member whose readyz is ok, an
 * observed False one whose readyz is not. Thresholds 30s, as in the Go test.
 *
 * Skipped as Go plumbing: TestClusterConditionStore_Get / _Update / _Delete (the sync.Map).
 */
import assert from 'node:assert/strict';
import type { Condition } from '../api/index.ts';
import type { ObservedStreak } from './ready-condition.ts';
import { dampedCondition, defaultHealthSettings } from './ready-condition.ts';
import { addSeconds } from './time.ts';

const CC = 'pkg/controllers/status/cluster_condition_cache_test.go';

const now = '2026-01-01T12:00:00Z';
const ago = (s: number): string => addSeconds(now, -s);
const settings = { ...defaultHealthSettings, successThresholdSeconds: 30, failureThresholdSeconds: 30 };
type S = 'True' | 'False';
const cond = (status: S): Condition => ({ type: 'Ready', status, lastTransitionTime: ago(3600) });

const cases: { name: string; saved?: [S, number]; current?: S; observed: S; want: S }[] = [
  { name: 'cluster just joined in ready state', observed: 'True', want: 'True' },
  { name: 'cluster just joined in not-ready state', observed: 'False', want: 'False' },
  // Karmada's thresholdStartTime is unset here; no flip is judged, so its value does not matter.
  { name: 'cluster stays ready', saved: ['True', 3600], current: 'True', observed: 'True', want: 'True' },
  {
    name: 'cluster becomes not ready but still not reach failure threshold',
    saved: ['False', 15],
    current: 'True',
    observed: 'False',
    want: 'True',
  },
  {
    name: 'cluster becomes not ready and reaches failure threshold',
    saved: ['False', 30],
    current: 'True',
    observed: 'False',
    want: 'False',
  },
  { name: 'cluster stays not ready', saved: ['False', 60], current: 'False', observed: 'False', want: 'False' },
  {
    name: 'cluster recovers but still not reach success threshold',
    saved: ['True', 15],
    current: 'False',
    observed: 'True',
    want: 'False',
  },
  {
    name: 'cluster recovers and reaches success threshold',
    saved: ['True', 30],
    current: 'False',
    observed: 'True',
    want: 'True',
  },
  {
    name: 'ready condition changes from true to false',
    saved: ['True', 600],
    current: 'True',
    observed: 'False',
    want: 'True',
  },
  {
    name: 'ready condition changes from false to true',
    saved: ['False', 600],
    current: 'False',
    observed: 'True',
    want: 'False',
  },
  {
    name: 'current condition is nil, should return observed condition',
    saved: ['False', 30],
    observed: 'True',
    want: 'True',
  },
];

describe('Karmada cluster status: thresholdAdjustedReadyCondition (dampedCondition)', () => {
  for (const c of cases) {
    it(`${CC} :: TestThresholdAdjustedReadyCondition :: ${c.name}`, () => {
      const streak: ObservedStreak | undefined = c.saved ? { status: c.saved[0], since: ago(c.saved[1]) } : undefined;
      const got = dampedCondition(
        c.current ? cond(c.current) : undefined,
        streak,
        { reachable: true, readyzOk: c.observed === 'True', observedAt: now },
        settings,
      );
      assert.equal(got.condition.status, c.want);
    });
  }
});
