/** D7: the same repo planned twice, and with its files handed over in another order, gives byte-identical JSON. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadFleet, type Snapshot } from '../../src/load/index.ts';
import { planFleet, planToContract } from '../../src/plan/index.ts';
import { readDirectory } from '../../src/source/index.ts';

const example = path.resolve(import.meta.dirname, '..', '..', 'examples', 'fleet-repo');

function planJson(snapshot: Snapshot): string {
  const { fleet, diagnostics } = loadFleet(snapshot);
  return JSON.stringify(planToContract(planFleet({ fleet, diagnostics, revision: 'test' })));
}

/** A fixed permutation (no randomness in tests): reverse, then interleave halves. */
function shuffle<T>(xs: readonly T[]): T[] {
  const r = [...xs].reverse();
  const half = Math.ceil(r.length / 2);
  return r.slice(0, half).flatMap((x, i) => (r[half + i] !== undefined ? [r[half + i] as T, x] : [x]));
}

describe('plan determinism (example fleet)', () => {
  it('is byte-identical across runs and input file order', async () => {
    const snapshot = await readDirectory(example);
    const first = planJson(snapshot);
    assert.equal(planJson(snapshot), first);
    assert.equal(planJson({ ...snapshot, files: shuffle(snapshot.files) }), first);
    const parsed = JSON.parse(first) as { errors: unknown[]; bindings: unknown[]; works: unknown[] };
    assert.deepEqual(parsed.errors, []);
    assert.ok(parsed.bindings.length >= 5 && parsed.works.length >= 10, 'the example plans something');
  });
});

describe('plan works: check (example fleet)', () => {
  it('is the full plan without its Works', async () => {
    const { fleet, diagnostics } = loadFleet(await readDirectory(example));
    const kept = planFleet({ fleet, diagnostics, revision: 'test' });
    assert.deepEqual(planFleet({ fleet, diagnostics, revision: 'test', works: 'check' }), { ...kept, works: [] });
  });
});
