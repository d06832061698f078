import assert from 'node:assert/strict';
import { errorAt } from '../api/index.ts';
import { loadFleet } from '../load/index.ts';
import { planFleet, type PlanInput } from '../plan/index.ts';
import { snapshotOf } from '../plan/fleet-snapshot.test-support.ts';
import { baseFleet } from '../../test/preview/fleet-repo.ts';
import { planRemembering } from './plan-memory.ts';

function input(revision: string, image: string): PlanInput {
  const files = {
    ...baseFleet(),
    'apps/extra.yaml': [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'shop' }, data: { image } },
    ],
  };
  const { fleet, diagnostics } = loadFleet(snapshotOf(revision, files));
  return { fleet, diagnostics, revision };
}

const invalid = (i: PlanInput): PlanInput => ({
  ...i,
  diagnostics: [errorAt('SchemaViolation', { file: 'apps/extra.yaml', line: 1, column: 1 }, 'broken')],
});

describe('controller: the plan memory of a long-running controller', () => {
  // Each case is a sequence of passes of one controller; `want` is how each pass was planned.
  const cases: { name: string; passes: PlanInput[]; want: (string | undefined)[] }[] = [
    {
      name: 'the first pass plans in full, the next reuses it',
      passes: [input('r1', 'a'), input('r2', 'b')],
      want: [undefined, 'partial'],
    },
    {
      name: 'an invalid pass is not remembered: the one after plans in full',
      passes: [input('r1', 'a'), invalid(input('r2', 'b')), input('r3', 'c')],
      want: [undefined, 'full', undefined],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const ctx = {};
      c.passes.forEach((p, i) => {
        const got = planRemembering(ctx, p);
        assert.equal(got.reuse?.kind, c.want[i], `pass ${i + 1}`);
        assert.equal(JSON.stringify(got.plan), JSON.stringify(planFleet(p)), `pass ${i + 1}`);
      });
    });

  it('keeps one memory per controller', () => {
    const [a, b] = [{}, {}];
    planRemembering(a, input('r1', 'a'));
    assert.equal(planRemembering(b, input('r1', 'a')).reuse, undefined);
    assert.equal(planRemembering(a, input('r2', 'b')).reuse?.kind, 'partial');
  });
});
