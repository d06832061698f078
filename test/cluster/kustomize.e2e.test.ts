/**
 * The rendered tree through the real `kubectl kustomize` (kustomize's kyaml, as Flux's
 * kustomize-controller and Argo CD build it) and then kubectl's own YAML → JSON reading (go-yaml
 * v2 via sigs.k8s.io/yaml, as Flux decodes kustomize's output): a ConfigMap full of strings that
 * YAML 1.1 would read as timestamps, ints, floats, bools or nulls keeps every key and value.
 * FLOTILLA_E2E=0 skips.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import YAML from 'yaml';
import type { JsonObject } from '../../src/api/index.ts';
import { buildWork } from '../../src/render/work.ts';
import { writeRenderedDir } from '../../src/writeback/index.ts';
import { kustomizeCarries, trickyConfigMap } from '../fixtures/tricky-yaml.ts';
import { e2eEnabled, kubectl, members } from './harness.ts';

const execFileP = promisify(execFile);

(e2eEnabled ? describe : describe.skip)('rendered tree through kubectl kustomize (e2e)', function () {
  this.timeout(120_000);
  const cm = trickyConfigMap('tricky', 'kustomize-e2e', kustomizeCarries);
  const ns: JsonObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kustomize-e2e' } };
  let dir = '';
  let built = '';

  before(async function () {
    this.timeout(300_000);
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-kustomize-'));
    const works = [
      buildWork('on', { apiVersion: 'v1', kind: 'Namespace', name: 'kustomize-e2e' }, 'Namespace/kustomize-e2e', ns),
      buildWork(
        'on',
        { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'kustomize-e2e', name: 'tricky' },
        'kustomize-e2e/tricky-configmap',
        cm,
      ),
    ];
    await writeRenderedDir(dir, { works, clusters: ['on', 'empty'] });
    const { kubectl: bin } = await members();
    built = (await execFileP(bin, ['kustomize', path.join(dir, 'clusters', 'on')], { maxBuffer: 16 * 1024 * 1024 }))
      .stdout;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('kubectl reads the built objects with the same data (go-yaml v2 → JSON)', async () => {
    const read = async (kind: string): Promise<JsonObject> => {
      const text = built.split(/^---$/m).find((d) => new RegExp(`^kind: ${kind}$`, 'm').test(d)) ?? '';
      const file = path.join(dir, `${kind}.yaml`);
      writeFileSync(file, text);
      return JSON.parse(await kubectl('member1', 'apply', '--dry-run=client', '-o', 'json', '-f', file)) as JsonObject;
    };
    const got = await read('ConfigMap');
    assert.deepEqual(got['data'], cm['data']);
    assert.deepEqual((got['metadata'] as JsonObject)['labels'], { on: 'yes', version: '1.10' });
    const annotations =
      ((await read('Namespace'))['metadata'] as { annotations?: Record<string, string> }).annotations ?? {};
    assert.equal(annotations['argocd.argoproj.io/sync-options'], 'Prune=false,Delete=false');
    assert.equal(annotations['kustomize.toolkit.fluxcd.io/prune'], 'disabled');
  });

  it('the built stream reads the same as YAML 1.1 and 1.2 (LS and PS aside: kustomize writes them raw, which only go-yaml reads as YAML 1.1 line breaks)', () => {
    const plain = (data: unknown) =>
      Object.fromEntries(
        Object.entries(data as Record<string, string>).filter(([k, v]) => !/[\u2028\u2029]/.test(k + v)),
      );
    for (const version of ['1.1', '1.2'] as const) {
      const docs = YAML.parseAllDocuments(built, { version }).map((d) => d.toJS() as JsonObject);
      const got = docs.find((d) => d['kind'] === 'ConfigMap');
      assert.deepEqual(plain(got?.['data']), plain(cm['data']), version);
      assert.deepEqual(
        (got?.['metadata'] as JsonObject | undefined)?.['labels'],
        { on: 'yes', version: '1.10' },
        version,
      );
    }
  });

  it('an inventory cluster with nothing placed builds to an empty stream', async () => {
    const { kubectl: bin } = await members();
    assert.equal((await execFileP(bin, ['kustomize', path.join(dir, 'clusters', 'empty')])).stdout.trim(), '');
  });
});
