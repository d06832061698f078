/**
 * Controller memory and pass time with 1,000 simulated clusters (issue 10): a generated fleet repo
 * (a git repo made with the git CLI in a temp dir) of 1,000 Cluster objects (provider, region,
 * zone, labels, capacity in status.resourceSummary, API enablements) and a few hundred
 * Deployments and ConfigMaps under Duplicated / Divided (static weights, dynamic weights,
 * aggregated) policies, run by `flotilla controller` as a child process for N passes. The
 * kubeconfig has no context for any of the clusters (its only context points at a closed loopback
 * port), so every pass probes 1,000 failing members (CredentialsMissing): the first pass marks
 * them Ready=False with the not-ready:NoSchedule taint, --failover-eviction-timeout later they get
 * NoExecute and the bindings that do not tolerate it are evicted, --graceful-eviction-timeout
 * later those tasks are purged; every pass plans and writes the rendered and status branches.
 * A third of the namespaces' policies tolerate not-ready:NoSchedule only (scheduled, then failed
 * over), a third tolerate not-ready entirely (stay scheduled), a third tolerate nothing
 * (unschedulable once the fleet is tainted), so plans, evictions and purges all take part.
 *
 * Samples the child's VmRSS and VmHWM from /proc/<pid>/status every 100 ms and reads each pass's
 * duration from its "pass done" log line. Reports peak RSS, the steady RSS after the warm-up
 * passes, the RSS slope after them (MiB per pass, a least-squares line through the RSS read at
 * each pass's end: flat means no leak, issue 25 goal 4), and pass duration p50 / max. Figures, not
 * assertions (Q7). Bounded: at most 15 s a pass (600 s at least); the child is killed and temp
 * dirs removed on every path.
 *
 *   npx node bench/controller-memory.ts                # 1,000 clusters × 300 templates, 100 passes
 *   npx node bench/controller-memory.ts 1000 300 20    # clusters, templates, passes
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import YAML from 'yaml';

const execFileP = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const nClusters = Number(process.argv[2] ?? 1000);
const nTemplates = Number(process.argv[3] ?? 300);
const nPasses = Number(process.argv[4] ?? 100);
/** Passes before the RSS counts as steady. */
const warmup = Math.min(10, Math.max(1, nPasses - 1));
const deadlineS = Math.max(600, nPasses * 15);
const namespaces = 15;
const settings = {
  interval: '2s',
  timeout: '5s',
  'failover-eviction-timeout': '10s',
  'graceful-eviction-timeout': '30s',
} as const;

