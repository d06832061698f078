/** `flotilla simulate`: what a cluster, zone, region or provider failure would do to the fleet. */
import { formatDiagnostic, UsageError } from '../../api/index.ts';
import {
  createSimulator,
  describeLoad,
  describeMoves,
  describeReasons,
  eachScenarios,
  failedClusters,
  formatScenariosMarkdown,
  isNearFull,
  parseFailureSelector,
  scenarioOf,
  workloadName,
  failureKeys,
  type Scenario,
  type ScenarioImpact,
} from '../../simulate/index.ts';
import type { ObserveOptions } from '../../cluster/observe.ts';
import { defineCommand } from '../command.ts';
import { flag, type FlagValues } from '../flags.ts';
import { exitInvalid, exitOk, type IO } from '../io.ts';
import { formatTable } from '../output.ts';
import { printStreamed } from '../output-stream.ts';
import { loadSimulationBase } from '../simulate-input.ts';
import { membersFrom } from '../member-credentials.ts';
import { memberAccessFlags, revisionFlags } from '../shared-flags.ts';

const simulateFlags = {
  ...revisionFlags,
  fail: flag.list(
    'K=V',
    'a failed set: cluster=NAME, region=R, zone=Z or provider=P; repeat to fail several at once (one scenario)',
  ),
  each: flag.oneOf(failureKeys, 'one scenario per value of K: an N+1 check', { metavar: 'K' }),
  output: flag.oneOf(['table', 'json', 'markdown'], 'output format', {
    short: 'o',
    default: 'table',
    metavar: 'FORMAT',
  }),
  strict: flag.boolean('exit 1 when any workload loses replicas (for CI)'),
  'no-headers': flag.boolean('tables without their header lines', { aliases: ['no-header'] }),
  ...memberAccessFlags('30s'),
};

/** `flotilla simulate`: the command definition (K1). */
export const simulateCommand = defineCommand({
  name: 'simulate',
  summary: 'Failure-impact analysis: what losing a cluster, zone, region or provider does to every workload',
  maxPositionals: 0,
  flags: simulateFlags,
  about: `Simulate a failure: which workloads move where, which lose replicas and why.

Usage: flotilla simulate [--repo DIR] [--ref REF] (--fail K=V ... | --each K) [-o table|json|markdown] [--strict]

Plans the revision as the controller would now, then applies what the controller does when the
selected clusters fail: the not-ready NoExecute taint, the taint manager's evictions (after any
tolerationSeconds), rescheduling with the same scheduler and Karmada's scheduling triggers, and
the survivors' capacity (the estimator over the recorded capacity minus the replicas moved there).
Per workload: replicas kept, moved (from → to) and lost, with the reason (NoFallback: no other
cluster of the policy; InsufficientCapacity: the estimator's numbers; SpreadUnsatisfiable: the
spread constraints can no longer be met; ToleratesFailure: a toleration without seconds keeps the
replicas on the failed cluster). Per surviving cluster: capacity used before and after.
When DIR is a git repository with a status branch (flotilla.yaml statusBranch, local or origin/),
its recorded placement, taints and observed capacity are used; otherwise the repo's Cluster.status.
With --kubeconfig, the members' capacity is observed now instead (read-only, as the controller does).
Writes nothing. Workloads are templates with replicas; what they depend on follows them.
Nothing is rendered: an override that cannot be applied is 'flotilla validate''s to report.

With several scenarios, the table and Markdown list only the workloads that lose replicas and
the survivors used at 90% or more afterwards; -o json has every workload and survivor.
--kubeconfig (with --context-map, --hub-context, --timeout, as 'flotilla status') observes the
members' capacity now, as the controller does (read-only).`,
  footer: `Exit status:
  0  simulated (with --strict: no workload loses a replica)
  1  the revision is invalid, or (--strict) a workload loses replicas
  2  usage error (a selector that matches no cluster, say), or the repo could not be read

Examples:
  # One cluster down
  flotilla simulate --repo examples/fleet-repo --fail cluster=aws-use

  # A region and a provider at once
  flotilla simulate --fail region=us-east --fail provider=gcp

  # Can we lose any one region? Fail CI when not
  flotilla simulate --each region --strict -o markdown
`,
  async run(values, _positionals, io) {
    const output = values.output;
    const each = values.each;
    const fails = values.fail;
    if ((each === undefined) === (fails.length === 0))
      throw new UsageError('give --fail K=V (repeatable) or --each K, not both');
    const selectors = fails.map((f) => {
      const p = parseFailureSelector(f);
      if (!p.ok) throw new UsageError(p.message);
      return p.selector;
    });
    const base = await loadSimulationBase(values.repo, values.ref, io.cwd, observeOptions(values, io));
    if (base.plan.errors.length) {
      for (const d of base.plan.errors) io.stderr(`${formatDiagnostic(d)}\n`);
      return exitInvalid;
    }
    const scenarios: Scenario[] = each !== undefined ? eachScenarios(base.clusters, each) : [scenarioOf(selectors)];
    const unmatched =
      each === undefined ? scenarios.find((s) => failedClusters(base.clusters, s).length === 0) : undefined;
    if (unmatched) throw new UsageError(`--fail ${unmatched.name} matches no cluster of the inventory`);
    io.stderr(`flotilla simulate: ${base.plan.revision.slice(0, 12)}, capacity from ${base.capacityFrom}\n`);
    const simulator = createSimulator({ clusters: base.clusters, bindings: base.plan.bindings });
    let lost = false;
    // Lazily, one scenario at a time: the JSON of a large fleet's scenarios is streamed, never held whole.
    const impacts = function* (): Generator<ScenarioImpact> {
      for (const s of scenarios) {
        const impact = simulator.simulate(s);
        if (impact.summary.lostReplicas > 0) lost = true;
        yield impact;
      }
    };
    if (output === 'json')
      await printStreamed(
        io,
        { revision: base.plan.revision, capacityFrom: base.capacityFrom, scenarios: impacts() },
        'json',
      );
    else {
      // Several scenarios show only the workloads that lose replicas and the survivors near full: keep no more than that.
      const shown = [...impacts()].map((i) =>
        scenarios.length === 1
          ? i
          : { ...i, workloads: i.workloads.filter((w) => w.lost > 0), clusters: i.clusters.filter(isNearFull) },
      );
      io.stdout(output === 'markdown' ? formatScenariosMarkdown(shown) : impactTables(shown, values['no-headers']));
    }
    return values.strict && lost ? exitInvalid : exitOk;
  },
});

