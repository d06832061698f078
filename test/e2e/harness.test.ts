// The e2e harness itself: `clusters up` gives working control planes that
// run Deployments to readiness, and `stop` / `start` fault one member.
// FLOTILLA_E2E=0 skips it (no binaries on the machine).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import https from 'node:https';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { AppsV1Api, CoreV1Api, KubeConfig, VersionApi, type V1Deployment } from '@kubernetes/client-node';

const execFileP = promisify(execFile);
const clustersBin = path.join(import.meta.dirname, 'clusters');

/** Runs test/e2e/clusters; returns its stdout. */
async function clusters(...args: string[]): Promise<string> {
  const { stdout } = await execFileP(clustersBin, args, { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines[lines.length - 1] ?? '';
}

function configFor(file: string, context: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  kc.setCurrentContext(context);
  return kc;
}

/** GET /readyz with the context's credentials; resolves the status code. */
async function readyz(kc: KubeConfig): Promise<number> {
  const opts: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  const server = kc.getCurrentCluster()?.server;
  assert.ok(server, 'context has a server');
  return new Promise((resolve, reject) => {
    const req = https.get(new URL('/readyz', server), { ...opts, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('readyz timed out')));
    req.on('error', reject);
  });
}

async function eventually<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`, { cause: last });
    await sleep(500);
  }
}

function deployment(name: string, replicas: number): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: 'registry.example/app:1' }] },
      },
    },
  };
}

describe('e2e harness: test/e2e/clusters', function () {
  this.timeout(20 * 60_000); // the first run on a machine builds the binaries
  const contexts = ['hub', 'member1', 'member2', 'member3'];
  let kubeconfig = '';
  let started = false;

  before(async function () {
    if (process.env['FLOTILLA_E2E'] === '0') {
      process.stderr.write('    FLOTILLA_E2E=0: skipping the e2e harness suite\n');
      this.skip();
    }
    started = true;
    kubeconfig = lastLine(await clusters('up', '3'));
  });

  after(async () => {
    if (started) await clusters('down');
  });

  it('prints a kubeconfig whose contexts are hub and member1..3', () => {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    assert.deepEqual(
      kc
        .getContexts()
        .map((c) => c.name)
        .toSorted(),
      contexts,
    );
  });

  it('is idempotent: up again prints the same kubeconfig', async () => {
    assert.equal(lastLine(await clusters('up', '3')), kubeconfig);
  });

  for (const context of contexts) {
    it(`${context} answers /readyz and its version`, async () => {
      const kc = configFor(kubeconfig, context);
      assert.equal(await readyz(kc), 200);
      const version = await kc.makeApiClient(VersionApi).getCode();
      assert.equal(version.major, '1');
      assert.match(version.gitVersion, /^v1\.\d+\.\d+$/);
    });
  }

  it('members have kwok Nodes with capacity', async () => {
    const core = configFor(kubeconfig, 'member1').makeApiClient(CoreV1Api);
    const nodes = await core.listNode({ labelSelector: 'type=kwok' });
    assert.equal(nodes.items.length, 2);
    for (const n of nodes.items) {
      assert.equal(n.status?.capacity?.['cpu'], '8');
      assert.equal(n.status?.capacity?.['memory'], '32Gi');
      assert.equal(n.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
    }
  });

  it('runs a Deployment of 3 replicas to readyReplicas 3 on member1', async () => {
    const apps = configFor(kubeconfig, 'member1').makeApiClient(AppsV1Api);
    // A name of this run: `up` may have reused clusters a killed run left behind.
    const name = `web-${process.pid}`;
    await apps.createNamespacedDeployment({ namespace: 'default', body: deployment(name, 3) });
    const ready = await eventually('readyReplicas 3', 120_000, async () => {
      const d = await apps.readNamespacedDeployment({ name, namespace: 'default' });
      return d.status?.readyReplicas === 3 ? d.status.readyReplicas : undefined;
    });
    assert.equal(ready, 3);
  });

  it('kubectl from the bin directory applies server-side', async () => {
    const kubectl = path.join(lastLine(await clusters('bindir')), 'kubectl');
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: e2e, namespace: default}\ndata: {a: "1"}\n';
    const child = execFile(kubectl, [
      '--kubeconfig',
      kubeconfig,
      '--context',
      'hub',
      'apply',
      '--server-side',
      '--field-manager',
      'e2e',
      '-f',
      '-',
    ]);
    child.stdin?.end(manifest);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    const cm = await configFor(kubeconfig, 'hub')
      .makeApiClient(CoreV1Api)
      .readNamespacedConfigMap({ name: 'e2e', namespace: 'default' });
    assert.equal(cm.data?.['a'], '1');
  });

  it('stop member2 makes it unreachable and start brings it back', async () => {
    const kc = configFor(kubeconfig, 'member2');
    const version = kc.makeApiClient(VersionApi);
    await clusters('stop', 'member2');
    await assert.rejects(version.getCode());
    await assert.rejects(readyz(kc));
    // The other members are unaffected.
    assert.equal(await readyz(configFor(kubeconfig, 'member1')), 200);
    await clusters('start', 'member2');
    assert.equal(await readyz(kc), 200);
    assert.equal((await version.getCode()).major, '1');
    const core = kc.makeApiClient(CoreV1Api);
    assert.equal((await core.listNode({ labelSelector: 'type=kwok' })).items.length, 2);
  });

  it('up starts a stopped apiserver again', async () => {
    const kc = configFor(kubeconfig, 'member3');
    await clusters('stop', 'member3');
    await assert.rejects(readyz(kc));
    assert.equal(lastLine(await clusters('up', '3')), kubeconfig);
    assert.equal(await readyz(kc), 200);
  });
});
