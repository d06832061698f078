/**
 * Builders for the controller end-to-end tests (Q2): a fleet repo committed with the git CLI
 * whose Clusters are the harness members, and `flotilla controller` / `flotilla` child processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { gitCli } from '../git/helpers/workspace.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const flotillaBin = path.join(root, 'bin', 'flotilla.js');

/** A git repository on `main` with clusters/ (member1..3 of the harness) and the given files, committed. */
export async function fleetRepo(prefix: string, files: Readonly<Record<string, string>>): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `flotilla-${prefix}-`));
  cpSync(path.join(import.meta.dirname, 'fleet', 'clusters'), path.join(dir, 'clusters'), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  await gitCli(dir, 'init', '--quiet', '--initial-branch', 'main');
  await gitCli(dir, 'add', '-A');
  await gitCli(dir, 'commit', '--quiet', '-m', `fleet for ${prefix}`);
  return dir;
}

/** Removes a fleet repo (call it in `after`, on every path: Q7). */
export function removeRepo(dir: string): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** A running `flotilla controller`: its JSON log lines so far, and a clean stop. */
export interface ControllerProcess {
  readonly child: ChildProcess;
  logs(): string;
  /** The JSON log lines so far, parsed (a line that is not JSON is left out). */
  entries(): readonly Readonly<Record<string, unknown>>[];
  /** The exit code, once the process has exited and its stderr has been read to the end. */
  readonly exited: Promise<number | null>;
  /** SIGTERM and the exit code (after the last log line has arrived). */
  stop(): Promise<number | null>;
  /** SIGKILL when still running (for `after`). */
  kill(): void;
}

/** Starts `flotilla controller --repo repo --kubeconfig kubeconfig --listen 127.0.0.1:0 ...args` (with `env` added to the test's environment). */
export function startController(
  repo: string,
  kubeconfig: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): ControllerProcess {
  const child = spawn(
    node,
    [flotillaBin, 'controller', '--repo', repo, '--kubeconfig', kubeconfig, '--listen', '127.0.0.1:0', ...args],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } },
  );
  let logs = '';
  child.stderr?.on('data', (d) => (logs += String(d)));
  // 'close', not 'exit': the process can exit before its last stderr chunk reaches this one.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    child,
    exited,
    logs: () => logs,
    entries: () =>
      logs.split('\n').flatMap((l) => {
        if (!l.startsWith('{')) return [];
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return []; // a line still being written
        }
      }),
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Runs `flotilla ...args` as a child process (Q6). */
export function flotilla(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(node, [flotillaBin, ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += String(d)));
    p.stderr.on('data', (d) => (stderr += String(d)));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * `file` as the newest status commit with the trailer `Flotilla-Decision: <decision>` wrote it: what
 * that decision recorded, which later passes may already have changed on the tip.
 */
export async function statusFileAtDecision(repo: string, decision: string, file: string): Promise<string> {
  const commit = (
    await gitCli(repo, 'log', '-1', '--format=%H', `--grep=^Flotilla-Decision: ${decision}$`, 'flotilla-status')
  ).trim();
  return gitCli(repo, 'show', `${commit}:${file}`);
}

/** The status branch's commit messages, newest first, separated by NUL. */
export async function statusLog(repo: string): Promise<string> {
  return gitCli(repo, 'log', '--format=%B%x00', 'flotilla-status').catch(() => '');
}

/** A Namespace and a Deployment of `replicas` (one container requesting `cpu`), as YAML (Q2 builders). */
export function workloadYaml(ns: string, name: string, replicas: number, cpu = '100m'): string {
  return (
    YAML.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }) +
    '---\n' +
    YAML.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name, image: `registry.example.com/${name}:1.0`, resources: { requests: { cpu } } }] },
        },
      },
    })
  );
}

/** A PropagationPolicy named `name` selecting the Deployment `name` (and more selectors), with this spec. */
export function policyYaml(
  ns: string,
  name: string,
  spec: Readonly<Record<string, unknown>>,
  more: readonly Readonly<Record<string, string>>[] = [],
): string {
  return YAML.stringify({
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name, namespace: ns },
    spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name }, ...more], ...spec },
  });
}

/** A placement dividing replicas 1:1 over `clusters` by static weights. */
export function equalWeights(clusters: readonly string[]): Record<string, unknown> {
  return staticWeights(Object.fromEntries(clusters.map((c) => [c, 1])));
}

/** A placement dividing replicas over the named clusters by these static weights. */
export function staticWeights(weights: Readonly<Record<string, number>>): Record<string, unknown> {
  return {
    clusterAffinity: { clusterNames: Object.keys(weights) },
    replicaScheduling: {
      replicaSchedulingType: 'Divided',
      replicaDivisionPreference: 'Weighted',
      weightPreference: {
        staticWeightList: Object.entries(weights).map(([c, weight]) => ({
          targetCluster: { clusterNames: [c] },
          weight,
        })),
      },
    },
  };
}

/** `api`, 6 replicas divided equally over member1..3; a failed member's copy is kept until its replacement is healthy (Gracefully). */
export function gracefulApiFleet(ns: string): string {
  return [
    workloadYaml(ns, 'api', 6),
    policyYaml(ns, 'api', {
      failover: { cluster: { purgeMode: 'Gracefully' } },
      placement: equalWeights(['member1', 'member2', 'member3']),
    }),
  ].join('---\n');
}

/**
 * Controller flags that fail a stopped member over within seconds (thresholds of 2–3 s, a 120 s
 * grace period). A stopped member refuses connections at once, so the 20 s request timeout never
 * delays a failover; it only keeps a member that is slow on a loaded machine from counting as down.
 */
export const fastFailoverFlags: readonly string[] = [
  '--interval',
  '1s',
  '--timeout',
  '20s',
  '--cluster-failure-threshold',
  '2s',
  '--cluster-success-threshold',
  '2s',
  '--cluster-monitor-grace-period',
  '20s',
  '--failover-eviction-timeout',
  '3s',
  '--graceful-eviction-timeout',
  '120s',
];