/** How to observe the members when --kubeconfig or --hub-context is given (as `flotilla status`); undefined otherwise. */
function observeOptions(values: FlagValues<typeof simulateFlags>, io: IO): ObserveOptions | undefined {
  if (values.kubeconfig === undefined && values['hub-context'] === undefined) return undefined;
  const { credentials, limits } = membersFrom(values, io.env);
  return { credentials, ...limits, concurrency: 8, now: new Date().toISOString() };
}

/** One row per scenario, then the affected workloads and the loaded survivors. */
function impactTables(impacts: readonly ScenarioImpact[], noHeader: boolean): string {
  const scenarios = formatTable(
    ['SCENARIO', 'FAILED', 'AFFECTED', 'MOVED', 'LOST', 'VERDICT'],
    impacts.map((i) => [
      i.scenario.name,
      String(i.summary.failedClusters),
      String(i.summary.affectedWorkloads),
      String(i.summary.movedReplicas),
      String(i.summary.lostReplicas),
      i.verdict,
    ]),
    noHeader,
  );
  const single = impacts.length === 1;
  const workloads = impacts.flatMap((i) =>
    i.workloads
      .filter((w) => single || w.lost > 0)
      .map((w) => [
        ...(single ? [] : [i.scenario.name]),
        workloadName(w),
        w.verdict,
        String(w.kept),
        describeMoves(w.moved),
        String(w.lost),
        describeReasons(w.reasons) || '-',
      ]),
  );
  const loads = impacts.flatMap((i) =>
    i.clusters.map((l) => [...(single ? [] : [i.scenario.name]), l.cluster, String(l.movedIn), describeLoad(l)]),
  );
  const scenarioCol = single ? [] : ['SCENARIO'];
  return [
    scenarios,
    ...(workloads.length
      ? [formatTable([...scenarioCol, 'WORKLOAD', 'VERDICT', 'KEPT', 'MOVED', 'LOST', 'WHY'], workloads, noHeader)]
      : []),
    ...(loads.length
      ? [formatTable([...scenarioCol, 'SURVIVOR', 'REPLICAS IN', 'CAPACITY USED BEFORE → AFTER'], loads, noHeader)]
      : []),
  ].join('\n');
}