/** A small seeded PRNG (mulberry32), so every run generates the same fleet. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const regions: Readonly<Record<string, readonly string[]>> = {
  aws: ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1'],
  gcp: ['us-central1', 'us-east4', 'europe-west1', 'europe-west4', 'asia-east1'],
  azure: ['eastus', 'westeurope', 'northeurope', 'southeastasia'],
};
const providers = Object.keys(regions);
const teams = ['payments', 'search', 'checkout', 'identity', 'media'];
const apiEnablements = [
  {
    groupVersion: 'v1',
    resources: [
      { name: 'configmaps', kind: 'ConfigMap' },
      { name: 'namespaces', kind: 'Namespace' },
      { name: 'services', kind: 'Service' },
    ],
  },
  {
    groupVersion: 'apps/v1',
    resources: [
      { name: 'deployments', kind: 'Deployment' },
      { name: 'statefulsets', kind: 'StatefulSet' },
    ],
  },
];

function clusterObject(i: number, rand: () => number): object {
  const provider = providers[i % providers.length] ?? 'aws';
  const list = regions[provider] ?? [];
  const region = list[Math.floor(rand() * list.length)] ?? 'r';
  const zone = `${region}${'abc'[Math.floor(rand() * 3)]}`;
  const env = rand() < 0.7 ? 'prod' : 'staging';
  const tier = i % 4 === 0 ? 'edge' : 'core';
  const cpu = [16, 32, 64, 96, 128][Math.floor(rand() * 5)] ?? 32;
  const used = Math.floor(rand() * cpu * 0.8);
  const name = `${provider}-${region}-${env}-${String(i).padStart(4, '0')}`;
  return {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: {
      name,
      labels: {
        env,
        tier,
        team: teams[i % teams.length],
        'topology.kubernetes.io/region': region,
        'node.kubernetes.io/instance-family': rand() < 0.5 ? 'general' : 'compute',
      },
    },
    spec: {
      syncMode: 'Push',
      apiEndpoint: `https://${name}.k8s.example.com:6443`,
      provider,
      region,
      zone,
      ...(i % 50 === 7 ? { taints: [{ key: 'maintenance', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      kubernetesVersion: 'v1.37.2',
      apiEnablements,
      resourceSummary: {
        allocatable: { cpu: String(cpu), memory: `${cpu * 4}Gi`, pods: String(cpu * 8) },
        allocated: { cpu: String(used), memory: `${used * 3}Gi`, pods: String(used * 4) },
      },
    },
  };
}

/** Placements by namespace: index % 4 picks the kind, the namespace picks the tolerations. */
const placements: readonly Readonly<Record<string, unknown>>[] = [
  // Duplicated: a copy in 3–5 prod core clusters of different regions.
  {
    clusterAffinity: { labelSelector: { matchLabels: { env: 'prod', tier: 'core' } } },
    replicaScheduling: { replicaSchedulingType: 'Duplicated' },
    spreadConstraints: [
      { spreadByField: 'region', minGroups: 3, maxGroups: 5 },
      { spreadByField: 'cluster', minGroups: 3, maxGroups: 5 },
    ],
  },
  // Divided, static weights aws:gcp 2:1, over at most 6 clusters.
  {
    clusterAffinity: {
      fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['aws', 'gcp'] }] },
    },
    replicaScheduling: {
      replicaSchedulingType: 'Divided',
      replicaDivisionPreference: 'Weighted',
      weightPreference: {
        staticWeightList: [
          {
            targetCluster: {
              fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['aws'] }] },
            },
            weight: 2,
          },
          {
            targetCluster: {
              fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['gcp'] }] },
            },
            weight: 1,
          },
        ],
      },
    },
    spreadConstraints: [{ spreadByField: 'cluster', minGroups: 2, maxGroups: 6 }],
  },
  // Divided by available replicas, 2–3 regions, 2–6 clusters.
  {
    clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } },
    replicaScheduling: {
      replicaSchedulingType: 'Divided',
      replicaDivisionPreference: 'Weighted',
      weightPreference: { dynamicWeight: 'AvailableReplicas' },
    },
    spreadConstraints: [
      { spreadByField: 'region', minGroups: 2, maxGroups: 3 },
      { spreadByField: 'cluster', minGroups: 2, maxGroups: 6 },
    ],
  },
  // Aggregated onto the fewest edge clusters of one team, with a fallback to any.
  {
    clusterAffinities: [
      { affinityName: 'edge', labelSelector: { matchLabels: { tier: 'edge', team: 'media' } } },
      { affinityName: 'any', labelSelector: {} },
    ],
    replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' },
    spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 2 }],
  },
];

