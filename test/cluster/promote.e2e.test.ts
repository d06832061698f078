/**
 * `flotilla promote` as a child process (Q6) on a workload created on member2 by hand
 * (test/cluster/legacy): the templates leave out what the cluster generated, a Secret is refused
 * without --include-secrets and never has its value written, and the next `flotilla apply` takes
 * the objects over without restarting the Pods (their uids stay). FLOTILLA_E2E=0 skips.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { flotilla } from './controller-rig.ts';
import { membersAndFleetCopy } from './fleet-copy.ts';
import { e2eEnabled, eventually, getJson, kubectl } from './harness.ts';

const legacy = path.join(import.meta.dirname, 'legacy', 'legacy-web.yaml');
type Obj = {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown>;
  spec?: Record<string, any>;
  data?: unknown;
  stringData?: unknown;
  type?: string;
};

async function podUids(): Promise<string[]> {
  const pods = await getJson('member2', 'pods', '-n', 'legacy', '-l', 'app=legacy-web');
  return ((pods?.['items'] ?? []) as { metadata: { uid: string } }[]).map((p) => p.metadata.uid).sort();
}

async function replicaSetUids(): Promise<string[]> {
  const sets = await getJson('member2', 'replicasets', '-n', 'legacy', '-l', 'app=legacy-web');
  return ((sets?.['items'] ?? []) as { metadata: { uid: string } }[]).map((p) => p.metadata.uid).sort();
}

(e2eEnabled ? describe : describe.skip)('flotilla promote (e2e, child process)', function () {
  this.timeout(180_000);
  let kubeconfig = '';
  let repo = '';
  /** `flotilla promote WHAT -n legacy --cluster CLUSTER` on this test's repo and members, plus `more`. */
  const promote = (what: readonly string[], cluster: string, ...more: string[]) =>
    flotilla(
      'promote',
      ...what,
      '-n',
      'legacy',
      '--cluster',
      cluster,
      '--repo',
      repo,
      '--kubeconfig',
      kubeconfig,
      ...more,
    );

  before(async function () {
    this.timeout(300_000);
    ({ kubeconfig, repo } = await membersAndFleetCopy('flotilla-promote-'));
    await kubectl('member2', 'apply', '-f', legacy);
    await eventually('legacy-web has 2 ready replicas', 180_000, async () =>
      (await getJson('member2', 'deployment', 'legacy-web', '-n', 'legacy'))?.['status']?.['readyReplicas'] === 2
        ? true
        : undefined,
    );
  });
  after(async function () {
    this.timeout(60_000);
    rmSync(repo, { recursive: true, force: true });
    await kubectl('member2', 'delete', 'namespace', 'legacy', '--ignore-not-found', '--wait=false');
  });

  it('refuses a referenced Secret without --include-secrets, writing nothing', async () => {
    const r = await promote(['deployment', 'legacy-web'], 'member2', '--dependencies');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /references Secret legacy\/legacy-db; .*--include-secrets/);
    assert.equal(existsSync(path.join(repo, 'apps', 'legacy')), false);
  });

  it('writes the templates without generated, assigned or defaulted fields, the Secret without its value, and an Overwrite policy pinned to the cluster', async () => {
    const r = await promote(['deploy/legacy-web'], 'member2', '--dependencies', '--include-secrets');
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(path.join(repo, 'apps', 'legacy', 'deployment-legacy-web.yaml'), 'utf8');
    assert.doesNotMatch(text, /s3cr3t|czNjcjN0/, 'no Secret value in git');
    const docs = YAML.parseAllDocuments(text).map((d) => d.toJS() as Obj);
    assert.deepEqual(
      docs.map((d) => d.kind),
      ['Deployment', 'ConfigMap', 'Secret', 'ServiceAccount'],
    );
    const [deploy, , secret] = docs;
    assert.deepEqual(Object.keys(deploy?.metadata ?? {}).sort(), ['labels', 'name', 'namespace']);
    assert.equal(deploy?.spec?.['progressDeadlineSeconds'], undefined);
    assert.equal(deploy?.spec?.['template']?.['spec']?.['containers']?.[0]?.['terminationMessagePath'], undefined);
    assert.equal((deploy as Record<string, unknown>)['status'], undefined);
    assert.deepEqual([secret?.data, secret?.stringData, secret?.type], [undefined, undefined, 'Opaque']);
    const policy = YAML.parse(
      readFileSync(path.join(repo, 'policies', 'legacy', 'legacy-web-deployment.yaml'), 'utf8'),
    ) as Obj;
    assert.equal(policy.spec?.['conflictResolution'], 'Overwrite');
    assert.deepEqual(policy.spec?.['placement']?.['clusterAffinity'], { clusterNames: ['member2'] });
  });

  it('a Service loses the clusterIP and nodePort the cluster assigned', async () => {
    const r = await promote(['svc', 'legacy-web'], 'member2');
    assert.equal(r.status, 0, r.stderr);
    const svc = YAML.parse(readFileSync(path.join(repo, 'apps', 'legacy', 'service-legacy-web.yaml'), 'utf8')) as Obj;
    assert.deepEqual(svc.spec, {
      type: 'NodePort',
      selector: { app: 'legacy-web' },
      ports: [{ port: 80, targetPort: 8080 }],
    });
  });

  it('the next apply takes the objects over without restarting the Pods', async () => {
    const before = await podUids();
    assert.equal(before.length, 2);
    const replicaSets = await replicaSetUids();
    const nodePort = (await getJson('member2', 'service', 'legacy-web', '-n', 'legacy'))?.['spec']?.['ports']?.[0]?.[
      'nodePort'
    ] as number;
    const r = await flotilla('apply', '--repo', repo, '--kubeconfig', kubeconfig, '-o', 'json');
    assert.equal(r.status, 0, r.stderr);
    const live = await getJson('member2', 'deployment', 'legacy-web', '-n', 'legacy');
    assert.equal(live?.['metadata']?.['labels']?.['app.kubernetes.io/managed-by'], 'flotilla');
    // The Deployment's generation moves (its annotations changed), but its pod template did not: same ReplicaSet, same Pods.
    assert.deepEqual(await replicaSetUids(), replicaSets);
    assert.deepEqual(await podUids(), before);
    assert.equal(
      (await getJson('member2', 'service', 'legacy-web', '-n', 'legacy'))?.['spec']?.['ports']?.[0]?.['nodePort'],
      nodePort,
    );
    const secret = await getJson('member2', 'secret', 'legacy-db', '-n', 'legacy');
    assert.equal(Buffer.from(String(secret?.['data']?.['password']), 'base64').toString(), 's3cr3t-never-in-git');
    assert.equal(await getJson('member1', 'deployment', 'legacy-web', '-n', 'legacy'), undefined, 'pinned to member2');
  });

  it('refuses an object flotilla already manages', async () => {
    const r = await promote(['deployment', 'legacy-web'], 'member2', '--force');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /already managed by flotilla/);
  });

  it('names a missing object and a cluster the repo does not declare', async () => {
    const missing = await promote(['deployment', 'nope'], 'member2');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cluster member2 has no Deployment legacy\/nope/);
    const unknown = await promote(['deployment', 'legacy-web'], 'member9');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /declares no Cluster member9: register it first/);
  });
});
