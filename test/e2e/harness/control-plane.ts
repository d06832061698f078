// Bringing one control plane up (only what is not running yet), seeding its
// simulated Nodes, and stopping its processes.
import fs from 'node:fs';
import path from 'node:path';
import { apiCall, apiRequest, isReady, waitFor, WaitAborted, type Endpoint } from './api.ts';
import { clusterDir, commandFor, componentKubeconfig, serverUrl, type CommandContext } from './commands.ts';
import { writeKubeconfig } from './kubeconfig.ts';
import { isRunning, logTail, portInUse, spawnDaemon, stopProcess } from './processes.ts';
import { componentsOf, type ClusterRecord, type Component } from './state.ts';

/** Simulated Nodes per member, and what each offers. */
export const nodesPerMember = Number(process.env['FLOTILLA_E2E_NODES'] ?? '2');
const nodeCapacity = { cpu: '8', memory: '32Gi', pods: '110' } as const;

/** How long a control plane may take to answer /readyz. */
const readyTimeoutMs = 120_000;

/** Endpoint of a cluster for the admin user. */
export function endpointOf(c: ClusterRecord, ctx: CommandContext): Endpoint {
  return { server: serverUrl(c), caFile: ctx.pki.caCert, token: ctx.pki.adminToken };
}

/** Starts `component` of `c` unless it runs; records the process in `c`. */
export async function startComponent(c: ClusterRecord, component: Component, ctx: CommandContext): Promise<void> {
  const rec = c.processes[component];
  if (rec && isRunning(rec)) return;
  const dir = clusterDir(ctx.stateDir, c.name);
  fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
  if (component === 'kube-apiserver' && (await portInUse(c.apiserverPort))) {
    throw new Error(`${c.name}: port ${c.apiserverPort} of its apiserver is taken by another process`);
  }
  const cmd = commandFor(component, c, ctx);
  c.processes[component] = spawnDaemon(cmd.binary, cmd.args, path.join(dir, 'logs', `${component}.log`));
}

/** Stops `component` of `c` if it runs. */
export async function stopComponent(c: ClusterRecord, component: Component): Promise<void> {
  const rec = c.processes[component];
  if (rec) await stopProcess(rec);
  delete c.processes[component];
}

/** Waits until the apiserver of `c` answers /readyz, failing early if it died. */
export async function waitReady(c: ClusterRecord, ctx: CommandContext): Promise<void> {
  const ep = endpointOf(c, ctx);
  await waitFor(
    `${c.name} apiserver /readyz at ${ep.server}`,
    readyTimeoutMs,
    async () => {
      for (const comp of ['etcd', 'kube-apiserver'] as const) {
        const rec = c.processes[comp];
        if (!rec || !isRunning(rec)) throw new WaitAborted(`${c.name}: ${comp} exited:\n${logTail(rec?.log ?? '')}`);
      }
      return isReady(ep);
    },
    () => logTail(c.processes['kube-apiserver']?.log ?? ''),
  );
}

/**
 * Brings `c` fully up: etcd and the apiserver, /readyz, then (members only)
 * the simulated Nodes, then the controller-manager, scheduler and kwok.
 */
export async function ensureCluster(c: ClusterRecord, ctx: CommandContext, save: () => void): Promise<void> {
  fs.mkdirSync(clusterDir(ctx.stateDir, c.name), { recursive: true });
  writeKubeconfig(componentKubeconfig(ctx.stateDir, c.name), [{ name: c.name, server: serverUrl(c) }], ctx.pki);
  await startComponent(c, 'etcd', ctx);
  save();
  await startComponent(c, 'kube-apiserver', ctx);
  save();
  await waitReady(c, ctx);
  if (c.role === 'member') await seedNodes(endpointOf(c, ctx), c.name);
  for (const comp of componentsOf(c).slice(2)) {
    await startComponent(c, comp, ctx);
    save();
  }
  if (c.role === 'member') await waitNodesReady(c, ctx);
}

/** Node names of a member. */
export function nodeNames(cluster: string): string[] {
  return Array.from({ length: nodesPerMember }, (_, i) => `${cluster}-node-${i + 1}`);
}

/**
 * Creates the fake Nodes kwok manages (the annotation is its selector) with
 * their capacity set before kwok starts, since kwok keeps a capacity it finds.
 */
async function seedNodes(ep: Endpoint, cluster: string): Promise<void> {
  for (const name of nodeNames(cluster)) {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: {
          type: 'kwok',
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
        },
        annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      },
    };
    const res = await apiRequest(ep, 'POST', '/api/v1/nodes', node);
    if (res.status !== 201 && res.status !== 409) {
      throw new Error(`${cluster}: creating node ${name}: HTTP ${res.status}: ${res.body.slice(0, 300)}`);
    }
    await apiCall(
      ep,
      'PATCH',
      `/api/v1/nodes/${name}/status`,
      { status: { capacity: nodeCapacity, allocatable: nodeCapacity } },
      'application/merge-patch+json',
    );
  }
}

interface NodeList {
  items?: Array<{ metadata?: { name?: string }; status?: { conditions?: Array<{ type?: string; status?: string }> } }>;
}

async function waitNodesReady(c: ClusterRecord, ctx: CommandContext): Promise<void> {
  const ep = endpointOf(c, ctx);
  const want = new Set(nodeNames(c.name));
  await waitFor(
    `${c.name} nodes Ready`,
    readyTimeoutMs,
    async () => {
      const list = (await apiCall(ep, 'GET', '/api/v1/nodes')) as NodeList;
      const ready = (list.items ?? []).filter(
        (n) =>
          want.has(n.metadata?.name ?? '') &&
          (n.status?.conditions ?? []).some((x) => x.type === 'Ready' && x.status === 'True'),
      );
      return ready.length === want.size;
    },
    () => logTail(c.processes.kwok?.log ?? ''),
  );
}

/** Stops every process of `c`, last started first. */
export async function stopCluster(c: ClusterRecord): Promise<void> {
  for (const comp of [...componentsOf(c)].reverse()) await stopComponent(c, comp);
}
