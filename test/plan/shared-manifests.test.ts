/**
 * Issue 25 goal 4: Works of clusters whose manifests render alike share one manifest object
 * (src/render/override-classes.ts). Sharing is safe only while nothing changes a manifest once
 * rendered: here every Work of a plan is frozen, and what reads plans (the JSON and YAML output,
 * the rendered branch's files, apply's desired objects) runs on it and prints exactly what it
 * prints for a plan whose Works each hold their own copy.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { cloneJson } from '../../src/api/index.ts';
import { jsonChunks, yamlChunks } from '../../src/cli/output-stream.ts';
import { desiredByCluster } from '../../src/cluster/apply-fleet.ts';
import { loadFleet } from '../../src/load/index.ts';
import { planFleet, planToContract, type Plan } from '../../src/plan/index.ts';
import { deepFreeze } from '../../src/render/fixtures.test-support.ts';
import { readDirectory } from '../../src/source/index.ts';
import { renderedFiles } from '../../src/writeback/rendered-tree.ts';

const example = path.resolve(import.meta.dirname, '..', '..', 'examples', 'fleet-repo');

/** What the readers of a plan make of it. */
const readers: readonly { name: string; read: (plan: Plan) => unknown }[] = [
  { name: 'plan -o json', read: (plan) => [...jsonChunks(planToContract(plan))].join('') },
  { name: 'plan -o yaml', read: (plan) => [...yamlChunks(planToContract(plan))].join('') },
  { name: 'the rendered branch', read: (plan) => [...renderedFiles(plan.works, plan.clusters)] },
  { name: "apply's desired objects", read: (plan) => [...desiredByCluster(plan.works)] },
];

describe('plan: Works share manifests between equivalent clusters (example fleet)', () => {
  let shared: Plan;
  let copied: Plan;
  before(async () => {
    const { fleet, diagnostics } = loadFleet(await readDirectory(example));
    shared = deepFreeze(planFleet({ fleet, diagnostics, revision: 'test' }));
    copied = { ...shared, works: shared.works.map((w) => cloneJson(w)) };
  });

  it('holds fewer manifest objects than Works', () => {
    const manifests = new Set(shared.works.flatMap((w) => w.spec.workload.manifests));
    assert.equal(shared.errors.length, 0);
    assert.ok(manifests.size < shared.works.length, `${manifests.size} manifests for ${shared.works.length} Works`);
  });

  for (const { name, read } of readers)
    it(`${name}: the frozen, shared plan reads as a plan of copies`, () => {
      assert.deepEqual(read(shared), read(copied));
    });
});
