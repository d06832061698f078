/** `flotilla get`: one kind's live objects across every member, with a CLUSTER column and flotilla's ownership (like karmadactl get). */
import { clusterApiVersion, UsageError, type Cluster } from '../../api/index.ts';
import { fleetClusters } from '../../cluster/fleet-revision.ts';
import { getFromMembers } from '../../cluster/get-objects.ts';
import { credentialsFrom, limitsFrom } from '../../cluster/member-access.ts';
import { countFound, getItems, getNames, getTable } from '../get-output.ts';
import { exitInvalid, exitOk, type Command } from '../io.ts';
import { parseKindName } from '../kind-name.ts';
import { loadRevision, stringFlag } from '../load-revision.ts';
import { toJsonText, toYamlText } from '../output.ts';

const getFormats = ['table', 'wide', 'name', 'json', 'yaml'] as const;

/** `flotilla get`: the command definition (K1). */
export const getCommand: Command = {
  name: 'get',
  summary: 'List live objects of a kind across the member clusters, with the cluster and flotilla binding of each',
  maxPositionals: 2,
  options: {
    namespace: { type: 'string', short: 'n' },
    'all-namespaces': { type: 'boolean', short: 'A', default: false },
    selector: { type: 'string', short: 'l' },
    clusters: { type: 'string' },
    repo: { type: 'string' },
    ref: { type: 'string' },
    kubeconfig: { type: 'string' },
    'context-map': { type: 'string' },
    'hub-context': { type: 'string' },
    timeout: { type: 'string', default: '30s' },
    output: { type: 'string', short: 'o', default: 'table' },
    'no-headers': { type: 'boolean', default: false },
    'no-header': { type: 'boolean', default: false },
  },
  help: `List live objects across the member clusters, as karmadactl get does.

Usage: flotilla get KIND [NAME] [-n NAMESPACE | -A] [-l SELECTOR] [--clusters a,b] [--repo DIR]
                    [--kubeconfig FILE] [-o table|wide|name|json|yaml]

Reads every member at once and prints the columns the API server prints for kubectl (READY,
UP-TO-DATE, AGE, ...) with CLUSTER first and flotilla's BINDING and REVISION last: the binding
that owns the object and the source revision flotilla last applied there (from the member's
inventory), or "-" for objects flotilla does not manage. -o wide adds the server's extra columns.
Members come from the Clusters of --repo, or else every context of the kubeconfig. A member that
cannot be read is named on stderr and the others are still listed. KIND is any form kubectl
accepts (deploy, deployments, Deployment, deployment.apps); KIND/NAME works too. Writes nothing.

Options:
  -n, --namespace NS          namespace (default: default)
  -A, --all-namespaces        every namespace, with a NAMESPACE column
  -l, --selector SELECTOR     label selector (app=web, tier in (a,b), !canary)
      --clusters LIST         only these members, comma-separated
      --repo DIR              fleet repo whose Clusters to read (default: the kubeconfig's contexts)
      --ref REF               the Clusters of this git ref of DIR
      --kubeconfig FILE       kubeconfig (default: $KUBECONFIG)
      --context-map LIST      CLUSTER=CONTEXT pairs, comma-separated, when names differ
      --hub-context NAME      kubeconfig context of the hub holding the clusters' Secrets
      --timeout DURATION      limit per cluster (default: 30s)
  -o, --output FORMAT         table | wide | name ("CLUSTER kind.group/name" lines) | json | yaml
      --no-headers            table without its header line (--no-header is an alias)

Output (-o json): {"items": [{cluster, binding, revision, object}]}, members sorted by name.

Exit status:
  0  every member was read (finding nothing is not an error)
  1  a member could not be read, or NAME was found on none of them
  2  usage error

Examples:
  # The web Deployment on every member of the fleet
  flotilla get deployment web -n shop --repo fleet --kubeconfig kc.yaml

  # Every Pod of app=web in all namespaces of two members, with nodes and IPs
  flotilla get pods -A -l app=web --clusters eu-1,us-1 -o wide

  # Loop over what was found with kubectl
  flotilla get deploy -n shop -o name | while read c o; do kubectl --context "$c" rollout status "$o" -n shop; done
`,
  async run(values, positionals, io) {
    const output = getFormats.find((f) => f === String(values['output']));
    if (!output)
      throw new UsageError(`--output must be one of: ${getFormats.join(', ')} (got "${String(values['output'])}")`);
    const target =
      positionals.length === 1 && !positionals[0]?.includes('/')
        ? { kind: positionals[0] ?? '', name: undefined }
        : parseKindName(positionals, 'get');
    if (!target.kind) throw new UsageError('expected KIND [NAME], e.g. flotilla get deployments -n shop');
    const allNamespaces = values['all-namespaces'] === true;
    const namespace = stringFlag(values['namespace']);
    if (allNamespaces && namespace !== undefined) throw new UsageError('-n and -A cannot be used together');
    if (allNamespaces && target.name !== undefined)
      throw new UsageError('a NAME cannot be combined with -A: give the namespace with -n');
    const flags = {
      kubeconfig: stringFlag(values['kubeconfig']),
      contextMap: stringFlag(values['context-map']),
      hubContext: stringFlag(values['hub-context']),
      timeout: stringFlag(values['timeout']),
    };
    const limits = limitsFrom(flags);
    const credentials = credentialsFrom(flags, io.env, limits);
    const repo = stringFlag(values['repo']);
    const all: Cluster[] = repo
      ? fleetClusters((await loadRevision(repo, stringFlag(values['ref']), io.cwd)).fleet)
      : (credentials.kubeconfig?.contexts ?? []).map((c) => ({
          apiVersion: clusterApiVersion,
          kind: 'Cluster',
          metadata: { name: c.name },
        }));
    const clusters = selectClusters(all, stringFlag(values['clusters']));
    const shape = output === 'json' || output === 'yaml' ? 'objects' : 'table';
    const results = await getFromMembers(
      clusters,
      {
        typed: target.kind,
        name: target.name,
        namespace: allNamespaces ? '' : (namespace ?? 'default'),
        labelSelector: stringFlag(values['selector']),
        shape,
      },
      { ...limits, credentials, concurrency: 8 },
    );
    for (const r of results)
      if (r.kind === 'failed') io.stderr(`${r.unreachable ? 'unreachable' : 'error'}: ${r.reason}\n`);
    if (output === 'json') io.stdout(toJsonText(getItems(results)));
    else if (output === 'yaml') io.stdout(toYamlText(getItems(results)));
    else if (output === 'name') io.stdout(getNames(results));
    else
      io.stdout(
        getTable(results, {
          wide: output === 'wide',
          allNamespaces,
          noHeaders: values['no-headers'] === true || values['no-header'] === true,
        }),
      );
    const found = countFound(results);
    if (found === 0 && target.name === undefined && results.some((r) => r.kind === 'read'))
      io.stderr(
        `No resources found${allNamespaces ? '' : ` in ${namespace ?? 'default'} namespace`} on ${results.filter((r) => r.kind === 'read').length} cluster(s).\n`,
      );
    if (found === 0 && target.name !== undefined)
      io.stderr(`${target.kind} "${target.name}" not found on any of ${clusters.length} cluster(s)\n`);
    return results.some((r) => r.kind === 'failed') || (found === 0 && target.name !== undefined)
      ? exitInvalid
      : exitOk;
  },
};

/** The clusters --clusters names (all when absent); a UsageError for a name that is not a member. */
function selectClusters(all: readonly Cluster[], list: string | undefined): Cluster[] {
  if (list === undefined) return [...all];
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = names.filter((n) => !all.some((c) => c.metadata.name === n));
  if (unknown.length)
    throw new UsageError(
      `--clusters: no such cluster: ${unknown.join(', ')} (known: ${all.map((c) => c.metadata.name ?? '').join(', ')})`,
    );
  return all.filter((c) => names.includes(c.metadata.name ?? ''));
}