function tolerations(ns: number): object[] {
  const maintenance = { key: 'maintenance', operator: 'Exists', effect: 'NoSchedule' };
  if (ns % 3 === 0)
    return [maintenance, { key: 'cluster.karmada.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }];
  if (ns % 3 === 1) return [maintenance, { key: 'cluster.karmada.io/not-ready', operator: 'Exists' }];
  return [];
}

/** Writes the fleet repo's files; returns how many objects of each kind. */
function generate(dir: string): Record<string, number> {
  const rand = rng(nClusters * 31 + nTemplates);
  const write = (file: string, objects: readonly object[]) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), objects.map((o) => YAML.stringify(o)).join('---\n'));
  };
  for (let i = 0; i < nClusters; i++)
    write(`clusters/cluster-${String(i).padStart(4, '0')}.yaml`, [clusterObject(i, rand)]);
  for (let n = 0; n < namespaces; n++) {
    const tol = tolerations(n);
    write(
      `policies/ns${n}.yaml`,
      placements.map((placement, p) => ({
        apiVersion: 'policy.karmada.io/v1alpha1',
        kind: 'PropagationPolicy',
        metadata: { name: `p${p}`, namespace: `team-${n}` },
        spec: {
          resourceSelectors: [
            { apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: { matchLabels: { placement: `p${p}` } } },
          ],
          propagateDeps: true,
          failover: { cluster: { purgeMode: 'Gracefully' } },
          placement: { ...placement, ...(tol.length ? { clusterTolerations: tol } : {}) },
        },
      })),
    );
  }
  write('policies/overrides.yaml', [
    {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'ClusterOverridePolicy',
      metadata: { name: 'regional-registry' },
      spec: {
        resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }],
        overrideRules: [
          {
            targetCluster: {
              fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['aws'] }] },
            },
            overriders: {
              imageOverrider: [{ component: 'Registry', operator: 'replace', value: 'mirror.aws.example.com' }],
            },
          },
          {
            targetCluster: { labelSelector: { matchLabels: { tier: 'edge' } } },
            overriders: { plaintext: [{ path: '/metadata/labels/edge', operator: 'add', value: 'true' }] },
          },
        ],
      },
    },
  ]);
  let configMaps = 0;
  for (let i = 0; i < nTemplates; i++) {
    const ns = `team-${i % namespaces}`;
    const name = `app-${String(i).padStart(4, '0')}`;
    const objects: object[] = [];
    const withConfig = i % 5 === 0;
    if (withConfig) {
      configMaps++;
      objects.push({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `${name}-config`, namespace: ns },
        data: { 'settings.yaml': `log_level: info\nreplica_hint: ${i % 7}\n` },
      });
    }
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns, labels: { placement: `p${i % placements.length}`, app: name } },
      spec: {
        replicas: 1 + (i % 9),
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: {
            containers: [
              {
                name: 'main',
                image: `registry.example.com/${teams[i % teams.length]}/${name}:1.${i % 20}.0`,
                resources: { requests: { cpu: `${100 + (i % 5) * 100}m`, memory: `${128 * (1 + (i % 4))}Mi` } },
                ...(withConfig ? { volumeMounts: [{ name: 'config', mountPath: '/etc/app' }] } : {}),
              },
            ],
            ...(withConfig ? { volumes: [{ name: 'config', configMap: { name: `${name}-config` } }] } : {}),
          },
        },
      },
    });
    write(`apps/${ns}/${name}.yaml`, objects);
  }
  for (let n = 0; n < namespaces; n++)
    write(`apps/team-${n}/namespace.yaml`, [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `team-${n}` } }]);
  return {
    clusters: nClusters,
    deployments: nTemplates,
    configMaps,
    namespaces,
    policies: namespaces * placements.length + 1,
  };
}

const kubeconfigText = `apiVersion: v1
kind: Config
clusters: [{ name: closed, cluster: { server: "https://127.0.0.1:1" } }]
users: [{ name: bench, user: { token: bench } }]
contexts: [{ name: hub, context: { cluster: closed, user: bench } }]
current-context: hub
`;

interface Pass {
  readonly ms: number;
  readonly decisions: number;
  readonly status: string;
  readonly rssMiB: number;
  readonly atS: number;
}

/** The least-squares slope of RSS over pass number (MiB per pass, 2 decimals); undefined below 3 passes. */
function rssSlope(passes: readonly Pass[]): number | undefined {
  const n = passes.length;
  if (n < 3) return undefined;
  const meanX = (n - 1) / 2;
  const meanY = passes.reduce((a, p) => a + p.rssMiB, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, p] of passes.entries()) {
    num += (x - meanX) * (p.rssMiB - meanY);
    den += (x - meanX) ** 2;
  }
  return Math.round((num / den) * 100) / 100;
}

function procStatus(pid: number): { rssKiB: number; hwmKiB: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN);
    return { rssKiB: kib('VmRSS'), hwmKiB: kib('VmHWM') };
  } catch {
    return undefined;
  }
}

