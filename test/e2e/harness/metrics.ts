// `clusters metrics`: the metrics.k8s.io API on every member, served by a real metrics-server on
// the host that scrapes the usage kwok emulates. Per member: kwok's Metric/ResourceUsage CRDs and
// its kubelet-style Metric, the Nodes pointed at kwok's server (the resource-metrics-path annotation
// metrics-server honours, and the kubelet port in the Node status), kwok restarted to serve it,
// metrics-server started, and the APIService v1beta1.metrics.k8s.io aggregated to it through an
// ExternalName Service (localhost): the aggregator resolves such a Service to its name without
// routing through a cluster IP, which nothing here could carry. Returns once every member answers
// metrics.k8s.io (a pod or Node shows up there from its second scrape on).
import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { metricsServiceName, metricsServiceNamespace } from './aggregation-pki.ts';
import { apiCall, apiRequest, type Endpoint, WaitAborted, waitFor } from './api.ts';
import type { CommandContext } from './commands.ts';
import { endpointOf, nodeNames, startComponent, stopComponent } from './control-plane.ts';
import type { MetricsKit } from './metrics-server-build.ts';
import { usageObject, usageObjectName } from './pod-usage.ts';
import { isRunning, logTail } from './processes.ts';
import type { ClusterRecord } from './state.ts';

const readyTimeoutMs = 180_000;
const apiServiceName = 'v1beta1.metrics.k8s.io';

/** The REST collection of a manifest's kind, for the few kinds this file creates. */
function collectionOf(obj: { apiVersion?: string; kind?: string; metadata?: { namespace?: string } }): string {
  switch (`${obj.apiVersion}/${obj.kind}`) {
    case 'apiextensions.k8s.io/v1/CustomResourceDefinition':
      return '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
    case 'kwok.x-k8s.io/v1alpha1/Metric':
      return '/apis/kwok.x-k8s.io/v1alpha1/metrics';
    case 'kwok.x-k8s.io/v1alpha1/ClusterResourceUsage':
      return '/apis/kwok.x-k8s.io/v1alpha1/clusterresourceusages';
    case 'v1/Service':
      return `/api/v1/namespaces/${obj.metadata?.namespace ?? 'default'}/services`;
    case 'apiregistration.k8s.io/v1/APIService':
      return '/apis/apiregistration.k8s.io/v1/apiservices';
    default:
      throw new Error(`metrics: no collection for ${obj.apiVersion} ${obj.kind}`);
  }
}

/** Creates `obj`, or merges it over the one there (a second `metrics` on the same clusters). */
async function createOrMerge(ep: Endpoint, obj: Record<string, any>): Promise<void> {
  const collection = collectionOf(obj);
  const res = await apiRequest(ep, 'POST', collection, obj);
  if (res.status === 201) return;
  if (res.status !== 409) {
    throw new Error(`creating ${obj['kind']} ${obj['metadata']?.name}: HTTP ${res.status}: ${res.body.slice(0, 300)}`);
  }
  await apiCall(ep, 'PATCH', `${collection}/${obj['metadata'].name}`, obj, 'application/merge-patch+json');
}

