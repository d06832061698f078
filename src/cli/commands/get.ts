/** `flotilla get`: one kind's live objects across every member, with a CLUSTER column and flotilla's ownership (like karmadactl get). */
import { clusterApiVersion, UsageError, type Cluster } from '../../api/index.ts';
import { fleetClusters } from '../../cluster/fleet-revision.ts';
import { loadRevision } from '../load-revision.ts';
import { getFromMembers } from '../../cluster/get-objects.ts';
import { countFound, getItems, getNames, getTable } from '../get-output.ts';
import { defineCommand } from '../command.ts';
import { flag } from '../flags.ts';
import { exitInvalid, exitOk } from '../io.ts';
import { parseKindName } from '../kind-name.ts';
import { toJsonText, toYamlText } from '../output.ts';
import { membersFrom } from '../member-credentials.ts';
import { memberAccessFlags, outputFlags } from '../shared-flags.ts';

/** `flotilla get`: the command definition (K1). */
export const getCommand = defineCommand({
  name: 'get',
  summary: 'List live objects of a kind across the member clusters, with the cluster and flotilla binding of each',
  maxPositionals: 2,
  flags: {
    namespace: flag.string('NS', 'namespace (default: default)', { short: 'n' }),
    'all-namespaces': flag.boolean('every namespace, with a NAMESPACE column', { short: 'A' }),
    selector: flag.string('SELECTOR', 'label selector: app=web, tier in (a,b), !canary', { short: 'l' }),
    clusters: flag.list('LIST', 'only these members, comma-separated'),
    repo: flag.string('DIR', "fleet repo whose Clusters to read (default: the kubeconfig's contexts)"),
    ref: flag.string('REF', 'the Clusters of this git revision of DIR'),
    ...memberAccessFlags('30s'),
    ...outputFlags(['table', 'wide', 'name', 'json', 'yaml']),
  },
  about: `List live objects across the member clusters, as karmadactl get does.

Usage: flotilla get KIND [NAME] [-n NAMESPACE | -A] [-l SELECTOR] [--clusters a,b] [--repo DIR]
                    [--kubeconfig FILE] [-o table|wide|name|json|yaml]

Reads every member at once and prints the columns the API server prints for kubectl (READY,
UP-TO-DATE, AGE, ...) with CLUSTER first and flotilla's BINDING and REVISION last: the binding
that owns the object and the source revision flotilla last applied there (from the member's
inventory), or "-" for objects flotilla does not manage. -o wide adds the server's extra columns.
Members come from the Clusters of --repo, or else every context of the kubeconfig. A member that
cannot be read is named on stderr and the others are still listed. KIND is any form kubectl
accepts (deploy, deployments, Deployment, deployment.apps); KIND/NAME works too. Writes nothing.
`,
  footer: `Output (-o json): {"items": [{cluster, binding, revision, object}]}, members sorted by name.

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
    const output = values.output;
    const target =
      positionals.length === 1 && !positionals[0]?.includes('/')
        ? { kind: positionals[0] ?? '', name: undefined }
        : parseKindName(positionals, 'get');
    if (!target.kind) throw new UsageError('expected KIND [NAME], e.g. flotilla get deployments -n shop');
    const allNamespaces = values['all-namespaces'];
    const namespace = values.namespace;
    if (allNamespaces && namespace !== undefined) throw new UsageError('-n and -A cannot be used together');
    if (allNamespaces && target.name !== undefined)
      throw new UsageError('a NAME cannot be combined with -A: give the namespace with -n');
    const { limits, credentials } = membersFrom(values, io.env);
    const all: Cluster[] = values.repo
      ? fleetClusters((await loadRevision(values.repo, values.ref, io.cwd)).fleet)
      : (credentials.kubeconfig?.contexts ?? []).map((c) => ({
          apiVersion: clusterApiVersion,
          kind: 'Cluster',
          metadata: { name: c.name },
        }));
    const clusters = selectClusters(all, values.clusters.length ? values.clusters : undefined);
    const shape = output === 'json' || output === 'yaml' ? 'objects' : 'table';
    const results = await getFromMembers(
      clusters,
      {
        typed: target.kind,
        name: target.name,
        namespace: allNamespaces ? '' : (namespace ?? 'default'),
        labelSelector: values.selector,
        shape,
      },
      { ...limits, credentials, concurrency: 8 },
    );
    for (const r of results)
      if (r.kind === 'failed') io.stderr(`${r.unreachable ? 'unreachable' : 'error'}: ${r.reason}\n`);
    if (output === 'json') io.stdout(toJsonText(getItems(results)));
    else if (output === 'yaml') io.stdout(toYamlText(getItems(results)));
    else if (output === 'name') io.stdout(getNames(results));
    else io.stdout(getTable(results, { wide: output === 'wide', allNamespaces, noHeaders: values['no-headers'] }));
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
});

/** The clusters --clusters names (all when absent); a UsageError for a name that is not a member. */
function selectClusters(all: readonly Cluster[], names: readonly string[] | undefined): Cluster[] {
  if (names === undefined) return [...all];
  const unknown = names.filter((n) => !all.some((c) => c.metadata.name === n));
  if (unknown.length)
    throw new UsageError(
      `--clusters: no such cluster: ${unknown.join(', ')} (known: ${all.map((c) => c.metadata.name ?? '').join(', ')})`,
    );
  return all.filter((c) => names.includes(c.metadata.name ?? ''));
}
