/** Builders for the multi-cluster service end-to-end tests (Q2). */
import YAML from 'yaml';
import { getJson, kubectl } from './harness.ts';

/** The mcs-api CRDs (ServiceExport, ServiceImport) members need, with an open schema. */
export const mcsCrds = ['ServiceExport', 'ServiceImport']
  .map((kind) =>
    YAML.stringify({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${kind.toLowerCase()}s.multicluster.x-k8s.io` },
      spec: {
        group: 'multicluster.x-k8s.io',
        scope: 'Namespaced',
        names: { plural: `${kind.toLowerCase()}s`, singular: kind.toLowerCase(), kind, listKind: `${kind}List` },
        versions: [
          {
            name: 'v1alpha1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    }),
  )
  .join('---\n');

/** A Service `name` selecting app=name, port 80 → 8080. */
export function serviceYaml(ns: string, name: string): string {
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
  });
}

/** A PropagationPolicy `name` placing these resources (Duplicated) on `clusters`. */
export function placeYaml(
  ns: string,
  name: string,
  clusters: readonly string[],
  resources: readonly { apiVersion: string; kind: string; name: string }[],
): string {
  return YAML.stringify({
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name, namespace: ns },
    spec: {
      resourceSelectors: resources,
      placement: {
        clusterAffinity: { clusterNames: [...clusters] },
        replicaScheduling: { replicaSchedulingType: 'Duplicated' },
      },
    },
  });
}

/** The pod IPs of app=name on a member, sorted. */
export async function podIps(ctx: string, ns: string, app: string): Promise<string[]> {
  const pods = (await getJson(ctx, 'pods', '-n', ns, '-l', `app=${app}`))?.['items'] as
    | { status?: { podIP?: string }; metadata?: { deletionTimestamp?: string } }[]
    | undefined;
  return (pods ?? [])
    .filter((p) => !p.metadata?.deletionTimestamp)
    .map((p) => p.status?.podIP ?? '')
    .filter((ip) => ip !== '')
    .sort();
}

/** The EndpointSlices of a Service name on a member: name → sorted endpoint addresses. */
export async function slicesOf(
  ctx: string,
  ns: string,
  service: string,
): Promise<Map<string, { ips: string[]; labels: Record<string, string> }>> {
  const list = (await getJson(ctx, 'endpointslices', '-n', ns, '-l', `kubernetes.io/service-name=${service}`))?.[
    'items'
  ] as
    | { metadata: { name: string; labels?: Record<string, string> }; endpoints?: { addresses: string[] }[] }[]
    | undefined;
  return new Map(
    (list ?? []).map(
      (s) =>
        [
          s.metadata.name,
          { ips: (s.endpoints ?? []).flatMap((e) => e.addresses).sort(), labels: s.metadata.labels ?? {} },
        ] as const,
    ),
  );
}

/** The addresses of the slices a member holds for `service` copied from `provider`, sorted. */
export async function copiedIps(ctx: string, ns: string, service: string, provider: string): Promise<string[]> {
  const slices = await slicesOf(ctx, ns, service);
  return [...slices.values()]
    .filter((s) => s.labels['flotilla.io/provider-cluster'] === provider)
    .flatMap((s) => s.ips)
    .sort();
}

/** Applies YAML to a member with kubectl (objects flotilla must not touch, the CRDs a member needs). */
export async function kubectlApply(ctx: string, yaml: string): Promise<void> {
  const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-mcs-'));
  try {
    writeFileSync(path.join(dir, 'o.yaml'), yaml);
    await kubectl(ctx, 'apply', '-f', path.join(dir, 'o.yaml'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
