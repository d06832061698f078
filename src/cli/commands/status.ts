/** `flotilla status`: where each binding runs, its members' status and health, and the aggregate. */
import { compareStrings, formatDiagnostic, type JsonObject } from '../../api/index.ts';
import type { BindingStatus } from '../../cluster/binding-status.ts';
import { fleetClusters, planObserved, planUnobserved } from '../../cluster/fleet-revision.ts';
import { observeBindings } from '../../cluster/observe-bindings.ts';
import { createInterpreter } from '../../interpreter/index.ts';
import { findGitDir, localStore, openLocal } from '../../git/index.ts';
import {
  createStatusReader,
  formatStatusFileProblem,
  type RecordedFailover,
  type StatusFileProblem,
} from '../../writeback/index.ts';
import path from 'node:path';
import { defineCommand } from '../command.ts';
import { flag } from '../flags.ts';
import { exitInvalid, exitOk } from '../io.ts';
import { loadRevision } from '../load-revision.ts';
import { abbreviateList, formatTable, toJsonText, toYamlText } from '../output.ts';
import { paletteFor, plain, type Palette } from '../colour.ts';
import { objectName, selectPlan, templateLabels } from '../select-plan.ts';
import { selectionFrom, selectsAll } from '../selection.ts';
import { membersFrom } from '../member-credentials.ts';
import { memberAccessFlags, outputFlags, revisionFlags, selectionFlags } from '../shared-flags.ts';
import { observeServices, servicesTable } from '../service-status.ts';
import { rebalancerReports, rebalancersTable } from '../rebalancer-status.ts';
import { autoscalersTable, readAutoscalerStatus } from '../autoscaler-status.ts';
import { withRecordedReplicas } from '../recorded-replicas.ts';

