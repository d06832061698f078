/** `flotilla clusters`: each member's readiness, Kubernetes version and capacity, as Karmada's Cluster status. */
import { clusterApiVersion, type Cluster } from '../../api/index.ts';
import { availableResources } from '../../cluster/capacity.ts';
import { fleetClusters } from '../../cluster/fleet-revision.ts';
import { observeClusters } from '../../cluster/observe.ts';
import { defineCommand } from '../command.ts';
import { flag } from '../flags.ts';
import { exitInvalid, exitOk } from '../io.ts';
import { loadRevision } from '../load-revision.ts';
import { formatTable, toJsonText, toYamlText } from '../output.ts';
import { membersFrom } from '../member-credentials.ts';
import { memberAccessFlags, outputFlags, revisionFlags } from '../shared-flags.ts';

/** `flotilla clusters`: the command definition (K1). */
export const clustersCommand = defineCommand({
  name: 'clusters',
  summary: 'Observe the member clusters: Ready, Kubernetes version, served APIs and capacity',
  maxPositionals: 0,
  flags: {
    repo: flag.string('DIR', "fleet repo whose Clusters to observe (default: the kubeconfig's contexts)"),
    ref: revisionFlags.ref,
    ...memberAccessFlags('30s'),
    ...outputFlags(['json', 'yaml', 'table', 'wide', 'name']),
  },
  about: `Observe member clusters as Karmada's cluster status controller does.

Usage: flotilla clusters --kubeconfig FILE [--repo DIR] [--context-map CLUSTER=CONTEXT,...] [-o json|yaml|table|wide|name]

For every Cluster of the fleet repo (with --repo), or every context of the kubeconfig, reads
/readyz, /version, the served APIs, and Nodes and Pods, and prints the Cluster with its
observed status: conditions Ready and CompleteAPIEnablements, kubernetesVersion,
apiEnablements, nodeSummary and resourceSummary {allocatable, allocating, allocated}.
This is the status \`flotilla apply\` plans with. Writes nothing.`,
  footer: `Output (-o json): {"clusters": [Cluster...]} with status filled in, sorted by name.

Exit status:
  0  every cluster is Ready
  1  a cluster is unreachable or not ready
  2  usage error, or the repo or kubeconfig could not be read

Examples:
  # Readiness and free capacity of every context of a kubeconfig
  flotilla clusters --kubeconfig ~/.kube/fleet.yaml

  # Names only, one per line, for a shell loop; or the wide table with provider, region and zones
  flotilla clusters --repo . --kubeconfig kc.yaml -o name
  flotilla clusters --repo . --kubeconfig kc.yaml -o wide --no-headers

  # The example fleet's Clusters with observed status, as the scheduler will see them
  flotilla clusters --repo examples/fleet-repo --kubeconfig kc.yaml -o json | jq '.clusters[].status.resourceSummary'
`,
  async run(values, _positionals, io) {
    const output = values.output;
    const { limits, credentials } = membersFrom(values, io.env);
    const repo = values.repo;
    const declared: Cluster[] = repo
      ? fleetClusters((await loadRevision(repo, values.ref, io.cwd)).fleet)
      : (credentials.kubeconfig?.contexts ?? []).map((c) => ({
          apiVersion: clusterApiVersion,
          kind: 'Cluster',
          metadata: { name: c.name },
        }));
    const { clusters } = await observeClusters(declared, {
      credentials,
      ...limits,
      concurrency: 8,
      now: new Date().toISOString(),
    });
    const sorted = clusters.toSorted((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    if (output === 'json') io.stdout(toJsonText({ clusters: sorted }));
    else if (output === 'yaml') io.stdout(toYamlText({ clusters: sorted }));
    else if (output === 'name') io.stdout(sorted.map((c) => `cluster/${c.metadata.name ?? ''}\n`).join(''));
    else io.stdout(clustersTable(sorted, values['no-headers'], output === 'wide'));
    return sorted.every(isReady) ? exitOk : exitInvalid;
  },
});

function isReady(c: Cluster): boolean {
  return c.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false;
}

/** NAME, READY, VERSION, NODES, free/allocatable cpu, memory and pods, MESSAGE; -o wide adds PROVIDER, REGION, ZONES. */
function clustersTable(clusters: readonly Cluster[], noHeader: boolean, wide: boolean): string {
  const rows = clusters.map((c) => {
    const ready = c.status?.conditions?.find((x) => x.type === 'Ready');
    const summary = c.status?.resourceSummary ?? {};
    const free = availableResources(summary);
    const of = (name: string) =>
      summary.allocatable?.[name] !== undefined ? `${free[name] ?? '0'}/${summary.allocatable[name]}` : '-';
    const nodes = c.status?.nodeSummary
      ? `${c.status.nodeSummary.readyNum ?? 0}/${c.status.nodeSummary.totalNum ?? 0}`
      : '-';
    const row = [
      c.metadata.name ?? '',
      ready?.status ?? 'Unknown',
      c.status?.kubernetesVersion ?? '-',
      nodes,
      of('cpu'),
      of('memory'),
      of('pods'),
    ];
    const where = wide ? [c.spec?.provider || '-', c.spec?.region || '-', (c.spec?.zones ?? []).join(',') || '-'] : [];
    return [...row, ...where, ready?.status === 'True' ? '' : (ready?.message ?? '')];
  });
  const header = [
    'NAME',
    'READY',
    'VERSION',
    'NODES',
    'CPU(FREE/ALLOC)',
    'MEMORY(FREE/ALLOC)',
    'PODS(FREE/ALLOC)',
    ...(wide ? ['PROVIDER', 'REGION', 'ZONES'] : []),
    'MESSAGE',
  ];
  return formatTable(header, rows, noHeader);
}
