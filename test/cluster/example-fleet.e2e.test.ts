/**
 * The example fleet (examples/fleet-repo: six clusters on three clouds) applied to the three real
 * members of the harness (issue 9): three of its clusters are mapped onto member1..3 with
 * --context-map, the other three have no context and are reported unreachable (exit 1) while the
 * mapped ones are applied; a second apply changes nothing.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { flotilla } from './controller-rig.ts';
import { e2eEnabled, getJson, members } from './harness.ts';

const example = path.resolve(import.meta.dirname, '..', '..', 'examples', 'fleet-repo');
const mapped: Readonly<Record<string, string>> = { 'aws-euw': 'member1', 'aws-use': 'member2', 'gcp-use': 'member3' };

interface Report {
  valid: boolean;
  clusters: {
    cluster: string;
    ok: boolean;
    reason: string;
    objects: { kind: string; name: string; action: string }[];
  }[];
}

(e2eEnabled ? describe : describe.skip)('flotilla apply of the example fleet onto real members (e2e)', function () {
  this.timeout(180_000);
  let kubeconfig = '';
  // Capacity from git (--observe=false); faults-idempotent-apply.e2e applies it with the members'
  // observed capacity (the previous placement read back from the members keeps it stable).
  const apply = () =>
    flotilla(
      'apply',
      '--repo',
      example,
      '--kubeconfig',
      kubeconfig,
      '--context-map',
      Object.entries(mapped)
        .map(([c, m]) => `${c}=${m}`)
        .join(','),
      '--observe=false',
      '--timeout',
      '30s',
      '-o',
      'json',
    );

  before(async function () {
    this.timeout(600_000);
    ({ kubeconfig } = await members());
  });

  it('applies the mapped clusters, reports the others unreachable, exits 1', async () => {
    const r = await apply();
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.equal(report.valid, true);
    const byName = new Map(report.clusters.map((c) => [c.cluster, c] as const));
    for (const c of Object.keys(mapped)) assert.equal(byName.get(c)?.ok, true, `${c}: ${byName.get(c)?.reason}`);
    for (const c of ['azure-apse', 'azure-euw', 'gcp-apse']) assert.equal(byName.get(c)?.ok, false, c);
    assert.match(r.stderr, /azure-euw/);
    // Workloads the plan places on the mapped clusters are running there, with the registry mirror of their cloud.
    const payments = await getJson('member2', 'deployment', 'payments-api', '-n', 'payments');
    assert.ok(payments, 'payments-api (remote DR, primary aws-use) on member2');
    for (const member of Object.values(mapped))
      assert.ok(await getJson(member, 'deployment', 'catalog', '-n', 'shop'), `catalog on ${member}`);
    const image = (await getJson('member3', 'deployment', 'catalog', '-n', 'shop'))?.['spec']?.['template']?.['spec']?.[
      'containers'
    ]?.[0]?.['image'] as string;
    const awsImage = (await getJson('member1', 'deployment', 'catalog', '-n', 'shop'))?.['spec']?.['template']?.[
      'spec'
    ]?.['containers']?.[0]?.['image'] as string;
    assert.notEqual(image, awsImage, 'the ClusterOverridePolicy rewrites the image registry per cloud');
  });

  it('a second apply changes nothing on the mapped clusters', async () => {
    const report = JSON.parse((await apply()).stdout) as Report;
    for (const c of report.clusters.filter((x) => x.ok))
      assert.deepEqual([...new Set(c.objects.map((o) => o.action))], ['unchanged'], c.cluster);
  });
});
