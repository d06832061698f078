// The state file (<state dir>/state.json): which control planes exist, their
// ports and the pids of their processes, so that `stop`, `start` and `down`
// work from another invocation than `up`.
import fs from 'node:fs';
import path from 'node:path';
import type { ProcessRecord } from './processes.ts';

/** Processes of one control plane, in start order; metrics-server only once `clusters metrics` ran. */
export const components = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kwok',
  'metrics-server',
] as const;
export type Component = (typeof components)[number];

/** What a member runs without metrics. */
const memberComponents: ReadonlyArray<Component> = components.filter((c) => c !== 'metrics-server');

/** The hub runs no scheduler and no node simulator: nothing runs workloads there. */
export const hubComponents: ReadonlyArray<Component> = ['etcd', 'kube-apiserver', 'kube-controller-manager'];

/** One control plane. */
export interface ClusterRecord {
  readonly name: string;
  readonly role: 'hub' | 'member';
  readonly etcdClientPort: number;
  readonly etcdPeerPort: number;
  readonly apiserverPort: number;
  /** Set by `clusters metrics` (members): kwok then serves kubelet metrics on `kwokPort`, metrics-server runs. */
  metrics?: { readonly kwokPort: number; readonly metricsServerPort: number };
  processes: Partial<Record<Component, ProcessRecord>>;
}

/** The whole harness run. */
export interface HarnessState {
  readonly toolchain: string;
  readonly binDir: string;
  readonly kwokStages: string;
  readonly kubeconfig: string;
  /** The metrics-server binary, once `clusters metrics` ran. */
  metricsServer?: string;
  clusters: ClusterRecord[];
}

/** Components that make up this cluster. */
export function componentsOf(c: Pick<ClusterRecord, 'role' | 'metrics'>): ReadonlyArray<Component> {
  if (c.role === 'hub') return hubComponents;
  return c.metrics === undefined ? memberComponents : components;
}

/** Name of member `i` (1-based). */
export function memberName(i: number): string {
  return `member${i}`;
}

function stateFile(dir: string): string {
  return path.join(dir, 'state.json');
}

/** Reads the state file, or undefined when there is none. */
export function readState(dir: string): HarnessState | undefined {
  let text: string;
  try {
    text = fs.readFileSync(stateFile(dir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  // Written only by writeState below.
  return JSON.parse(text) as HarnessState;
}

/** Replaces the state file atomically. */
export function writeState(dir: string, state: HarnessState): void {
  const tmp = `${stateFile(dir)}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n');
  fs.renameSync(tmp, stateFile(dir));
}

/** Finds a cluster by name or throws naming the ones there are. */
export function findCluster(state: HarnessState, name: string): ClusterRecord {
  const c = state.clusters.find((x) => x.name === name);
  if (!c) throw new Error(`no cluster named ${name}; there are: ${state.clusters.map((x) => x.name).join(', ')}`);
  return c;
}

/** Every port the state has given out, so a new component is never given one of them. */
export function portsOf(state: HarnessState): Set<number> {
  return new Set(
    state.clusters.flatMap((c) => [
      c.etcdClientPort,
      c.etcdPeerPort,
      c.apiserverPort,
      ...(c.metrics ? [c.metrics.kwokPort, c.metrics.metricsServerPort] : []),
    ]),
  );
}
