/** `flotilla clusters`: each member's readiness, Kubernetes version and capacity, as Karmada's Cluster status. */
import { clusterApiVersion, type Cluster } from '../../api/index.ts';
import { availableResources } from '../../cluster/capacity.ts';
import { fleetClusters } from '../../cluster/fleet-revision.ts';
import { credentialsFrom, limitsFrom } from '../../cluster/member-access.ts';
import { observeClusters } from '../../cluster/observe.ts';
import { exitInvalid, exitOk, type Command } from '../io.ts';
import { loadRevision, stringFlag } from '../load-revision.ts';
import { formatTable, toJsonText, toOutputFormat, toYamlText } from '../output.ts';

export const clustersCommand: Command = {
  name: 'clusters',
  summary: 'Observe the member clusters: Ready, Kubernetes version, served APIs and capacity',
  maxPositionals: 0,
  options: {
    repo: { type: 'string' },
    ref: { type: 'string' },
    kubeconfig: { type: 'string' },
    'context-map': { type: 'string' },
    'hub-context': { type: 'string' },
    timeout: { type: 'string', default: '30s' },
    output: { type: 'string', short: 'o', default: 'table' },
    'no-header': { type: 'boolean', default: false },
  },
  help: `Observe member clusters as Karmada's cluster status controller does.

Usage: flotilla clusters --kubeconfig FILE [--repo DIR] [--context-map CLUSTER=CONTEXT,...] [-o json|yaml|table]

For every Cluster of the fleet repo (with --repo), or every context of the kubeconfig, reads
/readyz, /version, the served APIs, and Nodes and Pods, and prints the Cluster with its
observed status: conditions Ready and CompleteAPIEnablements, kubernetesVersion,
apiEnablements, nodeSummary and resourceSummary {allocatable, allocating, allocated}.
This is the status \`flotilla apply\` plans with. Writes nothing.

Options:
      --repo DIR              fleet repo whose Clusters to observe (default: the kubeconfig's contexts)
      --ref REF               read the Clusters of this git ref of DIR
      --kubeconfig FILE       kubeconfig (default: $KUBECONFIG)
      --context-map LIST      CLUSTER=CONTEXT pairs, comma-separated, when names differ
      --hub-context NAME      kubeconfig context of the hub holding the clusters' Secrets
      --timeout DURATION      limit per cluster (default: 30s)
  -o, --output FORMAT         json | yaml | table (default: table)
      --no-header             table without its header line

Output (-o json): {"clusters": [Cluster...]} with status filled in, sorted by name.

Exit status:
  0  every cluster is Ready
  1  a cluster is unreachable or not ready
  2  usage error, or the repo or kubeconfig could not be read

Examples:
  # Readiness and free capacity of every context of a kubeconfig
  flotilla clusters --kubeconfig ~/.kube/fleet.yaml

  # The example fleet's Clusters with observed status, as the scheduler will see them
  flotilla clusters --repo examples/fleet-repo --kubeconfig kc.yaml -o json | jq '.clusters[].status.resourceSummary'
`,
  async run(values, _positionals, io) {
    const output = toOutputFormat(values['output']);
    const flags = { kubeconfig: stringFlag(values['kubeconfig']), contextMap: stringFlag(values['context-map']), hubContext: stringFlag(values['hub-context']), timeout: stringFlag(values['timeout']) };
    const limits = limitsFrom(flags);
    const credentials = credentialsFrom(flags, io.env, limits);
    const repo = stringFlag(values['repo']);
    const declared: Cluster[] = repo
      ? fleetClusters((await loadRevision(repo, stringFlag(values['ref']), io.cwd)).fleet)
      : (credentials.kubeconfig?.contexts ?? []).map((c) => ({ apiVersion: clusterApiVersion, kind: 'Cluster', metadata: { name: c.name } }));
    const { clusters } = await observeClusters(declared, { credentials, ...limits, concurrency: 8, now: new Date().toISOString() });
    const sorted = clusters.toSorted((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    if (output === 'json') io.stdout(toJsonText({ clusters: sorted }));
    else if (output === 'yaml') io.stdout(toYamlText({ clusters: sorted }));
    else io.stdout(clustersTable(sorted, values['no-header'] === true));
    return sorted.every(isReady) ? exitOk : exitInvalid;
  },
};

function isReady(c: Cluster): boolean {
  return c.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false;
}

function clustersTable(clusters: readonly Cluster[], noHeader: boolean): string {
  const rows = clusters.map((c) => {
    const ready = c.status?.conditions?.find((x) => x.type === 'Ready');
    const summary = c.status?.resourceSummary ?? {};
    const free = availableResources(summary);
    const of = (name: string) => (summary.allocatable?.[name] !== undefined ? `${free[name] ?? '0'}/${summary.allocatable[name]}` : '-');
    const nodes = c.status?.nodeSummary ? `${c.status.nodeSummary.readyNum ?? 0}/${c.status.nodeSummary.totalNum ?? 0}` : '-';
    return [c.metadata.name ?? '', ready?.status ?? 'Unknown', c.status?.kubernetesVersion ?? '-', nodes, of('cpu'), of('memory'), of('pods'), ready?.status === 'True' ? '' : ready?.message ?? ''];
  });
  return formatTable(['NAME', 'READY', 'VERSION', 'NODES', 'CPU(FREE/ALLOC)', 'MEMORY(FREE/ALLOC)', 'PODS(FREE/ALLOC)', 'MESSAGE'], rows, noHeader);
}
