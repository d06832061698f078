/**
 * metrics.k8s.io on a real member (issue 19): metrics-server, aggregated into member1's apiserver,
 * scrapes the usage kwok emulates for a Deployment's pods, and a change of the emulated usage
 * (kwok's ClusterResourceUsage, set through setPodUsage) changes what the API returns, for the
 * pods there and for a pod created afterwards. FLOTILLA_E2E=0 skips.
 */
import assert from 'node:assert/strict';
import { e2eEnabled, eventually, getJson, kubectl, metrics } from './harness.ts';
import { type PodMetrics, podMetrics, setPodUsage } from './pod-metrics.ts';

const namespace = 'metrics-e2e';
const selector = { app: 'load' };
const mebibyte = 1024 * 1024;

/** metrics-server divides kwok's cumulative CPU by its own scrape times: allow a little skew. */
function near(millis: number, want: number): boolean {
  return Math.abs(millis - want) <= want * 0.05;
}

/** The pods' metrics once every pod of the Deployment reports `cpu` and `memoryMi`, else undefined. */
async function reporting(pods: number, cpu: number, memoryMi: number): Promise<PodMetrics[] | undefined> {
  const ms = await podMetrics('member1', namespace, selector);
  const ok = ms.length === pods && ms.every((m) => near(m.cpuMillis, cpu) && m.memoryBytes === memoryMi * mebibyte);
  return ok ? ms : undefined;
}

async function readyReplicas(want: number): Promise<true | undefined> {
  const d = await getJson('member1', 'deployment', 'load', '-n', namespace);
  return d?.['status']?.readyReplicas === want ? true : undefined;
}

(e2eEnabled ? describe : describe.skip)('metrics.k8s.io on a member (e2e, metrics-server over kwok)', function () {
  this.timeout(300_000);

  before(async function () {
    this.timeout(600_000);
    await metrics();
    await kubectl('member1', 'create', 'namespace', namespace);
    await setPodUsage('member1', namespace, selector, { cpu: '800m', memory: '256Mi' });
    await kubectl('member1', 'create', 'deployment', 'load', '-n', namespace, '--image=nginx:1.27', '--replicas=2');
    await eventually('2 ready load pods on member1', 120_000, () => readyReplicas(2));
  });
  after(async function () {
    this.timeout(120_000);
    await kubectl('member1', 'delete', 'namespace', namespace, '--ignore-not-found', '--wait=false');
  });

  it("reports each pod's emulated CPU and memory through /apis/metrics.k8s.io", async () => {
    const ms = await eventually('800m and 256Mi on both pods', 120_000, () => reporting(2, 800, 256));
    assert.equal(ms.length, 2);
    for (const m of ms) {
      assert.match(m.name, /^load-/);
      assert.ok(near(m.cpuMillis, 800), `${m.name}: ${m.cpuMillis}m`);
      assert.equal(m.memoryBytes, 256 * mebibyte);
    }
  });

  it('follows a change of the emulated usage, for the pods there and a pod created later', async () => {
    await setPodUsage('member1', namespace, selector, { cpu: '200m' });
    const lowered = await eventually('200m on both pods', 120_000, () => reporting(2, 200, 256));
    assert.ok(lowered.every((m) => near(m.cpuMillis, 200) && m.memoryBytes === 256 * mebibyte));

    await kubectl('member1', 'scale', 'deployment', 'load', '-n', namespace, '--replicas=3');
    await eventually('3 ready load pods on member1', 120_000, () => readyReplicas(3));
    const scaled = await eventually('200m on all three pods', 120_000, () => reporting(3, 200, 256));
    assert.equal(new Set(scaled.map((m) => m.name)).size, 3);
  });

  it("serves the nodes' usage too", async () => {
    const nodes = await eventually('member1 node metrics', 60_000, async () => {
      const out = await kubectl('member1', 'get', '--raw', '/apis/metrics.k8s.io/v1beta1/nodes');
      const list = JSON.parse(out) as { items?: Array<{ metadata?: { name?: string } }> };
      const names = (list.items ?? []).map((i) => i.metadata?.name ?? '').sort();
      return names.length > 0 ? names : undefined;
    });
    assert.deepEqual(nodes, ['member1-node-1', 'member1-node-2']);
  });
});
