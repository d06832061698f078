/** `flotilla apply`: server-side apply of a revision's plan to the member clusters, with pruning. */
import { formatDiagnostic, resourceKey, type KubeObject } from '../../api/index.ts';
import { applyFleet, type FleetApplyResult } from '../../cluster/apply-fleet.ts';
import { fleetClusters, planObserved, planUnobserved } from '../../cluster/fleet-revision.ts';
import { apiVersionOf } from '../../cluster/object-id.ts';
import type { ObjectResult } from '../../cluster/outcome.ts';
import { createInterpreter } from '../../interpreter/index.ts';
import { defineCommand } from '../command.ts';
import { pruneGuardFlags, pruneGuardFrom } from '../controller-options.ts';
import { flag } from '../flags.ts';
import { exitInvalid, exitOk } from '../io.ts';
import { loadRevision } from '../load-revision.ts';
import { applyTable } from '../apply-table.ts';
import { withRecordedRollouts } from '../apply-rollouts.ts';
import { toJsonText, toYamlText } from '../output.ts';
import { membersFrom } from '../member-credentials.ts';
import { memberAccessFlags, outputFlags, revisionFlags } from '../shared-flags.ts';

/** `flotilla apply`: the command definition (K1). */
export const applyCommand = defineCommand({
  name: 'apply',
  summary: 'Apply a revision to the member clusters with server-side apply; prune what flotilla owns and dropped',
  maxPositionals: 0,
  flags: {
    ...revisionFlags,
    ...memberAccessFlags('2m'),
    'dry-run': flag.oneOf(
      ['none', 'server'],
      'server: server-side dry-run, report what would change and write nothing',
      { default: 'none' },
    ),
    prune: flag.boolean('delete what flotilla owns and the plan dropped (false: they stay in the inventory)', {
      default: true,
    }),
    'force-conflicts': flag.boolean('take over fields another field manager owns'),
    ...pruneGuardFlags,
    observe: flag.boolean(
      'observe the members and plan with their status (false: plan from the Cluster status in git)',
      { default: true },
    ),
    ...outputFlags(['json', 'yaml', 'table', 'wide']),
  },
  about: `Apply one revision of a fleet repo to its member clusters.

Usage: flotilla apply --repo DIR --kubeconfig FILE [--context-map CLUSTER=CONTEXT,...]
                      [--dry-run=server] [--prune=false] [--force-conflicts] [-o json|yaml|table|wide]

Reads the repo (working tree, or --ref), observes every Cluster it declares (readiness,
version, served APIs, capacity from Nodes and Pods), reads the previous placement back from the
members (the replicas their objects have, and the placement record kept with each member's
inventory), so that an unchanged workload keeps its replicas where they are, plans with that
status, and applies each cluster's manifests with server-side apply (field manager "flotilla"):
CRDs and Namespaces first and waited on, then the rest in kind order. Every object of a stage
is dry-run first; if one fails, nothing of that stage is applied. Objects changed by hand are
re-applied and reported as drift. Then it deletes what the cluster's inventory (ConfigMap
flotilla-system/flotilla-inventory on the member) holds and the plan dropped, if the live
object is still labelled app.kubernetes.io/managed-by=flotilla and has no flotilla.io/prune:
disabled annotation. An invalid revision applies and prunes nothing. An unreachable cluster is
reported and never pruned; the other clusters are still applied. A revision that would delete
everything flotilla owns on a cluster and leave it empty (objects it places nowhere else in the
fleet), or more than --max-prune-share of it, is held there: nothing is applied or pruned on
that cluster (reason PruneGuard, exit 1) until it is confirmed with --allow-mass-prune. A
CustomResourceDefinition is not pruned while objects of its kind remain (outcome skipped,
CustomResourcesExist); it stays in the inventory and is retried.

Karmada's policy fields act as in Karmada: an object that already exists on a cluster without
the managed-by label is left alone and reported (outcome failed, reason ConflictAbort, exit 1)
unless the policy says conflictResolution: Overwrite; a suspended cluster's objects are neither
applied nor pruned (outcome skipped, SuspendDispatching); an object withdrawn under
preserveResourcesOnDeletion is released, its flotilla label and annotations removed (outcome
orphaned, PreserveResourcesOnDeletion), never deleted.

A cluster is reached through the kubeconfig context named after it, or the context
--context-map gives; with --hub-context, through the Secret its spec.secretRef names in the
hub (token, caBundle) and spec.apiEndpoint, as Karmada does.

A RolloutStrategy whose rollout the repo's status branch records (a git repository, its
flotilla.yaml statusBranch) is honoured: each cluster gets the manifests that record puts in force,
and apply never advances, pauses or rolls back a rollout (it commits nothing). A strategy with no
record gets the full revision on every cluster, with a warning (docs/rollouts.md).

The table has one row per cluster, then one row per change (object, action, detail) with the
clusters it happened on: the first few and their count, all of them with -o wide.
`,
  footer: `Exit status:
  0  every cluster was applied (and pruned)
  1  a cluster failed or was unreachable, or the revision is invalid (then nothing is applied)
  2  usage error, or the repo or kubeconfig could not be read

Examples:
  # Apply the example fleet to the clusters of a kubeconfig whose contexts are the cluster names
  flotilla apply --repo examples/fleet-repo --kubeconfig ~/.kube/fleet.yaml

  # Preview on the servers what would change, with differently named contexts, as JSON
  flotilla apply --repo . --kubeconfig kc.yaml --context-map aws-euw=prod-eu,aws-use=prod-us --dry-run=server -o json

  # Apply without deleting anything, taking over fields edited with kubectl
  flotilla apply --repo . --prune=false --force-conflicts
`,
  async run(values, _positionals, io) {
    const output = values.output;
    const dryRun = values['dry-run'] === 'server';
    const { prune, observe } = values;
    const { limits, credentials } = membersFrom(values, io.env);
    const loaded = await loadRevision(values.repo, values.ref, io.cwd);
    const observed =
      observe && !loaded.diagnostics.some((d) => d.severity === 'error')
        ? await planObserved(loaded, {
            credentials,
            ...limits,
            concurrency: 8,
            now: new Date().toISOString(),
            previousFromMembers: true,
          })
        : { plan: planUnobserved(loaded), clusters: fleetClusters(loaded.fleet) };
    const staged = await withRecordedRollouts(values.repo, io.cwd, loaded, observed.plan);
    const { plan } = staged;
    for (const d of [...plan.errors, ...plan.warnings]) io.stderr(`${formatDiagnostic(d)}\n`);
    for (const name of staged.unrecorded)
      io.stderr(
        `warning: RolloutStrategy ${name} has no rollout record on the repo's status branch: apply does not stage it, the full revision goes to every cluster (staged rollouts are run by flotilla controller; docs/rollouts.md)\n`,
      );
    if (plan.errors.length) {
      io.stderr(`error: revision ${plan.revision} is invalid; nothing was applied or pruned\n`);
      const invalid = { revision: plan.revision, dryRun, valid: false, errors: plan.errors, clusters: [] };
      if (output === 'json') io.stdout(toJsonText(invalid));
      else if (output === 'yaml') io.stdout(toYamlText(invalid));
      return exitInvalid;
    }
    const interpreter = createInterpreter(loaded.fleet.customizations);
    const placements = plan.bindings.map((b) => ({
      key: resourceKey(b.spec.resource),
      clusters: b.spec.clusters,
      placement: b.spec.placement,
    }));
    const result = await applyFleet(
      { revision: plan.revision, works: plan.works, clusters: observed.clusters, placements },
      {
        dryRun,
        prune,
        forceConflicts: values['force-conflicts'],
        pruneGuard: pruneGuardFrom(values),
        ...limits,
        concurrency: 16,
        clusterConcurrency: 8,
        waitTimeoutMs: Math.min(60_000, limits.timeoutMs),
        retain: (desired: KubeObject, live: KubeObject) => interpreter.retain(desired, live),
        credentials,
      },
    );
    const report = toReport(result);
    if (output === 'json') io.stdout(toJsonText(report));
    else if (output === 'yaml') io.stdout(toYamlText(report));
    else io.stdout(applyTable(result, values['no-headers'], output === 'wide'));
    for (const c of result.clusters) if (!c.ok) io.stderr(`error: cluster ${c.cluster}: ${c.reason}: ${c.message}\n`);
    return result.clusters.every((c) => c.ok) ? exitOk : exitInvalid;
  },
});

/** The printed result: ids flattened to apiVersion/kind/namespace/name. */
export function toReport(r: FleetApplyResult): unknown {
  return {
    revision: r.revision,
    dryRun: r.dryRun,
    valid: true,
    clusters: r.clusters.map((c) => ({
      cluster: c.cluster,
      ok: c.ok,
      reason: c.reason,
      message: c.message,
      ...(c.inventoryEntries !== undefined ? { inventoryEntries: c.inventoryEntries } : {}),
      objects: c.objects.map(objectReport),
      pruned: c.pruned.map(objectReport),
    })),
  };
}

function objectReport(o: ObjectResult): unknown {
  return {
    apiVersion: apiVersionOf(o.id),
    kind: o.id.kind,
    ...(o.id.namespace ? { namespace: o.id.namespace } : {}),
    name: o.id.name,
    binding: o.binding,
    ...o.outcome,
  };
}