function conditionTrue(obj: unknown, type: string): boolean {
  const conditions = (obj as { status?: { conditions?: Array<{ type?: string; status?: string }> } }).status
    ?.conditions;
  return (conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

function manifests(kit: MetricsKit): Array<Record<string, any>> {
  return kit.kwokManifests.flatMap((f) =>
    parseAllDocuments(fs.readFileSync(f, 'utf8'))
      .map((d) => d.toJS() as Record<string, any> | null)
      .filter((d): d is Record<string, any> => d !== null),
  );
}

async function installKwokMetrics(c: ClusterRecord, ep: Endpoint, kit: MetricsKit): Promise<void> {
  const all = manifests(kit);
  const crds = all.filter((m) => m['kind'] === 'CustomResourceDefinition');
  for (const crd of crds) await createOrMerge(ep, crd);
  for (const crd of crds) {
    const name = String(crd['metadata'].name);
    await waitFor(`${c.name}: CRD ${name} established`, readyTimeoutMs, async () =>
      conditionTrue(
        await apiCall(ep, 'GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`),
        'Established',
      ),
    );
  }
  for (const m of all.filter((x) => x['kind'] !== 'CustomResourceDefinition')) await createOrMerge(ep, m);
  // Every pod gets a usage from the start; tests add rules to this object (pod-usage.ts).
  const existing = await apiRequest(ep, 'GET', `/apis/kwok.x-k8s.io/v1alpha1/clusterresourceusages/${usageObjectName}`);
  if (existing.status === 404) await createOrMerge(ep, usageObject([]));
}

async function pointNodesAtKwok(c: ClusterRecord, ep: Endpoint, kwokPort: number): Promise<void> {
  for (const node of nodeNames(c.name)) {
    const metricsPath = `/metrics/nodes/${node}/metrics/resource`;
    await apiCall(
      ep,
      'PATCH',
      `/api/v1/nodes/${node}`,
      { metadata: { annotations: { 'metrics.k8s.io/resource-metrics-path': metricsPath } } },
      'application/merge-patch+json',
    );
    await apiCall(
      ep,
      'PATCH',
      `/api/v1/nodes/${node}/status`,
      { status: { daemonEndpoints: { kubeletEndpoint: { Port: kwokPort } } } },
      'application/merge-patch+json',
    );
  }
}

async function registerApiService(ep: Endpoint, ctx: CommandContext, port: number): Promise<void> {
  await createOrMerge(ep, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: metricsServiceName, namespace: metricsServiceNamespace },
    spec: { type: 'ExternalName', externalName: 'localhost' },
  });
  await createOrMerge(ep, {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: apiServiceName },
    spec: {
      group: 'metrics.k8s.io',
      version: 'v1beta1',
      service: { name: metricsServiceName, namespace: metricsServiceNamespace, port },
      caBundle: fs.readFileSync(ctx.pki.caCert).toString('base64'),
      groupPriorityMinimum: 100,
      versionPriority: 100,
    },
  });
}

/** The arguments of a running process (none once it is gone). */
function commandLine(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return []; // exited: startComponent starts it with the current flags
  }
}

/** Turns metrics on for member `c` (idempotent) on the ports already in `c.metrics`; `save` records the pids. */
export async function enableMetrics(
  c: ClusterRecord,
  ctx: CommandContext,
  kit: MetricsKit,
  save: () => void,
): Promise<void> {
  const ep = endpointOf(c, ctx);
  if (c.metrics === undefined) throw new Error(`${c.name}: no metrics ports were given out`);
  await installKwokMetrics(c, ep, kit);
  await pointNodesAtKwok(c, ep, c.metrics.kwokPort);
  // kwok reads its flags once: restart it to serve the kubelet endpoint and watch the usage CRDs.
  // (Decided by its command line, so a `metrics` that failed half-way is completed by the next.)
  const kwok = c.processes.kwok;
  const serving = `--server-address=127.0.0.1:${c.metrics.kwokPort}`;
  if (kwok !== undefined && !commandLine(kwok.pid).includes(serving)) await stopComponent(c, 'kwok');
  await startComponent(c, 'kwok', ctx);
  await startComponent(c, 'metrics-server', ctx);
  save();
  await registerApiService(ep, ctx, c.metrics.metricsServerPort);
  // A Node's usage is the sum of its pods' (kwok's Metric) and metrics-server drops a Node that
  // uses nothing: an idle member lists no Node metrics, so Available and an answer are awaited.
  await waitFor(
    `${c.name}: metrics.k8s.io available`,
    readyTimeoutMs,
    async () => {
      for (const comp of ['kwok', 'metrics-server'] as const) {
        const rec = c.processes[comp];
        if (!rec || !isRunning(rec)) throw new WaitAborted(`${c.name}: ${comp} exited:\n${logTail(rec?.log ?? '')}`);
      }
      const svc = await apiCall(ep, 'GET', `/apis/apiregistration.k8s.io/v1/apiservices/${apiServiceName}`);
      if (!conditionTrue(svc, 'Available')) return false;
      const res = await apiRequest(ep, 'GET', '/apis/metrics.k8s.io/v1beta1/nodes');
      return res.status === 200;
    },
    () =>
      `metrics-server:\n${logTail(c.processes['metrics-server']?.log ?? '')}\nkwok:\n${logTail(c.processes.kwok?.log ?? '')}`,
  );
}
