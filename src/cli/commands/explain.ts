/** `flotilla explain`: the full scheduling story of one resource template. */
import {
  describeRef,
  parseResourceKey,
  resourceKeyOf,
  type Fleet,
  type Loaded,
  type ResourceKey,
  type SpreadConstraint,
} from '../../api/index.ts';
import { suggestionFor } from '../../load/index.ts';
import type { BindingExplanation, Plan } from '../../plan/index.ts';
import { competingPolicies, indexPolicies, selectorsPriority, type LosingPolicy } from '../../policy/index.ts';
import { formatExplanation } from '../../scheduler/index.ts';
import { whyOnCluster } from '../explain-cluster.ts';
import { explainFailover, formatFailoverStory } from '../explain-failover.ts';
import { defineCommand } from '../command.ts';
import { flag } from '../flags.ts';
import { exitInvalid, exitOk, type ExitCode, type IO } from '../io.ts';
import { parseKindName } from '../kind-name.ts';
import { planRevisionWithFleet } from '../load-revision.ts';
import { toJsonText, toYamlText } from '../output.ts';
import { outputFlags, revisionFlags } from '../shared-flags.ts';
import { lookupTemplate, namesKind } from '../template-lookup.ts';

/** `flotilla explain`: the command definition (K1). */
export const explainCommand = defineCommand({
  name: 'explain',
  summary: 'Explain where one template was placed and why',
  maxPositionals: 2,
  flags: {
    ...revisionFlags,
    namespace: flag.string('NS', 'namespace of the template (default: default)', { short: 'n' }),
    cluster: flag.string('NAME', 'answer why the template is, or is not, on this cluster'),
    previous: flag.string('FILE', "placement of an earlier revision (a previous plan's JSON, or a list of bindings)"),
    output: outputFlags(['json', 'yaml', 'table']).output,
    fail: flag.list(
      'K=V',
      "show the failover arithmetic if these fail: cluster=, region=, zone=, provider= (as 'flotilla simulate'); repeatable",
    ),
  },
  about: `Explain the placement of one resource template.

Usage: flotilla explain KIND/NAME | KIND NAME [-n NAMESPACE] [--cluster CLUSTER] [--repo DIR] [--ref REF]
                        [--previous FILE] [-o json|yaml|table] [--fail K=V ...]

Plans the revision (as 'flotilla plan') and prints, for the named template: the policy that
claimed it and the other policies that also select it (and why they lost: priority, selector
specificity, name), each cluster a filter removed and why (on large fleets grouped by reason with
counts), the scores, the affinity group used, the spread selection and the replica division
arithmetic. KIND is any form kubectl accepts: deploy, deployment, Deployment, deployments,
deployment.apps. Namespaced templates default to namespace "default".

A template that is not in the repo is "not found", with the nearest names (did you mean); one
that is in the repo but that no policy selects says so. --cluster X answers "why is it (not) on
X": the filter that removed X and which label failed which selector; or, when X was feasible,
why spread selection left it out (scores, available replicas, maxGroups; for a spread by region,
why X's region lost); or why the division gave it no replicas.
With --fail K=V (cluster=, region=, zone=, provider=; as 'flotilla simulate'), it shows the
template's failover arithmetic instead: the taint manager's verdict on each failed cluster, the
new schedule's explanation, and the replicas kept, moved and lost.`,
  footer: `Exit status:
  0  explained
  1  the revision is invalid, the template is not found, or no policy claims it
  2  usage error, or the repo could not be read

Examples:
  # Why did the storefront land where it did?
  flotilla explain Deployment/frontend -n shop --repo examples/fleet-repo

  # Why is it not on eu-west-2? (kubectl's spellings work too)
  flotilla explain deploy frontend -n shop --cluster eu-west-2 --repo examples/fleet-repo

  # The same as JSON
  flotilla explain deployment.apps/catalog -n shop --repo examples/fleet-repo -o json

  # Where would the payments API go if aws-use failed?
  flotilla explain Deployment/payments-api -n payments --repo examples/fleet-repo --fail cluster=aws-use
`,
  async run(values, positionals, io) {
    const output = values.output;
    const target = parseKindName(positionals, 'explain');
    const namespace = values.namespace;
    const cluster = values.cluster;
    const fails = values.fail;
    if (fails.length)
      return explainFailure(
        { repo: values.repo, ref: values.ref, fails },
        { kind: target.kind, name: target.name, namespace },
        output,
        io,
      );
    const { plan, fleet } = await planRevisionWithFleet(
      { repo: values.repo, ref: values.ref, previous: values.previous, works: 'check' },
      io.cwd,
    );
    if (plan.errors.length) {
      io.stderr(`the revision is invalid (${plan.errors.length} error(s)); run 'flotilla validate' for details\n`);
      return exitInvalid;
    }
    const lookup = lookupTemplate(fleet.templates, target.kind, target.name, namespace);
    if (lookup.kind === 'not-found') {
      io.stderr(
        `not found: the fleet repo has no ${target.kind} ${namespace ?? 'default'}/${target.name}${lookup.suggestions.length ? ` (did you mean ${lookup.suggestions.join(', or ')}?)` : ''}\n`,
      );
      return exitInvalid;
    }
    const template = lookup.template;
    const found = findExplanation(plan, template);
    if (!found) {
      io.stderr(
        `found ${describeRef(parseResourceKey(resourceKeyOf(template.object)))} at ${template.source.file}:${template.source.line}, but no propagation policy claims it, so it has no binding and goes to no cluster (${unclaimedHint(fleet, template)})\n`,
      );
      return exitInvalid;
    }
    if (cluster !== undefined && !fleet.clusters.some((c) => c.object.metadata.name === cluster)) {
      const near = suggestionFor(
        cluster,
        fleet.clusters.map((c) => c.object.metadata.name ?? ''),
      );
      io.stderr(`the fleet repo has no cluster ${cluster}${near ? ` (did you mean ${near}?)` : ''}\n`);
      return exitInvalid;
    }
    const index = indexPolicies(fleet.propagationPolicies);
    const claimed = fleet.propagationPolicies.find((p) => p.object === found.policy.object);
    const winner = claimed
      ? {
          policy: claimed,
          explicitPriority: claimed.object.spec.priority ?? 0,
          implicitPriority: selectorsPriority(template.object, claimed.object.spec.resourceSelectors ?? []),
        }
      : undefined;
    const losers = winner ? competingPolicies(index, template.object, winner, found.claim) : [];
    const onCluster =
      cluster !== undefined
        ? whyOnCluster(
            found.result,
            cluster,
            fleet.clusters.map((c) => c.object),
            spreadOf(fleet, found.policy),
          )
        : undefined;
    const story = {
      resource: parseResourceKey(found.key),
      policy: policyLabel(found.policy),
      ...(found.claim ? { claim: found.claim } : {}),
      competing: losers.map((l) => ({ policy: policyLabel(l.match.policy), lost: l.why })),
      result: found.result,
      ...(onCluster ? { cluster: { name: cluster, answer: onCluster } } : {}),
    };
    if (output === 'json') io.stdout(toJsonText(story));
    else if (output === 'yaml') io.stdout(toYamlText(story));
    else io.stdout(explainText(story.policy, found, losers, onCluster));
    return exitOk;
  },
});

