/** `flotilla explain`: the full scheduling story of one resource template. */
import { describeRef, parseResourceKey, UsageError } from '../../api/index.ts';
import type { BindingExplanation, Plan } from '../../plan/index.ts';
import { formatExplanation } from '../../scheduler/index.ts';
import { defineCommand } from '../command.ts';
import { flag } from '../flags.ts';
import { exitInvalid, exitOk } from '../io.ts';
import { planRevision } from '../load-revision.ts';
import { toJsonText, toYamlText } from '../output.ts';
import { outputFlags, revisionFlags } from '../shared-flags.ts';

/** `flotilla explain`: the command definition (K1). */
export const explainCommand = defineCommand({
  name: 'explain',
  summary: 'Explain where one template was placed and why',
  maxPositionals: 1,
  flags: {
    ...revisionFlags,
    namespace: flag.string('NS', 'namespace of the template (default: default)', { short: 'n' }),
    previous: flag.string('FILE', "placement of an earlier revision (a previous plan's JSON, or a list of bindings)"),
    output: outputFlags(['json', 'yaml', 'table']).output,
  },
  about: `Explain the placement of one resource template.

Usage: flotilla explain KIND/NAME [-n NAMESPACE] [--repo DIR] [--ref REF] [--previous FILE] [-o json|yaml|table]

Plans the revision (as 'flotilla plan') and prints, for the named template: the policy that
claimed it, each cluster a filter removed and why, the scores, the affinity group used, the
spread selection and the replica division arithmetic. KIND is matched case-insensitively
(Deployment, deployment). Namespaced templates default to namespace "default".`,
  footer: `Exit status:
  0  explained
  1  the revision is invalid, or no policy claims the template
  2  usage error, or the repo could not be read

Examples:
  # Why did the storefront land where it did?
  flotilla explain Deployment/frontend -n shop --repo examples/fleet-repo

  # The same as JSON
  flotilla explain deployment/catalog -n shop --repo examples/fleet-repo -o json
`,
  async run(values, positionals, io) {
    const output = values.output;
    const target = positionals[0];
    const m = target ? /^([^/]+)\/(.+)$/.exec(target) : null;
    if (!m) throw new UsageError('expected KIND/NAME, e.g. Deployment/frontend');
    const [, kind = '', name = ''] = m;
    const plan = await planRevision({ repo: values.repo, ref: values.ref, previous: values.previous, works: 'check' }, io.cwd);
    if (plan.errors.length) {
      io.stderr(`the revision is invalid (${plan.errors.length} error(s)); run 'flotilla validate' for details\n`);
      return exitInvalid;
    }
    const found = findExplanation(plan, kind, name, values.namespace);
    if (!found) {
      io.stderr(`no policy claims ${kind}/${name}; it has no binding\n`);
      return exitInvalid;
    }
    const story = { resource: parseResourceKey(found.key), policy: `${found.policy.object.kind} ${found.policy.object.metadata.namespace ? `${found.policy.object.metadata.namespace}/` : ''}${found.policy.object.metadata.name} (${found.policy.source.file}:${found.policy.source.line})`, result: found.result };
    if (output === 'json') io.stdout(toJsonText(story));
    else if (output === 'yaml') io.stdout(toYamlText(story));
    else {
      const placement = found.result.kind === 'Scheduled' ? found.result.clusters.map((c) => `${c.name}:${c.replicas ?? 0}`).join(', ') || '(no clusters)' : `unschedulable (${found.result.reason}): ${found.result.message}`;
      io.stdout(`${describeRef(story.resource)}\n  policy:    ${story.policy}\n  placement: ${placement}\n\n${formatExplanation(found.result.explanation)}\n`);
    }
    return exitOk;
  },
});

function findExplanation(plan: Plan, kind: string, name: string, namespace: string | undefined): BindingExplanation | undefined {
  const candidates = plan.explanations.filter((e) => {
    const r = parseResourceKey(e.key);
    return r.kind.toLowerCase() === kind.toLowerCase() && r.name === name;
  });
  const ns = namespace ?? 'default';
  return candidates.find((e) => (parseResourceKey(e.key).namespace ?? '') === ns) ?? (namespace === undefined ? candidates.find((e) => parseResourceKey(e.key).namespace === undefined) : undefined);
}
