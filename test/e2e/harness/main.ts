// `test/e2e/clusters`: real Kubernetes control planes on loopback for the
// end-to-end tests. Progress goes to stderr; stdout carries only the result
// (for `up`, the kubeconfig path as the last line).
import fs from 'node:fs';
import path from 'node:path';
import { ensureBuilt, toolchain, isBuilt } from './build.ts';
import type { CommandContext } from './commands.ts';
import { ensureCluster, startComponent, stopCluster, stopComponent, waitReady } from './control-plane.ts';
import { writeKubeconfig } from './kubeconfig.ts';
import { enableMetrics } from './metrics.ts';
import { ensureMetricsKit } from './metrics-server-build.ts';
import { clusterStages } from './kwok-stages.ts';
import { withLock } from './lock.ts';
import { stateDir } from './paths.ts';
import { ensurePki } from './pki.ts';
import { freePorts, isRunning, processesUsing, stopProcess } from './processes.ts';
import {
  components,
  componentsOf,
  findCluster,
  memberName,
  portsOf,
  readState,
  writeState,
  type ClusterRecord,
  type HarnessState,
} from './state.ts';
import { serverUrl } from './commands.ts';

const usage = `usage: test/e2e/clusters COMMAND
  up [N]       start a hub and N members (default 3); prints the kubeconfig path last
  stop NAME    stop the apiserver of cluster NAME (e.g. member2)
  start NAME   start it again (same port) and wait for /readyz
  down         stop everything and remove the state directory
  build        build the binaries into the cache; prints the bin directory
  bindir       prints the bin directory (kubectl, etcd, ...), building if needed
  metrics      serve metrics.k8s.io on every member (metrics-server scraping kwok's emulated usage)
  status       prints every cluster and whether each process runs
State: $FLOTILLA_E2E_STATE or \${TMPDIR:-/tmp}/flotilla-e2e-<uid>; binaries: $FLOTILLA_E2E_CACHE or ~/.cache/flotilla-e2e.`;

function log(msg: string): void {
  process.stderr.write(`clusters: ${msg}\n`);
}

const lockTimeoutMs = 15 * 60_000;

function lockPath(dir: string): string {
  return `${dir}.lock`;
}

function contextOf(state: HarnessState, dir: string): CommandContext {
  return {
    binDir: state.binDir,
    kwokStages: clusterStages(state.kwokStages, dir),
    stateDir: dir,
    pki: ensurePki(path.join(dir, 'pki')),
    ...(state.metricsServer === undefined ? {} : { metricsServer: state.metricsServer }),
  };
}

async function newCluster(name: string, role: ClusterRecord['role'], taken: Set<number>): Promise<ClusterRecord> {
  const [etcdClientPort, etcdPeerPort, apiserverPort] = await freePorts(3, taken);
  if (etcdClientPort === undefined || etcdPeerPort === undefined || apiserverPort === undefined) {
    throw new Error('could not allocate ports');
  }
  return { name, role, etcdClientPort, etcdPeerPort, apiserverPort, processes: {} };
}

async function up(members: number): Promise<void> {
  const tc = await ensureBuilt(log);
  const dir = stateDir();
  await withLock(lockPath(dir), lockTimeoutMs, async () => {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const state: HarnessState = readState(dir) ?? {
      toolchain: tc.key,
      binDir: tc.binDir,
      kwokStages: tc.kwokStages,
      kubeconfig: path.join(dir, 'kubeconfig'),
      clusters: [],
    };
    if (state.toolchain !== tc.key) log(`clusters were started with ${state.toolchain}; keeping it`);
    const wanted = ['hub', ...Array.from({ length: members }, (_, i) => memberName(i + 1))];
    for (const name of wanted) {
      if (!state.clusters.some((c) => c.name === name)) {
        state.clusters.push(await newCluster(name, name === 'hub' ? 'hub' : 'member', portsOf(state)));
      }
    }
    const save = (): void => writeState(dir, state);
    save();
    const ctx = contextOf(state, dir);
    const started = Date.now();
    log(`starting ${state.clusters.map((c) => c.name).join(', ')} in ${dir}`);
    // allSettled: report a failure only after the other clusters finished starting.
    const results = await Promise.allSettled(state.clusters.map((c) => ensureCluster(c, ctx, save)));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (failures.length > 0) {
      const text = failures.map((f) => (f instanceof Error ? f.message : String(f))).join('\n');
      throw new Error(`${text}\n(the clusters stay as they are for inspection; \`clusters down\` removes them)`);
    }
    writeKubeconfig(
      state.kubeconfig,
      state.clusters.map((c) => ({ name: c.name, server: serverUrl(c) })),
      ctx.pki,
    );
    log(`ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    process.stdout.write(`${state.kubeconfig}\n`);
  });
}

async function withState(fn: (state: HarnessState, dir: string) => Promise<void>): Promise<void> {
  const dir = stateDir();
  await withLock(lockPath(dir), lockTimeoutMs, async () => {
    const state = readState(dir);
    if (!state) throw new Error(`no clusters are up (no state in ${dir}); run \`clusters up\` first`);
    await fn(state, dir);
  });
}

