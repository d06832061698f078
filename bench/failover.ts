/**
 * Failover reaction time on real members (issue 10): `flotilla controller` runs as a child process
 * against the end-to-end harness (test/e2e/clusters up 3, a state directory of its own) with a
 * 6-replica Deployment divided 1:1:1 over member1..3. Each round stops one member's apiserver
 * (member2 first, then one that still holds replicas: a Divided workload is not pulled back to a
 * recovered member, as in Karmada) and times, from the moment `clusters stop` is invoked:
 *   tainted   the failover commit adding not-ready:NoSchedule appears on flotilla-status
 *   noexec    the failover commit adding not-ready:NoExecute appears
 *   applied   spec.replicas on the two members left reach the new division (3 and 3)
 *   ready     status.readyReplicas on both reach 3
 *   evict     the evict commit appears (written at the end of the pass that applied)
 *   purge     the purge commit appears (the replacement is healthy, the old copy may go)
 * then starts the member again and times the recovery: the recover commit, and `converged` when
 * every member runs exactly what the binding places (the restarted member's old copy pruned).
 * The reaction time is dominated by the controller settings, printed with the figures: a failing
 * member turns Ready=False after --cluster-failure-threshold and gets the NoExecute taint (which
 * evicts) --failover-eviction-timeout later, so `beyond thresholds` = applied − (failure threshold
 * + eviction timeout) is what flotilla itself adds (probe cadence, second-precision times, the
 * pass). Figures, not assertions (Q7). Skipped, with a message, when the harness binaries are not
 * built (building takes about 15 min: npm run e2e:build).
 *
 *   npx node bench/failover.ts        # 3 rounds
 *   npx node bench/failover.ts 5      # another number of rounds
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { AppsV1Api, KubeConfig } from '@kubernetes/client-node';
import YAML from 'yaml';
import { isBuilt, toolchain } from '../test/e2e/harness/build.ts';

const execFileP = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const clustersBin = path.join(root, 'test', 'e2e', 'clusters');
const rounds = Number(process.argv[2] ?? 3);
const ns = 'failover-bench';
const replicas = 6;
const memberNames = ['member1', 'member2', 'member3'] as const;
/** The controller's settings; the reaction time is mostly these. */
const settings = {
  interval: '1s',
  timeout: '5s',
  'cluster-failure-threshold': '2s',
  'cluster-success-threshold': '2s',
  'cluster-monitor-grace-period': '20s',
  'failover-eviction-timeout': '3s',
  'graceful-eviction-timeout': '120s',
} as const;
const seconds = (d: string) => Number(d.replace(/s$/, ''));
const thresholdsS = seconds(settings['cluster-failure-threshold']) + seconds(settings['failover-eviction-timeout']);
/** Bounds: no wait in this benchmark is unbounded. */
const phaseTimeoutMs = 180_000;
const pollMs = 200;

const clusterYaml = (name: string) => `apiVersion: cluster.karmada.io/v1alpha1
kind: Cluster
metadata:
  name: ${name}
  labels: { environment: bench }
spec:
  syncMode: Push
`;
const policyYaml = `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: { name: api, namespace: ${ns} }
spec:
  resourceSelectors: [{ apiVersion: apps/v1, kind: Deployment, name: api }]
  failover: { cluster: { purgeMode: Gracefully } }
  placement:
    clusterAffinity: { clusterNames: [member1, member2, member3] }
    replicaScheduling:
      replicaSchedulingType: Divided
      replicaDivisionPreference: Weighted
      weightPreference:
        staticWeightList:
          - { targetCluster: { clusterNames: [member1] }, weight: 1 }
          - { targetCluster: { clusterNames: [member2] }, weight: 1 }
          - { targetCluster: { clusterNames: [member3] }, weight: 1 }
`;
const appYaml = `apiVersion: v1
kind: Namespace
metadata: { name: ${ns} }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: ${ns} }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.0
          resources: { requests: { cpu: 100m, memory: 64Mi } }
`;

interface Round {
  readonly round: number;
  readonly stopped: string;
  /** Seconds from `clusters stop` to each milestone (undefined: not seen before the bound). */
  readonly stopReturnedS: number;
  readonly taintedS?: number;
  readonly noExecuteS?: number;
  readonly appliedS?: number;
  readonly readyS?: number;
  readonly evictCommitS?: number;
  readonly purgeCommitS?: number;
  /** applied − (failure threshold + eviction timeout). */
  readonly beyondThresholdsS?: number;
  /**
   * From `clusters start` to the recover commit, and until every member runs exactly what the
   * binding places (the restarted member's old copy pruned, since a Divided workload stays put).
   */
  readonly recoverCommitS?: number;
  readonly convergedS?: number;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'flotilla-bench-failover-'));
