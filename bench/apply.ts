/**
 * Apply at the API server's pace (issue 25 goal 3), against real members (test/e2e/clusters, 3 members):
 * - the anchor: a raw server-side-apply client (raw-apply.ts) PATCHes 1,000 ConfigMaps, the very
 *   bodies flotilla sends (its labels, annotations and manifest hash), into member1 at concurrency
 *   32; flotilla's apply engine (applyFleet, what `flotilla apply` runs after planning) creates
 *   another 1,000 with the same concurrency; a raw client sends each of another 1,000 as a dry-run
 *   then an apply (the requests a staged apply needs for a new object, STYLE R2). The three run
 *   side by side in rounds (3, FLOTILLA_BENCH_ROUNDS), after an unmeasured warm-up, and the shares
 *   are the median of the rounds'; then raw one at a time and `kubectl apply --server-side`;
 * - a fleet of 10,000 ConfigMaps on 3 members (member1 keeps the 1,000 above): created, applied
 *   again with no change, then 10 % of them changed; the objects written are counted by comparing
 *   every ConfigMap's resourceVersion before and after (nothing else writes to these namespaces).
 * Figures, not assertions (Q7): JSON lines, then a table, each with the 1-minute load average.
 *
 *   npx node bench/apply.ts             # 1,000 objects, a 10,000-object fleet
 *   npx node bench/apply.ts 500 3000    # other counts
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { bindingAnnotation, managedByLabel, type KubeObject } from '../src/api/index.ts';
import {
  applyFleet,
  type FleetApplyOptions,
  type FleetApplyResult,
  type PlanToApply,
} from '../src/cluster/apply-fleet.ts';
import { manifestHash, withManifestHash } from '../src/cluster/manifest-hash.ts';
import { defaultPruneGuard } from '../src/cluster/prune-guard.ts';
import { rawMember } from './raw-apply.ts';

const execFileP = promisify(execFile);
const clustersBin = path.resolve(import.meta.dirname, '..', 'test', 'e2e', 'clusters');
const count = Number(process.argv[2] ?? 1000);
const fleetCount = Number(process.argv[3] ?? 10_000);
const members = ['member1', 'member2', 'member3'];
const concurrency = 32;
const rounds = Number(process.env['FLOTILLA_BENCH_ROUNDS'] ?? 3);
const work = mkdtempSync(path.join(os.tmpdir(), 'flotilla-bench-apply-'));
const env = { ...process.env, FLOTILLA_E2E_STATE: path.join(work, 'clusters') };

async function clusters(...args: string[]): Promise<string> {
  return (await execFileP(clustersBin, args, { env, maxBuffer: 1 << 24 })).stdout.trim().split('\n').at(-1) ?? '';
}

/** A Namespace; owned ones carry flotilla's marks, as rendered ones do (conflictResolution Abort leaves any other alone). */
function namespace(name: string, owned = false): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: owned
      ? { name, labels: { [managedByLabel]: 'flotilla' }, annotations: { [bindingAnnotation]: `${name}-namespace` } }
      : { name },
  };
}

/** The i-th ConfigMap of a namespace; `version` changes its data. Owned ones carry flotilla's marks, as rendered ones do. */
function configMap(ns: string, i: number, owned: boolean, version = 0): KubeObject {
  const meta = { name: `cm-${String(i).padStart(5, '0')}`, namespace: ns };
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: owned
      ? {
          ...meta,
          labels: { [managedByLabel]: 'flotilla' },
          annotations: { [bindingAnnotation]: `${ns}/${meta.name}-configmap` },
        }
      : meta,
    data: { index: String(i), version: String(version), payload: 'x'.repeat(200) },
  };
}

function configMaps(
  ns: string,
  n: number,
  owned: boolean,
  changed: (i: number) => boolean = () => false,
): KubeObject[] {
  return Array.from({ length: n }, (_, i) => configMap(ns, i, owned, changed(i) ? 1 : 0));
}

/** The bodies flotilla sends for these manifests (its marks and manifest hash), so the anchor asks the server for the same work. */
function asSent(manifests: readonly KubeObject[]): KubeObject[] {
  return manifests.map((m) => withManifestHash(m, manifestHash(m)));
}

function planOf(byMember: Record<string, readonly KubeObject[]>): PlanToApply {
  const names = Object.keys(byMember);
  return {
    revision: 'bench',
    clusters: names.map((name) => ({ apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name } })),
    works: names.map((m) => ({
      metadata: { namespace: `karmada-es-${m}` },
      spec: { workload: { manifests: byMember[m] ?? [] } },
    })),
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, (performance.now() - t) / 1000];
}

