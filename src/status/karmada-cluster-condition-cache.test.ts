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

// [name, saved streak [status, seconds ago] or none, published Ready or none, observed, wanted]
type Row = [string, [S, number] | undefined, S | undefined, S, S];
const rows: Row[] = [
  ['cluster just joined in ready state', undefined, undefined, 'True', 'True'],
  ['cluster just joined in not-ready state', undefined, undefined, 'False', 'False'],
  // Karmada's thresholdStartTime is unset here; no flip is judged, so its value does not matter.
  ['cluster stays ready', ['True', 3600], 'True', 'True', 'True'],
  ['cluster becomes not ready but still not reach failure threshold', ['False', 15], 'True', 'False', 'True'],
  ['cluster becomes not ready and reaches failure threshold', ['False', 30], 'True', 'False', 'False'],
  ['cluster stays not ready', ['False', 60], 'False', 'False', 'False'],
  ['cluster recovers but still not reach success threshold', ['True', 15], 'False', 'True', 'False'],
  ['cluster recovers and reaches success threshold', ['True', 30], 'False', 'True', 'True'],
  ['ready condition changes from true to false', ['True', 600], 'True', 'False', 'True'],
  ['ready condition changes from false to true', ['False', 600], 'False', 'True', 'False'],
  ['current condition is nil, should return observed condition', ['False', 30], undefined, 'True', 'True'],
];
const cases = rows.map(([name, saved, current, observed, want]) => ({ name, saved, current, observed, want }));

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
