/**
 * `flotilla rollout status|plan` (docs/rollouts.md): each RolloutStrategy's progress as the status
 * branch records it, and the wave plan of a revision (which clusters each wave covers).
 */
import path from 'node:path';
import { formatDiagnostic, UsageError } from '../../api/index.ts';
import { findGitDir, localStore, openLocal } from '../../git/index.ts';
import { planLoaded } from '../../plan/index.ts';
import { wavePlans, type RolloutState, type WavePlan } from '../../rollout/index.ts';
import { readRolloutRecords } from '../../writeback/index.ts';
import { exitInvalid, exitOk, type Command, type ExitCode, type IO } from '../io.ts';
import { loadRevision, stringFlag } from '../load-revision.ts';
import { formatTable, toJsonText, toOutputFormat, toYamlText, type OutputFormat } from '../output.ts';

const verbs = ['status', 'plan'] as const;
type Values = Parameters<Command['run']>[0];

export const rolloutCommand: Command = {
  name: 'rollout',
  summary: 'Staged rollouts: the progress of each RolloutStrategy, and the waves of a revision',
  maxPositionals: 1,
  options: {
    repo: { type: 'string', default: '.' },
    ref: { type: 'string' },
    'status-branch': { type: 'string', default: 'flotilla-status' },
    output: { type: 'string', short: 'o', default: 'table' },
    'no-header': { type: 'boolean', default: false },
  },
  help: `Show staged rollouts (docs/rollouts.md).

Usage: flotilla rollout status [--repo DIR] [--status-branch NAME] [-o json|yaml|table]
       flotilla rollout plan [--repo DIR] [--ref REF] [-o json|yaml|table]

status reads rollouts/<namespace>/<name>.yaml at the tip of the status branch of the git
repository DIR and prints, per RolloutStrategy, its phase (Progressing, Paused, RolledBack, Done),
the wave in progress, the baseline and target revisions, and why it is where it is.
plan plans the revision (as \`flotilla plan\`) and prints, per strategy and wave, the clusters
the wave covers among those its templates are placed on, its bake, and how many clusters may take
a change at once. Both write nothing. The controller does not stage revisions by these strategies
yet (validate warns RolloutNotActedOn); pause, resume and abort are to come.

Options:
      --repo DIR              fleet repo (and git repository holding the status branch) (default: .)
      --ref REF               plan: the tree of this git ref of DIR
      --status-branch NAME    status: the status branch (default: flotilla-status)
  -o, --output FORMAT         json | yaml | table (default: table)
      --no-header             table without its header line

Output (-o json): status {"rollouts": [{namespace, name, phase, baselineRevision, target,
currentWave, waves, clusters, condition}]}; plan {"revision", "plans": [{namespace, name,
templates, waves: [{name, clusters, bakeSeconds, concurrency}]}]}; both sorted by namespace and name.

Exit status:
  0  the records were read (none is not an error) / the revision was planned
  1  plan: the revision is invalid
  2  usage error, or the repository could not be read

Examples:
  # Where each rollout of the fleet repo in the current directory is
  flotilla rollout status

  # Which clusters each wave of a pull request's head covers
  flotilla rollout plan --repo . --ref HEAD -o json | jq '.plans[].waves'
`,
  async run(values, positionals, io) {
    const verb = positionals[0] ?? '';
    if (!verbs.some((v) => v === verb))
      throw new UsageError(`rollout needs a subcommand, one of: ${verbs.join(', ')} (got "${verb}")`);
    const output = toOutputFormat(values['output']);
    return verb === 'plan' ? runPlan(values, output, io) : runStatus(values, output, io);
  },
};

async function runStatus(values: Values, output: OutputFormat, io: IO): Promise<ExitCode> {
  const dir = path.resolve(io.cwd, stringFlag(values['repo']) ?? '.');
  const gitdir = await findGitDir(dir);
  if (!gitdir) throw new UsageError(`${dir} is not a git repository`);
  const store = localStore(openLocal(gitdir), dir);
  const rollouts = await readRolloutRecords(
    store,
    await store.tip(stringFlag(values['status-branch']) ?? 'flotilla-status'),
  );
  if (output === 'json') io.stdout(toJsonText({ rollouts }));
  else if (output === 'yaml') io.stdout(toYamlText({ rollouts }));
  else io.stdout(statusTable(rollouts, values['no-header'] === true));
  return exitOk;
}

async function runPlan(values: Values, output: OutputFormat, io: IO): Promise<ExitCode> {
  const loaded = await loadRevision(stringFlag(values['repo']) ?? '.', stringFlag(values['ref']), io.cwd);
  const plan = planLoaded(loaded);
  if (plan.errors.length) {
    for (const d of plan.errors) io.stderr(`${formatDiagnostic(d)}\n`);
    return exitInvalid;
  }
  const plans = wavePlans(loaded.fleet, plan.works);
  if (output === 'json') io.stdout(toJsonText({ revision: plan.revision, plans }));
  else if (output === 'yaml') io.stdout(toYamlText({ revision: plan.revision, plans }));
  else io.stdout(planTable(plans, values['no-header'] === true));
  return exitOk;
}

function statusTable(rollouts: readonly RolloutState[], noHeader: boolean): string {
  const rows = rollouts.map((r) => {
    const wave = r.waves[r.currentWave];
    const where = wave
      ? `${r.currentWave + 1}/${r.waves.length} ${wave.name}`
      : `${r.waves.length}/${r.waves.length} done`;
    return [
      r.namespace,
      r.name,
      r.phase,
      where,
      (r.baselineRevision ?? '-').slice(0, 7),
      r.target.revision.slice(0, 7),
      r.condition.message,
    ];
  });
  return formatTable(['NAMESPACE', 'NAME', 'PHASE', 'WAVE', 'BASELINE', 'TARGET', 'MESSAGE'], rows, noHeader);
}

function planTable(plans: readonly WavePlan[], noHeader: boolean): string {
  const rows = plans.flatMap((p) =>
    p.waves.map((w, i) => [
      p.namespace,
      p.name,
      `${i + 1} ${w.name}`,
      w.clusters.join(',') || '-',
      `${w.bakeSeconds}s`,
      String(w.concurrency),
      p.templates.join(','),
    ]),
  );
  return formatTable(['NAMESPACE', 'NAME', 'WAVE', 'CLUSTERS', 'BAKE', 'AT ONCE', 'TEMPLATES'], rows, noHeader);
}
