/** RolloutStrategy loading: schema errors and InvalidRollout at their lines, defaults applied, and defaults applied. */
import assert from 'node:assert/strict';
import { loadFleet } from './index.ts';
import { durationSeconds } from './rollout-strategy.ts';

const enc = new TextEncoder();
const head =
  'apiVersion: flotilla.io/v1alpha1\nkind: RolloutStrategy\nmetadata: {name: storefront, namespace: shop}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: frontend}]\n';
const load = (text: string) =>
  loadFleet({ revision: 'r', problems: [], files: [{ path: 'rollouts/r.yaml', bytes: enc.encode(text) }] });
const diags = (text: string) => load(text).diagnostics.map((d) => [d.severity, d.code, d.line]);

describe('load: RolloutStrategy (docs/rollouts.md)', () => {
  const cases: { name: string; text: string; want: unknown[] }[] = [
    {
      name: 'a valid strategy loads with no diagnostic',
      text: `${head}  waves:\n    - {name: canary, clusters: {clusterNames: [aws-use]}, bake: 10m}\n    - {name: rest, maxConcurrentClusters: 25%}\n`,
      want: [],
    },
    {
      name: 'two waves of one name are InvalidRollout at the second',
      text: `${head}  waves:\n    - {name: canary}\n    - {name: canary}\n`,
      want: [['error', 'InvalidRollout', 8]],
    },
    {
      name: 'a misspelt field is an UnknownField error at its line',
      text: `${head}  waves:\n    - {name: canary, bak: 10m}\n`,
      want: [['error', 'UnknownField', 7]],
    },
    {
      name: 'a bad duration is a schema error',
      text: `${head}  waves:\n    - {name: canary, bake: 10 minutes}\n`,
      want: [['error', 'SchemaViolation', 7]],
    },
    {
      name: 'onFailure must be Pause or Rollback',
      text: `${head}  waves: [{name: a}]\n  onFailure: Retry\n`,
      want: [['error', 'SchemaViolation', 7]],
    },
    { name: 'no waves is a schema error', text: `${head}  waves: []\n`, want: [['error', 'SchemaViolation', 6]] },
    {
      name: 'a percentage over 100 is a schema error',
      text: `${head}  waves: [{name: a, maxConcurrentClusters: 150%}]\n`,
      want: [['error', 'SchemaViolation', 6]],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(diags(c.text), c.want));

  it('applies the defaults and converts durations', () => {
    const r = load(
      `${head}  waves:\n    - {name: canary, bake: 1h30m, maxConcurrentClusters: 2}\n    - {name: rest}\n  healthCheck: {progressDeadline: 90s}\n`,
    );
    assert.deepEqual(
      r.fleet.rollouts?.map((x) => x.spec),
      [
        {
          namespace: 'shop',
          name: 'storefront',
          resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'frontend' }],
          waves: [
            { name: 'canary', clusters: undefined, bakeSeconds: 5400, maxConcurrent: { kind: 'Count', count: 2 } },
            { name: 'rest', clusters: undefined, bakeSeconds: 0, maxConcurrent: { kind: 'Percent', percent: 100 } },
          ],
          progressDeadlineSeconds: 90,
          onFailure: 'Pause',
        },
      ],
    );
    assert.equal(load(`${head}  waves: [{name: a}]\n`).fleet.rollouts?.[0]?.spec.progressDeadlineSeconds, 600);
  });

  const durations: [string | undefined, number | undefined][] = [
    ['0s', 0],
    ['90s', 90],
    ['10m', 600],
    ['1h', 3600],
    ['1h30m15s', 5415],
    [undefined, undefined],
  ];
  for (const [text, want] of durations)
    it(`durationSeconds(${String(text)}) = ${String(want)}`, () => assert.equal(durationSeconds(text), want));
});