const work = mkdtempSync(path.join(os.tmpdir(), 'flotilla-bench-controller-memory-'));
let child: ChildProcess | undefined;

async function stopChild(): Promise<void> {
  const c = child;
  child = undefined;
  if (!c || c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
  c.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)])) return;
  c.kill('SIGKILL');
  await exited;
}

let cleaned: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaned ??= stopChild()
    .catch(() => undefined)
    .finally(() => rmSync(work, { recursive: true, force: true }));
  return cleaned;
}
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => void cleanup().finally(() => process.exit(130)));

async function main(): Promise<void> {
  const repo = path.join(work, 'repo');
  mkdirSync(repo);
  const tGen = performance.now();
  const counts = generate(repo);
  const git = (...args: string[]) =>
    execFileP('git', ['-C', repo, '-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], {
      maxBuffer: 1 << 26,
    });
  await git('init', '--quiet', '--initial-branch', 'main');
  await git('add', '-A');
  await git('commit', '--quiet', '-m', `fleet: ${nClusters} clusters, ${nTemplates} templates`);
  const genS = (performance.now() - tGen) / 1000;
  const kubeconfig = path.join(work, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigText);

  const flags = Object.entries(settings).flatMap(([k, v]) => [`--${k}`, v]);
  const t0 = performance.now();
  const c = spawn(
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
  child = c;
  const pid = c.pid;
  if (pid === undefined) throw new Error('could not start flotilla controller');
  const passes: Pass[] = [];
  const failures: string[] = [];
  const decisionKinds: Record<string, number> = {};
  let tail = '';
  let partial = '';
  let lastRss = 0;
  let exited = false;
  let invalid = false;
  c.once('exit', () => {
    exited = true;
  });
  c.stderr?.on('data', (d: Buffer) => {
    const lines = (partial + String(d)).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      tail = (tail + line + '\n').slice(-4000);
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue;
      }
      if (o['msg'] === 'pass done' && typeof o['ms'] === 'number') {
        if (o['valid'] === false) invalid = true;
        passes.push({
          ms: o['ms'],
          decisions: Number(o['decisions'] ?? 0),
          status: String(o['status']),
          rssMiB: Math.round((procStatus(pid)?.rssKiB ?? lastRss) / 1024),
          atS: Math.round((performance.now() - t0) / 100) / 10,
        });
      } else if (o['msg'] === 'controller pass failed')
        failures.push(`${String(o['step'])}: ${JSON.stringify(o['error']).slice(0, 300)}`);
      else if (o['msg'] === 'failover decision')
        decisionKinds[String(o['decision'])] = (decisionKinds[String(o['decision'])] ?? 0) + 1;
    }
  });

  const samples: { atS: number; rssKiB: number }[] = [];
  let hwmKiB = 0;
  const deadline = t0 + deadlineS * 1000;
  // Failed passes count towards N; three failures before any pass succeeds end the run early.
  while (
    passes.length + failures.length < nPasses &&
    !(passes.length === 0 && failures.length >= 3) &&
    !invalid &&
    !exited &&
    performance.now() < deadline
  ) {
    const s = procStatus(pid);
    if (s) {
      samples.push({ atS: (performance.now() - t0) / 1000, rssKiB: s.rssKiB });
      lastRss = s.rssKiB;
      hwmKiB = Math.max(hwmKiB, s.hwmKiB);
    }
    await sleep(100);
  }
  const ranS = (performance.now() - t0) / 1000;
  hwmKiB = Math.max(hwmKiB, procStatus(pid)?.hwmKiB ?? 0);
  const exitedEarly = exited;
  await stopChild();
  // The plan's size, from the rendered branch's commits: "flotilla: render <rev> for N clusters (F files)",
  // the first before the evictions, the last after them.
  const rendered = (await git('log', '--format=%s', 'flotilla-rendered').catch(() => ({ stdout: '' }))).stdout
    .trim()
    .split('\n')
    .map((l) => /for (\d+) clusters? \((\d+) files?\)/.exec(l))
    .filter((m) => m !== null)
    .map((m) => `${m[1]} clusters, ${m[2]} files`);
  if (exitedEarly) throw new Error(`flotilla controller exited early\n${tail}`);
  if (invalid) throw new Error('the generated revision is invalid: run `flotilla validate --repo` on a generated repo');
  if (passes.length < nPasses)
    process.stdout.write(
      `only ${passes.length} of ${nPasses} passes succeeded (${failures.length} failed, ${Math.round(ranS)} s, bound ${deadlineS} s)\n`,
    );

  const mib = (kib: number) => Math.round(kib / 1024);
  const sorted = passes.map((p) => p.ms).toSorted((a, b) => a - b);
  const pct = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const steadyFrom = passes[warmup - 1]?.atS ?? Number.POSITIVE_INFINITY;
  const steady = samples
    .filter((s) => s.atS >= steadyFrom)
    .map((s) => s.rssKiB)
    .toSorted((a, b) => a - b);
  const later = passes.slice(warmup);
  const figures = {
    bench: 'controller-memory',
    ...counts,
    renderedFirst: rendered.at(-1),
    renderedLast: rendered[0],
    passes: passes.length,
    failedPasses: failures.length,
    settings,
    generateAndCommitS: Math.round(genS * 10) / 10,
    ranS: Math.round(ranS),
    peakRssMiB: mib(hwmKiB),
    steadyRssMedianMiB: steady.length ? mib(steady[(steady.length - 1) >> 1] ?? 0) : undefined,
    steadyRssMaxMiB: steady.length ? mib(steady.at(-1) ?? 0) : undefined,
    rssAtEndMiB: mib(lastRss),
    firstPassMs: passes[0]?.ms,
    passMsP50: pct(0.5),
    passMsMax: sorted.at(-1),
    rssSlopeMiBPerPass: rssSlope(later),
    passMsP50AfterWarmup: later.length
      ? later.map((p) => p.ms).toSorted((a, b) => a - b)[(later.length - 1) >> 1]
      : undefined,
    decisions: decisionKinds,
    statusWrites: passes.filter((p) => p.status !== 'unchanged').length,
    loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
  };
  for (const [i, p] of passes.entries())
    process.stdout.write(`${JSON.stringify({ bench: 'controller-memory', pass: i + 1, ...p })}\n`);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  if (failures.length) process.stdout.write(`failed passes:\n  ${failures.slice(0, 5).join('\n  ')}\n`);

  process.stdout.write(
    `\n${counts['clusters']} clusters (all unreachable), ${counts['deployments']} Deployments + ${counts['configMaps']} ConfigMaps, ${counts['policies']} policies ` +
      `(rendered: ${figures.renderedFirst} at first, ${figures.renderedLast} after the evictions); ` +
      `controller ${Object.entries(settings)
        .map(([k, v]) => `--${k} ${v}`)
        .join(' ')}\n`,
  );
  const rows: [string, string][] = [
    ['passes (failed)', `${passes.length} (${failures.length}) in ${figures.ranS} s`],
    ['peak RSS (VmHWM)', `${figures.peakRssMiB} MiB`],
    [
      `steady RSS after ${warmup} passes, median / max`,
      `${figures.steadyRssMedianMiB} / ${figures.steadyRssMaxMiB} MiB`,
    ],
    [`RSS slope after ${warmup} passes (linear fit)`, `${figures.rssSlopeMiBPerPass ?? 'n/a'} MiB per pass`],
    ['pass duration p50 / max', `${figures.passMsP50} / ${figures.passMsMax} ms`],
    ['first pass', `${figures.firstPassMs} ms`],
    [`pass duration p50 after ${warmup} passes`, `${figures.passMsP50AfterWarmup} ms`],
    [
      'decisions logged',
      Object.entries(decisionKinds)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none',
    ],
  ];
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(42)} ${v}\n`);
}

try {
  await main();
} finally {
  await cleanup();
}
