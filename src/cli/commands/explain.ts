/** `flotilla explain`: the full scheduling story of one resource template. */
import { describeRef, parseResourceKey, UsageError } from '../../api/index.ts';
import type { BindingExplanation, Plan } from '../../plan/index.ts';
import { formatExplanation } from '../../scheduler/index.ts';
import { exitInvalid, exitOk, type Command } from '../io.ts';
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
  },
  help: `Explain the placement of one resource template.

Usage: flotilla explain KIND/NAME [-n NAMESPACE] [--repo DIR] [--ref REF] [--previous FILE] [-o json|yaml|table]

Plans the revision (as 'flotilla plan') and prints, for the named template: the policy that
claimed it, each cluster a filter removed and why, the scores, the affinity group used, the
spread selection and the replica division arithmetic. KIND is matched case-insensitively
(Deployment, deployment). Namespaced templates default to namespace "default".

Exit status:
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
    const output = toOutputFormat(values['output']);
    const target = positionals[0];
    const m = target ? /^([^/]+)\/(.+)$/.exec(target) : null;
    if (!m) throw new UsageError('expected KIND/NAME, e.g. Deployment/frontend');
    const [, kind = '', name = ''] = m;
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

function findExplanation(plan: Plan, kind: string, name: string, namespace: string | undefined): BindingExplanation | undefined {
  const candidates = plan.explanations.filter((e) => {
    const r = parseResourceKey(e.key);
    return r.kind.toLowerCase() === kind.toLowerCase() && r.name === name;
  });
  const ns = namespace ?? 'default';
  return candidates.find((e) => (parseResourceKey(e.key).namespace ?? '') === ns) ?? (namespace === undefined ? candidates.find((e) => parseResourceKey(e.key).namespace === undefined) : undefined);
}
