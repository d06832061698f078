/** `flotilla explain`: the full scheduling story of one resource template. */
import { describeRef, parseResourceKey, UsageError, type ResourceKey } from '../../api/index.ts';
import type { BindingExplanation, Plan } from '../../plan/index.ts';
import { formatExplanation } from '../../scheduler/index.ts';
import { explainFailover, formatFailoverStory } from '../explain-failover.ts';
import { exitInvalid, exitOk, type Command, type ExitCode, type IO } from '../io.ts';
import { planRevision, stringFlag } from '../load-revision.ts';
import { toJsonText, toOutputFormat, toYamlText } from '../output.ts';

export const explainCommand: Command = {
  name: 'explain',
  summary: 'Explain where one template was placed and why',
  maxPositionals: 1,
  options: {
    repo: { type: 'string', default: '.' },
    ref: { type: 'string' },
    namespace: { type: 'string', short: 'n' },
    previous: { type: 'string' },
    output: { type: 'string', short: 'o', default: 'table' },
    fail: { type: 'string', multiple: true },
  },
  help: `Explain the placement of one resource template.

Usage: flotilla explain KIND/NAME [-n NAMESPACE] [--repo DIR] [--ref REF] [--previous FILE] [-o json|yaml|table]
                        [--fail K=V ...]

Plans the revision (as 'flotilla plan') and prints, for the named template: the policy that
claimed it, each cluster a filter removed and why, the scores, the affinity group used, the
spread selection and the replica division arithmetic. KIND is matched case-insensitively
(Deployment, deployment). Namespaced templates default to namespace "default".
With --fail K=V (cluster=, region=, zone=, provider=; as 'flotilla simulate'), it shows the
template's failover arithmetic instead: the taint manager's verdict on each failed cluster, the
new schedule's explanation, and the replicas kept, moved and lost.

Exit status:
  0  explained
  1  the revision is invalid, or no policy claims the template
  2  usage error, or the repo could not be read

Examples:
  # Why did the storefront land where it did?
  flotilla explain Deployment/frontend -n shop --repo examples/fleet-repo

  # The same as JSON
  flotilla explain deployment/catalog -n shop --repo examples/fleet-repo -o json

  # Where would the payments API go if aws-use failed?
  flotilla explain Deployment/payments-api -n payments --repo examples/fleet-repo --fail cluster=aws-use
`,
  async run(values, positionals, io) {
    const output = toOutputFormat(values['output']);
    const target = positionals[0];
    const m = target ? /^([^/]+)\/(.+)$/.exec(target) : null;
    if (!m) throw new UsageError('expected KIND/NAME, e.g. Deployment/frontend');
    const [, kind = '', name = ''] = m;
    const fails = Array.isArray(values['fail']) ? values['fail'].map(String) : [];
    if (fails.length) return explainFailure({ repo: stringFlag(values['repo']) ?? '.', ref: stringFlag(values['ref']), fails }, { kind, name, namespace: stringFlag(values['namespace']) }, output, io);
    const plan = await planRevision({ repo: stringFlag(values['repo']) ?? '.', ref: stringFlag(values['ref']), previous: stringFlag(values['previous']), works: 'check' }, io.cwd);
    if (plan.errors.length) {
      io.stderr(`the revision is invalid (${plan.errors.length} error(s)); run 'flotilla validate' for details\n`);
      return exitInvalid;
    }
    const found = findExplanation(plan, kind, name, stringFlag(values['namespace']));
    if (!found) {
      io.stderr(`no policy claims ${kind}/${name}; it has no binding\n`);
      return exitInvalid;
    }
    const story = { resource: parseResourceKey(found.key), policy: `${found.policy.object.kind} ${found.policy.object.metadata.namespace ? `${found.policy.object.metadata.namespace}/` : ''}${found.policy.object.metadata.name} (${found.policy.source.file}:${found.policy.source.line})`, ...(found.claim ? { claim: found.claim } : {}), result: found.result };
    if (output === 'json') io.stdout(toJsonText(story));
    else if (output === 'yaml') io.stdout(toYamlText(story));
    else {
      const placement = found.result.kind === 'Scheduled' ? found.result.clusters.map((c) => `${c.name}:${c.replicas ?? 0}`).join(', ') || '(no clusters)' : `unschedulable (${found.result.reason}): ${found.result.message}`;
      io.stdout(`${describeRef(story.resource)}\n  policy:    ${story.policy}\n${found.claim ? `  claim:     ${found.claim}\n` : ''}  placement: ${placement}\n\n${formatExplanation(found.result.explanation)}\n`);
    }
    return exitOk;
  },
};

async function explainFailure(opts: Parameters<typeof explainFailover>[0], target: { kind: string; name: string; namespace: string | undefined }, output: string, io: IO): Promise<ExitCode> {
  const story = await explainFailover(opts, io.cwd, (keys) => findKey(keys, target.kind, target.name, target.namespace));
  if (story.kind === 'none') {
    io.stderr(`${story.message}\n`);
    return exitInvalid;
  }
  if (output === 'json') io.stdout(toJsonText(story));
  else if (output === 'yaml') io.stdout(toYamlText(story));
  else io.stdout(formatFailoverStory(story));
  return exitOk;
}

function findExplanation(plan: Plan, kind: string, name: string, namespace: string | undefined): BindingExplanation | undefined {
  const key = findKey(plan.explanations.map((e) => e.key), kind, name, namespace);
  return plan.explanations.find((e) => e.key === key);
}

/** The key of KIND/NAME in NAMESPACE (default "default", or cluster-scoped when none is given). */
function findKey(keys: readonly ResourceKey[], kind: string, name: string, namespace: string | undefined): ResourceKey | undefined {
  const candidates = keys.filter((k) => {
    const r = parseResourceKey(k);
    return r.kind.toLowerCase() === kind.toLowerCase() && r.name === name;
  });
  const ns = namespace ?? 'default';
  return candidates.find((k) => (parseResourceKey(k).namespace ?? '') === ns) ?? (namespace === undefined ? candidates.find((k) => parseResourceKey(k).namespace === undefined) : undefined);
}
