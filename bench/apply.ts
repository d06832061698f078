/**
 * `flotilla apply` benchmark against real members (test/e2e/clusters, 3 members): 1,000
 * ConfigMaps spread over the members, applied by flotilla's SSA engine (dry-run every object,
 * apply what differs, inventory) vs `kubectl apply --server-side` of the same objects (one kubectl
 * per member, in parallel); then a no-change apply of each. Figures, not assertions (Q7).
 * Goal: the no-change apply of 1,000 objects under 2 s.
 *
 *   npx node bench/apply.ts          # 1,000 objects
 *   npx node bench/apply.ts 3000     # another count
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '../src/api/index.ts';
import { applyFleet, type FleetApplyOptions, type PlanToApply } from '../src/cluster/apply-fleet.ts';
import { defaultPruneGuard } from '../src/cluster/prune-guard.ts';

const execFileP = promisify(execFile);
const clustersBin = path.resolve(import.meta.dirname, '..', 'test', 'e2e', 'clusters');
const count = Number(process.argv[2] ?? 1000);
const members = ['member1', 'member2', 'member3'];
const work = mkdtempSync(path.join(os.tmpdir(), 'flotilla-bench-apply-'));
const env = { ...process.env, FLOTILLA_E2E_STATE: path.join(work, 'clusters') };

async function clusters(...args: string[]): Promise<string> {
  return (await execFileP(clustersBin, args, { env, maxBuffer: 1 << 24 })).stdout.trim().split('\n').at(-1) ?? '';
}

function configMap(ns: string, i: number, owned: boolean): KubeObject {
  const meta = { name: `cm-${String(i).padStart(5, '0')}`, namespace: ns };
  return {
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: owned ? { ...meta, labels: { 'app.kubernetes.io/managed-by': 'flotilla' }, annotations: { 'flotilla.io/binding': `${ns}/${meta.name}-configmap` } } : meta,
    data: { index: String(i), payload: 'x'.repeat(200) },
  };
}

function objectsFor(ns: string, member: number, owned: boolean): KubeObject[] {
  const out: KubeObject[] = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }];
  for (let i = member; i < count; i += members.length) out.push(configMap(ns, i, owned));
  return out;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, (performance.now() - t) / 1000];
}

async function main(): Promise<void> {
  const kubeconfig = await clusters('up', '3');
  const kubectl = path.join(await clusters('bindir'), 'kubectl');
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const opts: FleetApplyOptions = {
    dryRun: false, prune: true, forceConflicts: false, pruneGuard: defaultPruneGuard, concurrency: 32, clusterConcurrency: 3, waitTimeoutMs: 30_000,
    timeoutMs: 300_000, requestTimeoutMs: 30_000, retain: (d) => d, credentials: { kubeconfig: kc, contextMap: new Map() },
  };
  const plan: PlanToApply = {
    revision: 'bench',
    clusters: members.map((name) => ({ apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name } })),
    works: members.flatMap((m, i) => objectsFor('bench-flotilla', i, true).map((o) => ({ metadata: { namespace: `karmada-es-${m}` }, spec: { workload: { manifests: [o] } } }))),
  };
  const [first, tFirst] = await timed(() => applyFleet(plan, opts));
  const failed = first.clusters.filter((c) => !c.ok);
  if (failed.length) throw new Error(`flotilla apply failed: ${failed.map((c) => c.message).join('; ')}`);
  const [, tNoChange] = await timed(() => applyFleet(plan, opts));

  const files = members.map((m, i) => {
    const f = path.join(work, `${m}.json`);
    writeFileSync(f, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objectsFor('bench-kubectl', i, false) }));
    return f;
  });
  const kubectlApply = () => Promise.all(members.map((m, i) => execFileP(kubectl, ['--kubeconfig', kubeconfig, '--context', m, 'apply', '--server-side', '--field-manager', 'bench', '-f', files[i] as string], { maxBuffer: 1 << 26 })));
  const [, tKubectl] = await timed(kubectlApply);
  const [, tKubectlNoChange] = await timed(kubectlApply);

  const rate = (t: number) => `${Math.round(count / t)} objects/s`;
  const rows = [
    ['flotilla apply (create)', tFirst, rate(tFirst)],
    ['flotilla apply (no change)', tNoChange, rate(tNoChange)],
    ['kubectl apply --server-side (create)', tKubectl, rate(tKubectl)],
    ['kubectl apply --server-side (no change)', tKubectlNoChange, rate(tKubectlNoChange)],
  ] as const;
  process.stdout.write(`${count} ConfigMaps over ${members.length} members (${os.cpus().length} CPUs)\n`);
  for (const [what, t, r] of rows) process.stdout.write(`${what.padEnd(42)} ${t.toFixed(2).padStart(6)} s   ${r}\n`);
  process.stdout.write(`no-change goal < 2 s: ${tNoChange < 2 ? 'met' : 'not met'}\n`);
}

try {
  await main();
} finally {
  await clusters('down').catch(() => '');
  rmSync(work, { recursive: true, force: true });
}