const env = { ...process.env, FLOTILLA_E2E_STATE: path.join(work, 'clusters') };
const repo = path.join(work, 'repo');
let controller: ChildProcess | undefined;
let harnessUp = false;
let logTail = '';
const passMs: number[] = [];

/** Runs test/e2e/clusters; bounded (up: 5 min, the rest: 2 min). */
async function clusters(...args: string[]): Promise<string> {
  const timeout = args[0] === 'up' ? 300_000 : 120_000;
  return (
    (await execFileP(clustersBin, args, { env, maxBuffer: 1 << 24, timeout, killSignal: 'SIGKILL' })).stdout
      .trim()
      .split('\n')
      .at(-1) ?? ''
  );
}

async function git(...args: string[]): Promise<string> {
  return (
    await execFileP('git', ['-C', repo, '-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], {
      maxBuffer: 1 << 26,
    })
  ).stdout;
}

/** Polls `probe` every pollMs until it returns a value or the bound passes (then undefined). */
async function until<T>(timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T | undefined> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    await sleep(pollMs);
  }
  return undefined;
}

function startController(kubeconfig: string): ChildProcess {
  const flags = Object.entries(settings).flatMap(([k, v]) => [`--${k}`, v]);
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'bin', 'flotilla.js'),
      'controller',
      '--repo',
      repo,
      '--kubeconfig',
      kubeconfig,
      '--listen',
      '127.0.0.1:0',
      '--cache-dir',
      path.join(work, 'cache'),
      ...flags,
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let partial = '';
  child.stderr?.on('data', (d: Buffer) => {
    const text = partial + String(d);
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      logTail = (logTail + line + '\n').slice(-4000);
      try {
        const o = JSON.parse(line) as { msg?: string; ms?: number };
        if (o.msg === 'pass done' && typeof o.ms === 'number') passMs.push(o.ms);
      } catch {
        /* not a JSON line */
      }
    }
  });
  return child;
}

async function stopController(): Promise<void> {
  const child = controller;
  controller = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)])) return;
  child.kill('SIGKILL');
  await exited;
}

let cleaned: Promise<void> | undefined;
/** Stops the controller, tears the harness down and removes the temp dir; once, on every path. */
function cleanup(): Promise<void> {
  cleaned ??= (async () => {
    await stopController().catch(() => undefined);
    if (harnessUp)
      await clusters('down').catch((err: unknown) => process.stderr.write(`clusters down failed: ${String(err)}\n`));
    rmSync(work, { recursive: true, force: true });
  })();
  return cleaned;
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => void cleanup().finally(() => process.exit(130)));
}