function mustSucceed(r: FleetApplyResult): FleetApplyResult {
  const failed = r.clusters.filter((c) => !c.ok);
  if (failed.length)
    throw new Error(`flotilla apply failed: ${failed.map((c) => `${c.cluster}: ${c.message}`).join('; ')}`);
  return r;
}

function actions(r: FleetApplyResult): string {
  const n = new Map<string, number>();
  for (const o of r.clusters.flatMap((c) => c.objects)) n.set(o.outcome.action, (n.get(o.outcome.action) ?? 0) + 1);
  return [...n]
    .sort()
    .map(([a, k]) => `${k} ${a}`)
    .join(', ');
}

type Row = { case: string; objects: number; seconds: number; objectsPerSecond: number; load1m: string; note?: string };
const rows: Row[] = [];
function record(what: string, objects: number, seconds: number, note?: string): void {
  const row: Row = {
    case: what,
    objects,
    seconds: Number(seconds.toFixed(3)),
    objectsPerSecond: Math.round(objects / seconds),
    load1m: os.loadavg()[0]?.toFixed(2) ?? '',
    ...(note ? { note } : {}),
  };
  rows.push(row);
  process.stdout.write(`${JSON.stringify(row)}\n`);
}

async function main(): Promise<void> {
  const kubeconfig = await clusters('up', String(members.length));
  const kubectl = path.join(await clusters('bindir'), 'kubectl');
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const opts: FleetApplyOptions = {
    dryRun: false,
    prune: true,
    forceConflicts: false,
    pruneGuard: defaultPruneGuard,
    concurrency,
    clusterConcurrency: members.length,
    waitTimeoutMs: 30_000,
    timeoutMs: 600_000,
    requestTimeoutMs: 60_000,
    retain: (d) => d,
    credentials: { kubeconfig: kc, contextMap: new Map() },
  };
  const raw = rawMember(kc, 'member1');
  try {
    // Unmeasured: the connections, the server's caches and etcd's first writes, which the first measured run would otherwise pay.
    await raw.apply([namespace('bench-raw-warm'), namespace('bench-raw-1')], 1, 'bench');
    await raw.apply(asSent(configMaps('bench-raw-warm', count, true)), concurrency, 'bench');

    // Rounds, each one raw apply, flotilla's create and a raw dry-run-then-apply side by side, so
    // that load from outside the bench falls on all three alike; shares are per round, then the median.
    // Rounds after the first leave pruning out (the round before is kept in the inventory) and are
    // pruned, unmeasured, before the fleet.
    const shares: { ofRaw: number; ofDryRun: number; dryRunOfRaw: number }[] = [];
    let one: KubeObject[] = [];
    for (let r = 0; r < rounds; r++) {
      const ns = (what: string) => `bench-${what}-${r}`;
      await raw.apply([namespace(ns('raw')), namespace(ns('dry'))], 1, 'bench');
      const [, tRaw] = await timed(() => raw.apply(asSent(configMaps(ns('raw'), count, true)), concurrency, 'bench'));
      record(`raw SSA, concurrency ${concurrency} (round ${r + 1})`, count, tRaw);

      const mine = [namespace(ns('flotilla'), true), ...configMaps(ns('flotilla'), count, true)];
      if (r === 0) one = mine;
      const [created, tFlotilla] = await timed(async () =>
        mustSucceed(await applyFleet(planOf({ member1: mine }), { ...opts, prune: r === 0 })),
      );
      record(`flotilla apply (create, round ${r + 1})`, count, tFlotilla, actions(created));

      // What staged apply must send for a new object (R2: the stage's dry-runs all pass before any write).
      const [, tDry] = await timed(async () => {
        await raw.apply(asSent(configMaps(ns('dry'), count, true)), concurrency, 'bench', true);
        await raw.apply(asSent(configMaps(ns('dry'), count, true)), concurrency, 'bench');
      });
      record(`raw SSA, dry-run then apply, concurrency ${concurrency} (round ${r + 1})`, count, tDry);
      shares.push({ ofRaw: tRaw / tFlotilla, ofDryRun: tDry / tFlotilla, dryRunOfRaw: tRaw / tDry });
    }
    mustSucceed(await applyFleet(planOf({ member1: one }), opts)); // prunes the later rounds' objects
    const median = (pick: (s: (typeof shares)[number]) => number) => {
      const v = shares.map(pick).sort((x, y) => x - y);
      return Number((v[Math.floor(v.length / 2)] ?? 0).toFixed(2));
    };
    process.stdout.write(
      `${JSON.stringify({
        case: 'flotilla create rate / raw SSA rate (median of rounds)',
        rounds,
        share: median((x) => x.ofRaw),
        goal: '>= 0.80',
        shareOfDryRunThenApply: median((x) => x.ofDryRun),
        dryRunThenApplyOfRaw: median((x) => x.dryRunOfRaw),
        load1m: os.loadavg()[0]?.toFixed(2) ?? '',
      })}\n`,
    );

    const [, tRaw1] = await timed(() => raw.apply(asSent(configMaps('bench-raw-1', count, true)), 1, 'bench'));
    record('raw SSA, one at a time', count, tRaw1);

    const listFile = path.join(work, 'kubectl.json');
    writeFileSync(
      listFile,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [namespace('bench-kubectl'), ...configMaps('bench-kubectl', count, false)],
      }),
    );
    const [, tKubectl] = await timed(() =>
      execFileP(
        kubectl,
        [
          '--kubeconfig',
          kubeconfig,
          '--context',
          'member1',
          'apply',
          '--server-side',
          '--field-manager',
          'bench',
          '-f',
          listFile,
        ],
        { maxBuffer: 1 << 26 },
      ),
    );
    record('kubectl apply --server-side (create)', count, tKubectl);

    // The fleet: fleetCount ConfigMaps over the members; member1 keeps the ConfigMaps above.
    const perMember = Math.round((fleetCount - count) / members.length);
    const fleet = (changed: (i: number) => boolean) =>
      planOf(
        Object.fromEntries(
          members.map((m) => [
            m,
            [
              namespace('bench-fleet', true),
              ...configMaps('bench-fleet', perMember, true, changed),
              ...(m === 'member1' ? [...one.slice(0, 1), ...configMaps('bench-flotilla-0', count, true, changed)] : []),
            ],
          ]),
        ),
      );
    const fleetObjects = perMember * members.length + count;
    const [created, tCreate] = await timed(async () =>
      mustSucceed(
        await applyFleet(
          fleet(() => false),
          opts,
        ),
      ),
    );
    record(`flotilla apply, fleet on ${members.length} members (create)`, fleetObjects, tCreate, actions(created));
    const [same, tSame] = await timed(async () =>
      mustSucceed(
        await applyFleet(
          fleet(() => false),
          opts,
        ),
      ),
    );
    record(
      `flotilla apply, fleet on ${members.length} members (no change)`,
      fleetObjects,
      tSame,
      `${actions(same)}; goal < 2 s`,
    );

    const versions = async () => {
      const out = new Map<string, string>();
      for (const m of members) {
        const r = rawMember(kc, m);
        try {
          for (const ns of m === 'member1' ? ['bench-fleet', 'bench-flotilla-0'] : ['bench-fleet'])
            for (const [n, v] of await r.configMapVersions(ns)) out.set(`${m}/${ns}/${n}`, v);
        } finally {
          r.close();
        }
      }
      return out;
    };
    const before = await versions();
    const tenth = (i: number) => i % 10 === 3;
    const [changed, tChange] = await timed(async () => mustSucceed(await applyFleet(fleet(tenth), opts)));
    const after = await versions();
    const written = [...after].filter(([k, v]) => before.get(k) !== v).length;
    const expected = members.length * Math.ceil((perMember - 3) / 10) + Math.ceil((count - 3) / 10);
    record(
      `flotilla apply, fleet on ${members.length} members (10 % changed)`,
      fleetObjects,
      tChange,
      `${written} of ${after.size} ConfigMaps written (${expected} changed); ${actions(changed)}`,
    );
  } finally {
    raw.close();
  }

  process.stdout.write(`\n${os.cpus().length} CPUs; ConfigMaps of ~260 bytes; concurrency ${concurrency}\n`);
  const width = Math.max(...rows.map((r) => r.case.length)) + 2;
  process.stdout.write(
    `${'case'.padEnd(width)}${'objects'.padStart(8)}${'s'.padStart(9)}${'objects/s'.padStart(11)}${'load1m'.padStart(8)}  note\n`,
  );
  for (const r of rows)
    process.stdout.write(
      `${r.case.padEnd(width)}${String(r.objects).padStart(8)}${r.seconds.toFixed(2).padStart(9)}${String(r.objectsPerSecond).padStart(11)}${r.load1m.padStart(8)}  ${r.note ?? ''}\n`,
    );
}

try {
  await main();
} finally {
  await clusters('down').catch(() => '');
  rmSync(work, { recursive: true, force: true });
}
