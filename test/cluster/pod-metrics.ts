/**
 * Emulated load on the members for the autoscaling tests: setPodUsage sets what the containers of
 * matching pods use (kwok's ClusterResourceUsage, see test/e2e/harness/pod-usage.ts), podMetrics
 * reads what metrics-server reports for them through the member's metrics.k8s.io API.
 * Call `metrics()` (harness.ts) first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuMillis, memoryBytes, rulesOf, usageObject, usageObjectName, withRule } from '../e2e/harness/pod-usage.ts';
import { getJson, kubectl } from './harness.ts';

/** What each container of a matching pod uses, as Kubernetes quantities ("800m", "256Mi"). */
export interface PodUsage {
  readonly cpu?: string;
  readonly memory?: string;
}

/** One pod's usage as metrics.k8s.io reports it, summed over its containers. */
export interface PodMetrics {
  readonly name: string;
  readonly cpuMillis: number;
  readonly memoryBytes: number;
  /** The sample's timestamp and window as metrics-server reports them. */
  readonly timestamp: string;
  readonly window: string;
}

/**
 * Makes every container of the pods in `namespace` whose labels include `selector` (now and later
 * ones) use `usage` on member `context`. A later call for the same selector replaces the values it
 * names; when selectors overlap, the most recent call wins. Unmatched pods use 1m CPU and 1Mi.
 */
export async function setPodUsage(
  context: string,
  namespace: string,
  selector: Readonly<Record<string, string>>,
  usage: PodUsage,
): Promise<void> {
  const current = await getJson(context, 'clusterresourceusages.kwok.x-k8s.io', usageObjectName);
  const rules = withRule(rulesOf(current), { namespace, selector: { ...selector }, ...usage });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flotilla-usage-'));
  try {
    const file = path.join(dir, 'usage.json');
    fs.writeFileSync(file, JSON.stringify(usageObject(rules)));
    await kubectl(context, 'apply', '--server-side', '--force-conflicts', '--field-manager=flotilla-e2e', '-f', file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface PodMetricsList {
  items?: Array<{
    metadata?: { name?: string };
    timestamp?: string;
    window?: string;
    containers?: Array<{ usage?: { cpu?: string; memory?: string } }>;
  }>;
}

/** The pods of `namespace` (matching `selector`, if given) that metrics.k8s.io has metrics for, by name. */
export async function podMetrics(
  context: string,
  namespace: string,
  selector?: Readonly<Record<string, string>>,
): Promise<PodMetrics[]> {
  const query =
    selector === undefined
      ? ''
      : `?labelSelector=${encodeURIComponent(
          Object.entries(selector)
            .map(([k, v]) => `${k}=${v}`)
            .join(','),
        )}`;
  const out = await kubectl(
    context,
    'get',
    '--raw',
    `/apis/metrics.k8s.io/v1beta1/namespaces/${namespace}/pods${query}`,
  );
  const list = JSON.parse(out) as PodMetricsList;
  return (list.items ?? [])
    .map((p) => ({
      name: p.metadata?.name ?? '',
      cpuMillis: (p.containers ?? []).reduce((sum, c) => sum + cpuMillis(c.usage?.cpu ?? '0'), 0),
      memoryBytes: (p.containers ?? []).reduce((sum, c) => sum + memoryBytes(c.usage?.memory ?? '0'), 0),
      timestamp: p.timestamp ?? '',
      window: p.window ?? '',
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
