/** `flotilla plan`: where every template goes, and the exact manifests each cluster gets. */
import { formatDiagnostic } from '../../api/index.ts';
import { planToContract, type Plan } from '../../plan/index.ts';
import { paintDiagnostic, paletteFor, plain, type Palette } from '../colour.ts';
import { defineCommand } from '../command.ts';
import { flag } from '../flags.ts';
import { exitInvalid, exitOk } from '../io.ts';
import { loadRevision, planRevision } from '../load-revision.ts';
import { abbreviateList, formatTable } from '../output.ts';
import { printStreamed } from '../output-stream.ts';
import { objectName, selectPlan, templateLabels } from '../select-plan.ts';
import { selectionFrom, selectsAll } from '../selection.ts';
import { outputFlags, revisionFlags, selectionFlags, strictFlag } from '../shared-flags.ts';

/** `flotilla plan`: the command definition (K1). */
export const planCommand = defineCommand({
  name: 'plan',
  summary: 'Schedule and render a fleet repo revision; print bindings and Works',
  maxPositionals: 0,
  flags: {
    ...revisionFlags,
    previous: flag.string(
      'FILE',
      "placement of an earlier revision (a previous plan's JSON, or a list of bindings), so scaling keeps assignments stable",
    ),
    ...selectionFlags,
    ...strictFlag,
    ...outputFlags(['json', 'yaml', 'table', 'wide', 'name']),
  },
  about: `Schedule and render one revision of a fleet repo.

Usage: flotilla plan [--repo DIR] [--ref REF] [--previous FILE] [-n NS | -A] [-l SELECTOR] [--strict]
                     [-o json|yaml|table|wide|name]

Reads every *.yaml, *.yml and *.json file of the repo's working tree (or of git ref REF,
without a checkout), validates it, matches each template to one PropagationPolicy,
schedules it onto the inventory's Clusters and renders the manifest each cluster gets.
Writes nothing.

-n and -l narrow what is printed (bindings, their Works and explanations), never what is
planned: every template is still scheduled, and errors and warnings are those of the whole
revision. The table lists a binding's first clusters and their count; -o wide lists them all,
with the binding name and total replicas; -o name prints one kind.group/name per binding.`,
  footer: `Output (-o json): {"revision", "bindings": [ResourceBinding...], "works": [Work...],
"errors": [{file, line, message}...], "warnings": [...]}. An invalid revision prints its
errors and no bindings or Works.

Exit status:
  0  the revision is valid (warnings allowed, unless --strict)
  1  the revision is invalid: see errors (with --strict: or it has warnings)
  2  usage error, or the repo could not be read

Examples:
  # Placement table of the example fleet
  flotilla plan --repo examples/fleet-repo

  # The full plan as JSON, for tools
  flotilla plan --repo examples/fleet-repo -o json | jq '.bindings[].spec.clusters'

  # Plan the main branch as committed, keeping the placement of an earlier plan
  flotilla plan --repo . --ref main --previous last-plan.json -o yaml

  # The previous commit's placement of the shop namespace's web tier, every cluster listed
  flotilla plan --ref HEAD~1 -n shop -l tier=web -o wide

  # A CI gate: unknown clusters and unschedulable bindings fail too
  flotilla plan --repo . --strict -o name
`,
  async run(values, _positionals, io) {
    const output = values.output;
    const selection = selectionFrom(values);
    const whole = await planRevision(
      {
        repo: values.repo,
        ref: values.ref,
        previous: values.previous,
        works: output === 'json' || output === 'yaml' ? 'keep' : 'check',
      },
      io.cwd,
    );
    const labels = selection.selector
      ? templateLabels((await loadRevision(values.repo, values.ref, io.cwd)).fleet)
      : new Map();
    const plan = selectsAll(selection) ? whole : selectPlan(whole, selection, labels);
    if (output === 'json' || output === 'yaml') await printStreamed(io, planToContract(plan), output);
    else {
      if (output === 'name') io.stdout(plan.bindings.map((b) => `${objectName(b.spec.resource)}\n`).join(''));
      else
        io.stdout(
          planTable(plan, values['no-headers'], {
            wide: output === 'wide',
            palette: paletteFor(io.tty?.stdout, io.env),
          }),
        );
      const p = paletteFor(io.tty?.stderr, io.env);
      for (const d of [...plan.errors, ...plan.warnings]) io.stderr(`${paintDiagnostic(formatDiagnostic(d), p)}\n`);
    }
    if (values.strict && !plan.errors.length && plan.warnings.length)
      io.stderr(`error: --strict: ${plan.warnings.length} warning(s)\n`);
    return plan.errors.length || (values.strict && plan.warnings.length) ? exitInvalid : exitOk;
  },
});

/** One row per binding: resource, policy, clusters with replicas (the first few, all with `wide`), and why when unschedulable. */
export function planTable(
  plan: Plan,
  noHeader: boolean,
  view: { readonly wide?: boolean; readonly palette?: Palette } = {},
): string {
  const wide = view.wide === true;
  const rows = plan.bindings.map((b) => {
    const r = b.spec.resource;
    const policy =
      b.metadata.annotations['propagationpolicy.karmada.io/name'] ??
      b.metadata.annotations['clusterpropagationpolicy.karmada.io/name'] ??
      (b.spec.requiredBy ? `(dependency of ${b.spec.requiredBy.map((x) => x.name).join(', ')})` : '');
    const cond = b.status.conditions.find((c) => c.type === 'Scheduled');
    const clusters = abbreviateList(
      b.spec.clusters.map((c) => (c.replicas !== undefined && c.replicas > 0 ? `${c.name}:${c.replicas}` : c.name)),
      wide,
    );
    const status =
      cond !== undefined && cond.status !== 'True'
        ? `${cond.reason ?? 'Unschedulable'}: ${cond.message ?? ''}`
        : 'Scheduled';
    const replicas = b.spec.clusters.some((c) => c.replicas !== undefined)
      ? String(b.spec.clusters.reduce((n, c) => n + (c.replicas ?? 0), 0))
      : '-';
    return [
      r.namespace ?? '',
      `${r.kind}/${r.name}`,
      policy,
      ...(wide ? [b.metadata.name, replicas] : []),
      clusters || '-',
      status,
    ];
  });
  const p = view.palette ?? plain;
  const header = ['NAMESPACE', 'RESOURCE', 'POLICY', ...(wide ? ['BINDING', 'REPLICAS'] : []), 'CLUSTERS', 'STATUS'];
  return formatTable(header, rows, noHeader, (text, column) =>
    column !== 'STATUS' ? text : text === 'Scheduled' ? p.green(text) : p.red(text),
  );
}
