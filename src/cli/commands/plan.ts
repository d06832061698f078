/** `flotilla plan`: where every template goes, and the exact manifests each cluster gets. */
import { formatDiagnostic } from '../../api/index.ts';
import { planToContract, type Plan } from '../../plan/index.ts';
import { exitInvalid, exitOk, type Command } from '../io.ts';
import { planRevision, stringFlag } from '../load-revision.ts';
import { formatTable, toOutputFormat } from '../output.ts';
import { printStreamed } from '../output-stream.ts';

export const planCommand: Command = {
  name: 'plan',
  summary: 'Schedule and render a fleet repo revision; print bindings and Works',
  maxPositionals: 0,
  options: {
    repo: { type: 'string', default: '.' },
    ref: { type: 'string' },
    output: { type: 'string', short: 'o', default: 'table' },
    previous: { type: 'string' },
    'no-header': { type: 'boolean', default: false },
  },
  help: `Schedule and render one revision of a fleet repo.

Usage: flotilla plan [--repo DIR] [--ref REF] [--previous FILE] [-o json|yaml|table]

Reads every *.yaml, *.yml and *.json file of the repo's working tree (or of git ref REF,
without a checkout), validates it, matches each template to one PropagationPolicy,
schedules it onto the inventory's Clusters and renders the manifest each cluster gets.
Writes nothing.

Options:
      --repo DIR        fleet repo directory (default: .)
      --ref REF         plan the tree of this git ref (branch, tag or commit) of DIR
      --previous FILE   placement of an earlier revision (a previous plan's JSON, or a list
                        of bindings), so scaling keeps assignments stable
  -o, --output FORMAT   json | yaml | table (default: table)
      --no-header       table without its header line

Output (-o json): {"revision", "bindings": [ResourceBinding...], "works": [Work...],
"errors": [{file, line, message}...], "warnings": [...]}. An invalid revision prints its
errors and no bindings or Works.

Exit status:
  0  the revision is valid (warnings allowed)
  1  the revision is invalid: see errors
  2  usage error, or the repo could not be read

Examples:
  # Placement table of the example fleet
  flotilla plan --repo examples/fleet-repo

  # The full plan as JSON, for tools
  flotilla plan --repo examples/fleet-repo -o json | jq '.bindings[].spec.clusters'

  # Plan the main branch as committed, keeping the placement of an earlier plan
  flotilla plan --repo . --ref main --previous last-plan.json -o yaml
`,
  async run(values, _positionals, io) {
    const output = toOutputFormat(values['output']);
    const plan = await planRevision({ repo: stringFlag(values['repo']) ?? '.', ref: stringFlag(values['ref']), previous: stringFlag(values['previous']), works: output === 'table' ? 'check' : 'keep' }, io.cwd);
    if (output !== 'table') await printStreamed(io, planToContract(plan), output);
    else {
      io.stdout(planTable(plan, values['no-header'] === true));
      for (const d of [...plan.errors, ...plan.warnings]) io.stderr(`${formatDiagnostic(d)}\n`);
    }
    return plan.errors.length ? exitInvalid : exitOk;
  },
};

/** One row per binding: resource, policy, clusters with replicas, and why when unschedulable. */
export function planTable(plan: Plan, noHeader: boolean): string {
  const rows = plan.bindings.map((b) => {
    const r = b.spec.resource;
    const policy = b.metadata.annotations['propagationpolicy.karmada.io/name'] ?? b.metadata.annotations['clusterpropagationpolicy.karmada.io/name'] ?? (b.spec.requiredBy ? `(dependency of ${b.spec.requiredBy.map((x) => x.name).join(', ')})` : '');
    const cond = b.status.conditions.find((c) => c.type === 'Scheduled');
    const clusters = b.spec.clusters.map((c) => (c.replicas !== undefined && c.replicas > 0 ? `${c.name}:${c.replicas}` : c.name)).join(',');
    const status = cond !== undefined && cond.status !== 'True' ? `${cond.reason ?? 'Unschedulable'}: ${cond.message ?? ''}` : 'Scheduled';
    return [r.namespace ?? '', `${r.kind}/${r.name}`, policy, clusters || '-', status];
  });
  return formatTable(['NAMESPACE', 'RESOURCE', 'POLICY', 'CLUSTERS', 'STATUS'], rows, noHeader);
}