/** `flotilla status`: the command definition (K1). */
export const statusCommand = defineCommand({
  name: 'status',
  summary: 'Per binding: the clusters it runs on, ready replicas, health and aggregated status',
  maxPositionals: 0,
  flags: {
    ...revisionFlags,
    ...memberAccessFlags('30s'),
    observe: flag.boolean(
      'observe the members and plan with their status (false: plan from the Cluster status in git)',
      { default: true },
    ),
    ...selectionFlags,
    ...outputFlags(['json', 'yaml', 'table', 'wide', 'name']),
  },
  about: `Show what the members report for each binding of a revision.

Usage: flotilla status --repo DIR --kubeconfig FILE [--context-map CLUSTER=CONTEXT,...] [-n NS | -A] [-l SELECTOR]
                       [-o json|yaml|table|wide|name]

Plans the revision as \`flotilla apply\` does, reads every planned object from its member,
and reports per binding: each cluster's reflected status, whether the object is applied
(present and carrying this binding's flotilla.io/binding), its health (the resource
interpreter's InterpretHealth, Lua customisations included), the template's aggregated
status (AggregateStatus) and the conditions Applied and Healthy. A member that cannot be read is
named once on stderr, and the bindings placed there show APPLIED and HEALTH Unknown (not False or
Unhealthy: nothing is known to be wrong with the workload). Writes nothing. -n and -l
choose the bindings whose templates are read from the members (the whole revision is planned);
the table lists a binding's first clusters and their count, -o wide all of them.

With exported services (ServiceExport/ServiceImport, MultiClusterService), a second table
shows each one's provider clusters with ready/all endpoints (read live from the providers)
and its consumers.

With WorkloadRebalancers (the revision's, or recorded on the status branch's rebalancers/), a
table shows each one's phase (Pending: not recorded yet; Running: a workload has no result yet;
Finished) and its workloads' results, Successful or Failed with Karmada's reason. With
FederatedHPAs or CronFederatedHPAs, a table shows each one's current and desired replicas,
metric values and last scale time (cron rules: last and next execution), as the status branch
records them; the plan uses the recorded replicas. A status file broken by hand is named on
stderr with its line.`,
  footer: `Output (-o json): {"revision", "bindings": [{resource, binding, clusters: [{clusterName,
status, applied, health, unreachable?}], aggregatedStatus, conditions}], "services"?: [{source, namespace,
name, providers: [{cluster, reachable, endpoints, ready} | {cluster, reachable: false,
pastGrace}], consumers}], "rebalancers"?: [{name, phase, observedWorkloads: [{workload, result?,
reason?}], finishTime?}], "autoscalers"?: [{kind, namespace, name, target, minReplicas, maxReplicas,
currentReplicas, desiredReplicas, metrics, lastScaleTime, rules?}]}.

Exit status:
  0  every binding is applied and healthy on all its clusters
  1  a binding is not applied or not healthy somewhere, a member could not be read, or the
     revision is invalid
  2  usage error, or the repo or kubeconfig could not be read

Examples:
  # Ready replicas and health of the example fleet's workloads
  flotilla status --repo examples/fleet-repo --kubeconfig ~/.kube/fleet.yaml

  # Only the shop namespace's web tier, one kind.group/name per line
  flotilla status --repo . --kubeconfig kc.yaml -n shop -l tier=web -o name

  # Wait until everything is healthy
  until flotilla status --repo . --kubeconfig kc.yaml -o json > /dev/null; do sleep 5; done
`,
  async run(values, _positionals, io) {
    const output = values.output;
    const selection = selectionFrom(values);
    const { limits, credentials } = membersFrom(values, io.env);
    const loaded = await withRecordedReplicas(await loadRevision(values.repo, values.ref, io.cwd), values.repo, io.cwd);
    const valid = !loaded.diagnostics.some((d) => d.severity === 'error');
    const { plan: whole, clusters } =
      values.observe && valid
        ? await planObserved(loaded, {
            credentials,
            ...limits,
            concurrency: 8,
            now: new Date().toISOString(),
            previousFromMembers: true,
          })
        : { plan: planUnobserved(loaded), clusters: fleetClusters(loaded.fleet) };
    const plan = selectsAll(selection) ? whole : selectPlan(whole, selection, templateLabels(loaded.fleet));
    if (plan.errors.length) {
      for (const d of plan.errors) io.stderr(`${formatDiagnostic(d)}\n`);
      return exitInvalid;
    }
    const interpreter = createInterpreter(loaded.fleet.customizations);
    const bindings = await observeBindings(
      { revision: plan.revision, works: plan.works, clusters },
      { credentials, ...limits, concurrency: 8, interpreter },
    );
    for (const p of clusterProblems(bindings)) io.stderr(`warning: ${p}; its bindings show Unknown, not Unhealthy\n`);
    const dir = path.resolve(io.cwd, values.repo);
    const memory = await statusMemory(dir, loaded.fleet.settings.statusBranch, (p) =>
      io.stderr(`warning: ${formatStatusFileProblem(p)}\n`),
    );
    const remembered = memory.clusters;
    const rebalancers = rebalancerReports(
      (loaded.fleet.rebalancers ?? []).map((r) => r.object.metadata.name ?? ''),
      memory.rebalancers ?? new Map(),
    );
    const services = await observeServices(
      loaded,
      plan,
      clusters,
      new Map(remembered.map((c) => [c.cluster, c.taints] as const)),
      { credentials, ...limits, concurrency: 8 },
    );
    const autoscalers = await readAutoscalerStatus(dir, loaded.fleet);
    const report = {
      revision: plan.revision,
      bindings,
      ...(services.length ? { services } : {}),
      ...(rebalancers.length ? { rebalancers } : {}),
      ...(autoscalers.length ? { autoscalers } : {}),
    };
    for (const c of remembered.flatMap((r) =>
      r.removedSince ? [{ cluster: r.cluster, since: r.removedSince }] : [],
    )) {
      io.stderr(
        `warning: cluster ${c.cluster} was removed from the fleet repo (first missed ${c.since}): flotilla no longer applies to, observes or prunes it, and its objects stay on the member; see clusters/${c.cluster}.yaml on ${loaded.fleet.settings.statusBranch} for how to clean up\n`,
      );
    }
    if (output === 'json') io.stdout(toJsonText(report));
    else if (output === 'yaml') io.stdout(toYamlText(report));
    else if (output === 'name') io.stdout(bindings.map((b) => `${objectName(b.resource)}\n`).join(''));
    else
      io.stdout(
        statusTable(bindings, values['no-headers'], output === 'wide', paletteFor(io.tty?.stdout, io.env)) +
          (services.length ? `\n${servicesTable(services, values['no-headers'])}` : '') +
          (rebalancers.length ? `\n${rebalancersTable(rebalancers, values['no-headers'])}` : '') +
          (autoscalers.length ? `\n${autoscalersTable(autoscalers, values['no-headers'])}` : ''),
      );
    const good = bindings.every((b) => b.conditions.every((c) => c.status === 'True'));
    return good ? exitOk : exitInvalid;
  },
});