async function stop(name: string): Promise<void> {
  await withState(async (state, dir) => {
    const c = findCluster(state, name);
    await stopComponent(c, 'kube-apiserver');
    writeState(dir, state);
    log(`stopped the apiserver of ${name} (${serverUrl(c)})`);
  });
}

async function start(name: string): Promise<void> {
  await withState(async (state, dir) => {
    const c = findCluster(state, name);
    const ctx = contextOf(state, dir);
    await startComponent(c, 'etcd', ctx);
    await startComponent(c, 'kube-apiserver', ctx);
    writeState(dir, state);
    await waitReady(c, ctx);
    log(`${name} is ready (${serverUrl(c)})`);
  });
}

async function metrics(): Promise<void> {
  const kit = await ensureMetricsKit(log);
  await withState(async (state, dir) => {
    state.metricsServer = kit.bin;
    const save = (): void => writeState(dir, state);
    save();
    const ctx = contextOf(state, dir);
    const members = state.clusters.filter((c) => c.role === 'member');
    // Ports first, one member after the other: members enabled side by side could be given the same one.
    for (const c of members) {
      if (c.metrics !== undefined) continue;
      const [kwokPort, metricsServerPort] = await freePorts(2, portsOf(state));
      if (kwokPort === undefined || metricsServerPort === undefined) throw new Error('could not allocate ports');
      c.metrics = { kwokPort, metricsServerPort };
    }
    save();
    const started = Date.now();
    const results = await Promise.allSettled(members.map((c) => enableMetrics(c, ctx, kit, save)));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (failures.length > 0)
      throw new Error(failures.map((f) => (f instanceof Error ? f.message : String(f))).join('\n'));
    log(
      `metrics.k8s.io served on ${members.map((c) => c.name).join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)}s`,
    );
  });
}

async function down(): Promise<void> {
  const dir = stateDir();
  await withLock(lockPath(dir), lockTimeoutMs, async () => {
    const state = readState(dir);
    if (state) {
      await Promise.all(state.clusters.map((c) => stopCluster(c)));
      log(`stopped ${state.clusters.map((c) => c.name).join(', ')}`);
    }
    // Anything of ours still running on this state directory, recorded or not.
    const strays = processesUsing(dir, components);
    if (strays.length > 0)
      log(`stopping ${strays.length} unrecorded process(es): ${strays.map((p) => p.pid).join(' ')}`);
    await Promise.all(strays.map((p) => stopProcess(p)));
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

function status(): void {
  const state = readState(stateDir());
  if (!state) {
    process.stdout.write('no clusters are up\n');
    return;
  }
  for (const c of state.clusters) {
    const procs = componentsOf(c).map((comp) => {
      const rec = c.processes[comp];
      return `${comp}=${rec && isRunning(rec) ? rec.pid : 'stopped'}`;
    });
    process.stdout.write(`${c.name} ${serverUrl(c)} ${procs.join(' ')}\n`);
  }
  process.stdout.write(`${state.kubeconfig}\n`);
}

async function main(argv: ReadonlyArray<string>): Promise<number> {
  const [cmd, arg, ...rest] = argv;
  const needName = (): string => {
    if (arg === undefined || rest.length > 0) throw new UsageError(`${cmd} takes one cluster name`);
    return arg;
  };
  switch (cmd) {
    case 'up': {
      const n = arg === undefined ? 3 : Number(arg);
      if (!Number.isInteger(n) || n < 0 || n > 20 || rest.length > 0)
        throw new UsageError('up takes a member count from 0 to 20');
      await up(n);
      return 0;
    }
    case 'stop':
      await stop(needName());
      return 0;
    case 'start':
      await start(needName());
      return 0;
    case 'down':
      await down();
      return 0;
    case 'metrics':
      if (arg !== undefined) throw new UsageError('metrics takes no argument');
      await metrics();
      return 0;
    case 'build': {
      const tc = await ensureBuilt(log);
      process.stdout.write(`${tc.binDir}\n`);
      return 0;
    }
    case 'bindir': {
      const tc = isBuilt(toolchain()) ? toolchain() : await ensureBuilt(log);
      process.stdout.write(`${tc.binDir}\n`);
      return 0;
    }
    case 'status':
      status();
      return 0;
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(`${usage}\n`);
      return 0;
    default:
      throw new UsageError(cmd === undefined ? 'missing command' : `unknown command ${cmd}`);
  }
}

class UsageError extends Error {}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    process.stderr.write(`clusters: ${err.message}\n${usage}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`clusters: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
