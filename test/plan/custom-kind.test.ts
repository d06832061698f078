/**
 * A customisation of the project's own writing, in Karmada's format, teaches flotilla a custom
 * workload kind: it is planned, divided, rendered and aggregated with it. A hostile script fails
 * the revision with an error naming the customisation, and leaves the process and later plans intact.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterpreter } from '../../src/interpreter/index.ts';
import { loadSnapshot } from '../../src/plan/index.ts';
import { readRevision } from '../../src/source/index.ts';
import { runCli } from '../helpers/run-cli.ts';

const fixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'custom-kind');
type Manifest = { kind: string; spec: { size: number } };
type PlanOut = {
  errors: { file: string; code: string; message: string }[];
  bindings: { spec: { clusters: { name: string; replicas: number }[]; replicaRequirements?: unknown } }[];
  works: { metadata: { namespace: string }; spec: { workload: { manifests: Manifest[] } } }[];
};

describe('a custom workload kind taught by a ResourceInterpreterCustomization', function () {
  this.timeout(30000);
  it('plans, divides and renders it with the customisation', async () => {
    const r = await runCli(['plan', '--repo', fixture, '-o', 'json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const plan = JSON.parse(r.stdout) as PlanOut;
    assert.deepEqual(plan.bindings[0]?.spec.clusters, [
      { name: 'member1', replicas: 6 },
      { name: 'member2', replicas: 2 },
    ]);
    assert.deepEqual(plan.bindings[0]?.spec.replicaRequirements, { resourceRequest: { cpu: '250m', memory: '256Mi' } });
    const size = (cluster: string) =>
      plan.works.find((w) => w.metadata.namespace === `karmada-es-${cluster}`)?.spec.workload.manifests[0]?.spec.size;
    assert.deepEqual([size('member1'), size('member2')], [6, 2]);
  });
  it('aggregates and judges health with the customisation', async () => {
    const { fleet } = loadSnapshot(await readRevision({ kind: 'directory', dir: fixture }));
    const interpreter = createInterpreter(fleet.customizations);
    const web = fleet.templates[0]?.object;
    assert.ok(web);
    const aggregated = interpreter.aggregateStatus(web, [
      { clusterName: 'member1', status: { readySize: 6 }, applied: true },
      { clusterName: 'member2', status: { readySize: 1 }, applied: true },
    ]);
    assert.deepEqual(aggregated['status'], { readySize: 7, clusters: 2 });
    assert.equal(interpreter.interpretHealth({ ...web, status: { readySize: 8 } }), true);
    assert.equal(interpreter.interpretHealth({ ...web, status: { readySize: 3 } }), false);
  });
  for (const [name, body] of [
    ['an endless loop', 'while true do end'],
    ['a huge allocation', 'local t = {} for i = 1, 1e9 do t[i] = string.format("%099d", i) end'],
    ['os.execute', 'os.execute("touch /tmp/flotilla-pwned")'],
    ['require of a module', 'local io = require("io") io.open("/etc/passwd")'],
  ] as const) {
    it(`stops ${name} with an error naming the customisation, and the next plan is unaffected`, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-hostile-'));
      try {
        cpSync(fixture, dir, { recursive: true });
        const file = path.join(dir, 'interpreters', 'workload.yaml');
        writeFileSync(
          file,
          readFileSync(file, 'utf8').replace(
            'return obj.spec.size, kube.accuratePodRequirements(obj.spec.podTemplate)',
            body,
          ),
        );
        const bad = await runCli(['plan', '--repo', dir, '-o', 'json']);
        assert.equal(bad.code, 1, bad.stderr);
        const errors = (JSON.parse(bad.stdout) as PlanOut).errors;
        assert.equal(errors[0]?.code, 'InterpreterError');
        assert.match(errors[0]?.message ?? '', /example-workload/);
        // validate prints a note at the customisation, the second place of the problem (E3).
        const text = await runCli(['validate', '--repo', dir]);
        assert.match(
          text.stdout + text.stderr,
          /note: interpreters\/workload\.yaml:\d+(:\d+)?: the script is in ResourceInterpreterCustomization example-workload/,
        );
        const good = await runCli(['plan', '--repo', fixture, '-o', 'json']);
        assert.equal(good.code, 0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