async function explainFailure(
  opts: Parameters<typeof explainFailover>[0],
  target: { kind: string; name: string; namespace: string | undefined },
  output: string,
  io: IO,
): Promise<ExitCode> {
  const story = await explainFailover(opts, io.cwd, (keys) =>
    findKey(keys, target.kind, target.name, target.namespace),
  );
  if (story.kind === 'none') {
    io.stderr(`${story.message}\n`);
    return exitInvalid;
  }
  if (output === 'json') io.stdout(toJsonText(story));
  else if (output === 'yaml') io.stdout(toYamlText(story));
  else io.stdout(formatFailoverStory(story));
  return exitOk;
}

/** The key of KIND NAME in NAMESPACE (default "default", or cluster-scoped when none is given); KIND in any of kubectl's spellings. */
function findKey(
  keys: readonly ResourceKey[],
  kind: string,
  name: string,
  namespace: string | undefined,
): ResourceKey | undefined {
  const candidates = keys.filter((k) => {
    const r = parseResourceKey(k);
    return namesKind(kind, r.apiVersion, r.kind) && r.name === name;
  });
  const ns = namespace ?? 'default';
  return (
    candidates.find((k) => (parseResourceKey(k).namespace ?? '') === ns) ??
    (namespace === undefined ? candidates.find((k) => parseResourceKey(k).namespace === undefined) : undefined)
  );
}

function explainText(
  policy: string,
  found: BindingExplanation,
  losers: readonly LosingPolicy[],
  onCluster: readonly string[] | undefined,
): string {
  const placement =
    found.result.kind === 'Scheduled'
      ? found.result.clusters.map((c) => `${c.name}:${c.replicas ?? 0}`).join(', ') || '(no clusters)'
      : `unschedulable (${found.result.reason}): ${found.result.message}`;
  const lines = [
    describeRef(parseResourceKey(found.key)),
    `  policy:    ${policy}`,
    ...(found.claim ? [`  claim:     ${found.claim}`] : []),
  ];
  for (const l of losers) lines.push(`  lost:      ${policyLabel(l.match.policy)}: ${l.why}`);
  lines.push(`  placement: ${placement}`);
  if (onCluster) lines.push('', ...onCluster);
  return `${lines.join('\n')}\n\n${formatExplanation(found.result.explanation)}\n`;
}

function policyLabel(p: Loaded): string {
  return `${p.object.kind} ${p.object.metadata.namespace ? `${p.object.metadata.namespace}/` : ''}${p.object.metadata.name ?? ''} (${p.source.file}:${p.source.line})`;
}

function findExplanation(plan: Plan, template: Loaded): BindingExplanation | undefined {
  const key = resourceKeyOf(template.object);
  return plan.explanations.find((e) => e.key === key);
}

/** What the policies near the template select, to say why none claims it. */
function unclaimedHint(fleet: Fleet, template: Loaded): string {
  const ns = template.object.metadata.namespace;
  const near = fleet.propagationPolicies.filter(
    (p) => p.object.kind === 'ClusterPropagationPolicy' || p.object.metadata.namespace === ns,
  );
  const sameKind = near.filter((p) =>
    (p.object.spec.resourceSelectors ?? []).some(
      (s) => s.kind === template.object.kind && s.apiVersion === template.object.apiVersion,
    ),
  );
  if (!near.length)
    return `no PropagationPolicy in namespace ${ns ?? '(cluster-scoped)'} and no ClusterPropagationPolicy`;
  if (!sameKind.length)
    return `${near.length} polic${near.length === 1 ? 'y' : 'ies'} in scope, none selecting ${template.object.apiVersion} ${template.object.kind}`;
  return `${sameKind.map(policyLabel).join(', ')} select${sameKind.length === 1 ? 's' : ''} ${template.object.kind} objects, but not this one's name or labels`;
}

/** The claiming policy's spread constraints (the group limits `--cluster` quotes). */
function spreadOf(fleet: Fleet, p: Loaded): readonly SpreadConstraint[] {
  return fleet.propagationPolicies.find((x) => x.object === p.object)?.object.spec.placement?.spreadConstraints ?? [];
}