/** One row per binding; CLUSTERS lists the first few members and their count, all of them with -o wide (which adds BINDING). */
function statusTable(bindings: readonly BindingStatus[], noHeader: boolean, wide: boolean, p: Palette = plain): string {
  const rows = bindings.map((b) => {
    const clusters = abbreviateList(
      b.clusters.map((c) => `${c.clusterName}${replicas(c.status)}`),
      wide,
    );
    const healthy = b.conditions.find((c) => c.type === 'Healthy');
    const applied = b.conditions.find((c) => c.type === 'Applied');
    return [
      b.resource.namespace ?? '',
      `${b.resource.kind}/${b.resource.name}`,
      ...(wide ? [b.binding] : []),
      clusters,
      replicas(b.aggregatedStatus).replace(/^:/, '') || '-',
      applied?.status ?? 'Unknown',
      healthLabel(healthy?.status),
      applied?.status === 'True'
        ? healthy?.status === 'True'
          ? ''
          : (healthy?.message ?? '')
        : (applied?.message ?? ''),
    ];
  });
  const header = [
    'NAMESPACE',
    'RESOURCE',
    ...(wide ? ['BINDING'] : []),
    'CLUSTERS',
    'READY',
    'APPLIED',
    'HEALTH',
    'MESSAGE',
  ];
  return formatTable(header, rows, noHeader, (text, column) =>
    column === 'HEALTH' || column === 'APPLIED'
      ? text === 'Healthy' || text === 'True'
        ? p.green(text)
        : text === 'Unknown'
          ? text
          : p.red(text)
      : text,
  );
}

function healthLabel(status: string | undefined): string {
  return status === 'True' ? 'Healthy' : status === 'False' ? 'Unhealthy' : 'Unknown';
}

/** One line per member that could not be read (its first reason), sorted by cluster: said once, not in every binding. */
export function clusterProblems(bindings: readonly BindingStatus[]): string[] {
  const byCluster = new Map<string, string>();
  for (const b of bindings)
    for (const c of b.clusters)
      if (c.unreachable && !byCluster.has(c.clusterName))
        byCluster.set(c.clusterName, c.appliedMessage ?? `cluster ${c.clusterName} is unreachable`);
  return [...byCluster.keys()].sort(compareStrings).map((k) => byCluster.get(k) ?? '');
}

/** `:ready/replicas` when the status has them (Deployments, StatefulSets, ...). */
function replicas(status: JsonObject | null): string {
  if (!status) return '';
  const ready = status['readyReplicas'] ?? 0;
  const want = status['replicas'];
  return typeof want === 'number' ? `:${String(ready)}/${want}` : '';
}

/**
 * What the status branch of the git repository at `dir` remembers: clusters (removal, controller
 * taints) and rebalancers (none when `dir` is not a repository or has no status branch).
 */
async function statusMemory(
  dir: string,
  branch: string,
  onProblem: (p: StatusFileProblem) => void,
): Promise<RecordedFailover> {
  const gitdir = await findGitDir(dir);
  if (!gitdir) return { clusters: [], bindings: [] };
  const reader = createStatusReader(localStore(openLocal(gitdir), dir), { onProblem });
  return reader.failoverState((await reader.record(branch)).tip);
}