async function main(): Promise<void> {
  const tc = toolchain();
  if (!isBuilt(tc)) {
    process.stdout.write(
      `${JSON.stringify({ bench: 'failover', skipped: `harness binaries not built (${tc.binDir}); run npm run e2e:build (about 15 min) first` })}\n`,
    );
    process.stdout.write(
      `failover: skipped, the e2e harness binaries are not built in ${tc.binDir}; run \`npm run e2e:build\` (about 15 min), then again\n`,
    );
    return;
  }
  harnessUp = true; // from here on `down` is due, even if `up` fails half-way
  const tUp = performance.now();
  const kubeconfig = await clusters('up', '3');
  const upS = (performance.now() - tUp) / 1000;
  const apps = (ctx: string) => {
    const k = new KubeConfig();
    k.loadFromFile(kubeconfig);
    k.setCurrentContext(ctx);
    return k.makeApiClient(AppsV1Api);
  };
  const api = Object.fromEntries(memberNames.map((m) => [m, apps(m)] as const)) as Record<
    (typeof memberNames)[number],
    AppsV1Api
  >;
  const deployment = async (m: (typeof memberNames)[number]) => {
    const d = await api[m].readNamespacedDeployment({ name: 'api', namespace: ns }).catch(() => undefined);
    return { spec: d?.spec?.replicas ?? 0, ready: d?.status?.readyReplicas ?? 0 };
  };

  mkdirSync(path.join(repo, 'clusters'), { recursive: true });
  mkdirSync(path.join(repo, 'apps'));
  mkdirSync(path.join(repo, 'policies'));
  for (const m of memberNames) writeFileSync(path.join(repo, 'clusters', `${m}.yaml`), clusterYaml(m));
  writeFileSync(path.join(repo, 'apps', 'api.yaml'), appYaml);
  writeFileSync(path.join(repo, 'policies', 'api.yaml'), policyYaml);
  await git('init', '--quiet', '--initial-branch', 'main');
  await git('add', '-A');
  await git('commit', '--quiet', '-m', 'fleet with api');

  controller = startController(kubeconfig);
  const all = async (want: number) => {
    const ds = await Promise.all(memberNames.map(deployment));
    return ds.every((d) => d.spec === want && d.ready === want) ? true : undefined;
  };
  const tFirst = performance.now();
  if (!(await until(phaseTimeoutMs, () => all(replicas / 3))))
    throw new Error(`api never reached 2/2/2 ready\n${logTail}`);
  const firstS = (performance.now() - tFirst) / 1000;

  const statusTip = async () => (await git('rev-parse', 'flotilla-status')).trim();
  const statusSince = async (base: string) => git('log', '--format=%B%x00', `${base}..flotilla-status`);
  /** The binding's placement on the status branch: replicas by member (absent: none). */
  const placed = async () => {
    const binding = YAML.parse(await git('show', `flotilla-status:bindings/${ns}/deployment.api.yaml`)) as {
      spec?: { clusters?: { name: string; replicas?: number }[] };
    };
    return new Map((binding.spec?.clusters ?? []).map((c) => [c.name, c.replicas ?? 0] as const));
  };
  /** Every member runs exactly what the binding places there, all ready (an unplaced member has no copy). */
  const converged = async () => {
    const want = await placed();
    const ds = await Promise.all(memberNames.map(deployment));
    return ds.every((d, i) => d.spec === (want.get(memberNames[i] ?? '') ?? 0) && d.ready === d.spec)
      ? true
      : undefined;
  };
  const results: Round[] = [];
  let next = 1; // rotation over member2, member3, member1: round 1 stops member2
  for (let round = 1; round <= rounds; round++) {
    // Stop a member that holds replicas: a Divided workload is not pulled back to a recovered
    // member (Karmada doScheduleBinding), so after round 1 the member stopped last holds none.
    const before = await placed();
    let victim = '';
    for (let k = 0; k < memberNames.length && !victim; k++, next++) {
      const m = memberNames[next % memberNames.length] ?? '';
      if ((before.get(m) ?? 0) > 0) victim = m;
    }
    if (!victim) throw new Error(`no member holds api replicas: ${JSON.stringify([...before])}`);
    const rest = memberNames.filter((m) => m !== victim);
    const base = await statusTip();
    const seen: Record<string, number> = {};
    const mark = (what: string, t0: number) => {
      seen[what] ??= Math.round((performance.now() - t0) / 10) / 100;
    };
    const t0 = performance.now();
    // Polled while `stop` runs: it returns after the apiserver has exited (SIGTERM, SIGKILL after 3 s),
    // but the listener closes at once, so the controller may react before it returns.
    let stopReturnedS = Number.NaN;
    const stopping = clusters('stop', victim).then(() => {
      stopReturnedS = (performance.now() - t0) / 1000;
    });
    await until(phaseTimeoutMs, async () => {
      const log = await statusSince(base);
      if (/added taint [^\n]*:NoSchedule/.test(log)) mark('tainted', t0);
      if (/added taint [^\n]*:NoExecute/.test(log)) mark('noExecute', t0);
      if (/Flotilla-Decision: evict/.test(log)) mark('evict', t0);
      if (/Flotilla-Decision: purge/.test(log)) mark('purge', t0);
      // The new division: static weights 1:1 over the two members left.
      const ds = await Promise.all(rest.map(deployment));
      if (ds.every((d) => d.spec === replicas / 2)) mark('applied', t0);
      if (ds.every((d) => d.ready === replicas / 2)) mark('ready', t0);
      return ['tainted', 'noExecute', 'evict', 'purge', 'applied', 'ready'].every((k) => seen[k] !== undefined)
        ? true
        : undefined;
    });
    await stopping;

    const back = await statusTip();
    const t1 = performance.now();
    await clusters('start', victim);
    const recovered = await until(phaseTimeoutMs, async () => {
      if (/Flotilla-Decision: recover/.test(await statusSince(back))) mark('recover', t1);
      return seen['recover'] !== undefined && (await converged()) ? true : undefined;
    });
    const r: Round = {
      round,
      stopped: victim,
      stopReturnedS: Math.round(stopReturnedS * 100) / 100,
      ...opt('taintedS', seen['tainted']),
      ...opt('noExecuteS', seen['noExecute']),
      ...opt('appliedS', seen['applied']),
      ...opt('readyS', seen['ready']),
      ...opt('evictCommitS', seen['evict']),
      ...opt('purgeCommitS', seen['purge']),
      ...opt(
        'beyondThresholdsS',
        seen['applied'] === undefined ? undefined : Math.round((seen['applied'] - thresholdsS) * 100) / 100,
      ),
      ...opt('recoverCommitS', seen['recover']),
      ...opt('convergedS', recovered ? Math.round((performance.now() - t1) / 10) / 100 : undefined),
    };
    results.push(r);
    process.stdout.write(`${JSON.stringify({ bench: 'failover', ...r })}\n`);
    if (!recovered) {
      const ds = await Promise.all(memberNames.map(deployment));
      const subjects = await git('log', '--format=%ad %s', '--date=iso', `${base}..flotilla-status`).catch(() => '');
      process.stdout.write(
        `${victim} did not recover within ${phaseTimeoutMs / 1000} s; stopping after round ${round}\n` +
          `api spec/ready on ${memberNames.join(', ')}: ${ds.map((d) => `${d.spec}/${d.ready}`).join(' ')}; placed: ${JSON.stringify([...(await placed().catch(() => new Map()))])}\n` +
          `status commits this round:\n${subjects}\n`,
      );
      break;
    }
  }

  const median = (xs: readonly (number | undefined)[]) => {
    const v = xs.filter((x): x is number => x !== undefined).toSorted((a, b) => a - b);
    return v.length ? (v[(v.length - 1) >> 1] ?? 0) : undefined;
  };
  const passes = passMs.toSorted((a, b) => a - b);
  const summary = {
    bench: 'failover',
    summary: true,
    rounds: results.length,
    settings,
    thresholdsS,
    harnessUpS: Math.round(upS * 10) / 10,
    firstApplyReadyS: Math.round(firstS * 10) / 10,
    appliedMedianS: median(results.map((r) => r.appliedS)),
    readyMedianS: median(results.map((r) => r.readyS)),
    purgeMedianS: median(results.map((r) => r.purgeCommitS)),
    beyondThresholdsMedianS: median(results.map((r) => r.beyondThresholdsS)),
    recoverCommitMedianS: median(results.map((r) => r.recoverCommitS)),
    convergedMedianS: median(results.map((r) => r.convergedS)),
    passes: passes.length,
    passMsP50: passes[(passes.length - 1) >> 1],
    passMsMax: passes.at(-1),
    loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);

  const cols: [string, keyof Round][] = [
    ['round', 'round'],
    ['stopped', 'stopped'],
    ['tainted', 'taintedS'],
    ['NoExecute', 'noExecuteS'],
    ['applied', 'appliedS'],
    ['ready', 'readyS'],
    ['evict', 'evictCommitS'],
    ['purge', 'purgeCommitS'],
    ['beyond', 'beyondThresholdsS'],
    ['recover', 'recoverCommitS'],
    ['converged', 'convergedS'],
  ];
  process.stdout.write(
    `\ncontroller: ${Object.entries(settings)
      .map(([k, v]) => `--${k} ${v}`)
      .join(' ')}\n`,
  );
  process.stdout.write(
    `seconds from \`clusters stop\` (recover, converged: from \`clusters start\`); beyond = applied − ${thresholdsS} s (failure threshold + eviction timeout)\n`,
  );
  process.stdout.write(`${cols.map(([c]) => c.padStart(12)).join('')}\n`);
  for (const r of results) process.stdout.write(`${cols.map(([, k]) => String(r[k] ?? '—').padStart(12)).join('')}\n`);
  process.stdout.write(
    `median: applied ${summary.appliedMedianS} s, ready ${summary.readyMedianS} s, purge ${summary.purgeMedianS} s, beyond thresholds ${summary.beyondThresholdsMedianS} s; ` +
      `after the restart: recover commit ${summary.recoverCommitMedianS} s, converged ${summary.convergedMedianS} s; ` +
      `controller pass p50 ${summary.passMsP50} ms, max ${summary.passMsMax} ms over ${summary.passes} passes; load average ${summary.loadAverage.join(' ')}\n`,
  );
}

function opt<K extends string>(key: K, v: number | undefined): { [P in K]?: number } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: number };
}

try {
  await main();
} finally {
  await cleanup();
}
