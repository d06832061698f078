/**
 * Issue 22: one label per revision. `plan`, `render --out` and `validate` read a working tree
 * through the same function, so they label it alike (`apply` stamps the same label on the
 * inventory: test/cluster/reconcile-apply.e2e.test.ts reads it back for a commit).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.ts';

const example = path.resolve(import.meta.dirname, '..', '..', 'examples', 'fleet-repo');

describe('the revision label of a working tree', function () {
  this.timeout(60000);
  let out = '';
  before(() => {
    out = mkdtempSync(path.join(os.tmpdir(), 'flotilla-label-'));
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('plan -o json and render --out -o json give the same working-tree-<hash> label', async () => {
    const plan = await runCli(['plan', '--repo', example, '-o', 'json']);
    assert.equal(plan.code, 0, plan.stderr);
    const render = await runCli(['render', '--repo', example, '--out', out, '-o', 'json']);
    assert.equal(render.code, 0, render.stderr);
    const planned = (JSON.parse(plan.stdout) as { revision: string }).revision;
    assert.match(planned, /^working-tree-[0-9a-f]{8}$/);
    assert.equal((JSON.parse(render.stdout) as { revision: string }).revision, planned);
  });
});
