/**
 * Issue 24 item 9: a stateless `flotilla apply` is idempotent for capacity-weighted workloads.
 * The example fleet's `catalog` is divided by the members' free capacity (dynamicWeight:
 * AvailableReplicas); its own pods use that capacity up once scheduled, so without the previous
 * placement a second apply of the same revision would divide it again. apply now reads the
 * previous placement back from the members' objects (src/cluster/observe-placement.ts).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flotillaWith } from './faults-rig.ts';
import { e2eEnabled, eventually, getJson, members } from './harness.ts';

const example = path.resolve(import.meta.dirname, '..', '..', 'examples', 'fleet-repo');
const mapped: Readonly<Record<string, string>> = { 'aws-euw': 'member1', 'aws-use': 'member2', 'gcp-use': 'member3' };
const contextMap = Object.entries(mapped)
  .map(([c, m]) => `${c}=${m}`)
  .join(',');

/** catalog's replicas on each mapped member (0 when absent), in member order. */
async function catalogReplicas(): Promise<number[]> {
  return Promise.all(
    Object.values(mapped).map(async (m) =>
      Number((await getJson(m, 'deployment', 'catalog', '-n', 'shop'))?.['spec']?.['replicas'] ?? 0),
    ),
  );
}

/** Waits until every catalog pod on the members is bound to a node, so it counts against their free capacity. */
async function podsBound(): Promise<void> {
  const want = await catalogReplicas();
  await eventually('catalog pods scheduled', 120_000, async () => {
    const bound = await Promise.all(
      Object.values(mapped).map(
        async (m) =>
          ((await getJson(m, 'pods', '-n', 'shop', '-l', 'app=catalog'))?.['items'] ?? []).filter(
            (p: { spec: { nodeName?: string } }) => p.spec.nodeName,
          ).length,
      ),
    );
    return bound.every((b, i) => b === want[i]) ? true : undefined;
  });
}

(e2eEnabled ? describe : describe.skip)(
  'faults: a stateless apply keeps capacity-weighted replicas where they are (e2e)',
  function () {
    this.timeout(300_000);
    let kubeconfig = '';
    let repo = '';
    // Observing the members (the default): their free capacity drives the division.
    const apply = () =>
      flotillaWith(
        {},
        'apply',
        '--repo',
        repo,
        '--kubeconfig',
        kubeconfig,
        '--context-map',
        contextMap,
        '--timeout',
        '30s',
        '-o',
        'json',
      );

    before(async () => {
      ({ kubeconfig } = await members());
      repo = mkdtempSync(path.join(os.tmpdir(), 'flotilla-faults-idempotent-'));
      cpSync(example, repo, { recursive: true });
    });
    after(() => rmSync(repo, { recursive: true, force: true }));

    it("applying the same revision again leaves the replicas unchanged, once the first apply's pods use the capacity", async () => {
      const first = await apply();
      assert.equal(first.code, 1, 'the unmapped clusters are unreachable');
      const before = await catalogReplicas();
      assert.ok(before.reduce((a, b) => a + b, 0) > 0, `catalog placed on the mapped members: ${before}`);
      await podsBound();
      for (let i = 0; i < 2; i++) {
        const again = await apply();
        assert.equal(again.code, 1);
        const report = JSON.parse(again.stdout) as {
          clusters: { cluster: string; ok: boolean; objects: { kind: string; name: string; action: string }[] }[];
        };
        for (const c of report.clusters.filter((x) => x.ok)) {
          assert.deepEqual(
            c.objects.filter((o) => o.action !== 'unchanged').map((o) => `${o.kind}/${o.name}:${o.action}`),
            [],
            c.cluster,
          );
        }
        assert.deepEqual(await catalogReplicas(), before);
      }
    });

    it('a real change in git still moves them: scaling catalog up divides the new replicas', async () => {
      const file = path.join(repo, 'apps', 'catalog', 'catalog.yaml');
      const before = await catalogReplicas();
      writeFileSync(file, readFileSync(file, 'utf8').replace('replicas: 8', 'replicas: 16'));
      assert.equal((await apply()).code, 1);
      const after = await catalogReplicas();
      assert.notDeepEqual(after, before);
      assert.ok(
        after.every((n, i) => n >= (before[i] ?? 0)),
        `a scale-up keeps the previous replicas (Steady): ${before} → ${after}`,
      );
    });
  },
);
