/**
 * DESIGN principle 7 on the rendered branch: a one-template change rewrites exactly that
 * template's rendered files (no revision in any manifest), whatever else the fleet holds.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadFleet, type Snapshot } from '../load/index.ts';
import { planFleet } from '../plan/index.ts';
import { readDirectory } from '../source/index.ts';
import { renderedFiles } from './rendered-tree.ts';

const exampleFleet = path.resolve(import.meta.dirname, '../../examples/fleet-repo');

function treeOf(snapshot: Snapshot): Map<string, string> {
  const { fleet, diagnostics } = loadFleet(snapshot);
  const plan = planFleet({ fleet, diagnostics, revision: snapshot.revision });
  assert.deepEqual(plan.errors, []);
  return renderedFiles(plan.works, plan.clusters);
}

function edited(snapshot: Snapshot, revision: string, file: string, edit: (text: string) => string): Snapshot {
  const files = snapshot.files.map((f) => {
    if (f.path !== file) return f;
    const text = new TextDecoder().decode(f.bytes);
    const next = edit(text);
    assert.notEqual(next, text, `the edit changes ${file}`);
    return { ...f, bytes: new TextEncoder().encode(next) };
  });
  return { ...snapshot, revision, files };
}

function changedPaths(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p)).sort();
}

describe('rendered tree: a one-template change rewrites only that template', () => {
  let base: Snapshot;
  before(async () => {
    base = { ...(await readDirectory(exampleFleet)), revision: 'rev-1' };
  });

  it('another revision with no change renders the same bytes', () => {
    assert.deepEqual(changedPaths(treeOf(base), treeOf({ ...base, revision: 'rev-2' })), []);
  });
  const cases = [
    {
      name: 'a new image',
      file: 'apps/shop/frontend.yaml',
      edit: (t: string) => t.replace('storefront:1.8.2', 'storefront:1.8.3'),
      kind: 'deployment-frontend',
    },
    {
      name: 'a replica change',
      file: 'apps/shop/frontend.yaml',
      edit: (t: string) => t.replace('replicas: 6', 'replicas: 8'),
      kind: 'deployment-frontend',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const before = treeOf(base);
      const after = treeOf(edited(base, 'rev-2', c.file, c.edit));
      const changed = changedPaths(before, after);
      assert.ok(changed.length > 0);
      for (const p of changed) assert.match(p, new RegExp(`^clusters/[^/]+/shop/${c.kind}\\.yaml$`));
      assert.ok(before.size > changed.length * 3, `${before.size} files, ${changed.length} changed`);
    });
  }
});
