/**
 * `flotilla rollout status|plan` (docs/rollouts.md): each RolloutStrategy's progress as the status
 * branch records it, and the wave plan of a revision (which clusters each wave covers).
 */
import path from 'node:path';
import { formatDiagnostic, UsageError } from '../../api/index.ts';
import { defaultIdentity, findGitDir, localStore, openLocal, type BranchStore } from '../../git/index.ts';
import { planLoaded } from '../../plan/index.ts';
import { wavePlans, type OperatorRequest, type RolloutState, type WavePlan } from '../../rollout/index.ts';
import {
  commitToBranch,
  decisionTrailer,
  formatRolloutRequest,
  readRolloutRecords,
  readRolloutRequests,
  rolloutRequestPath,
  type RolloutRequest,
} from '../../writeback/index.ts';
import { exitInvalid, exitOk, type Command, type ExitCode, type IO } from '../io.ts';
import { loadRevision, stringFlag } from '../load-revision.ts';
import { formatTable, toJsonText, toOutputFormat, toYamlText, type OutputFormat } from '../output.ts';

const verbs = ['status', 'plan', 'pause', 'resume', 'abort'] as const;
const requestOf: Readonly<Record<string, OperatorRequest>> = { pause: 'Pause', resume: 'Resume', abort: 'Abort' };
type Values = Parameters<Command['run']>[0];

export const rolloutCommand: Command = {
  name: 'rollout',
  summary: 'Staged rollouts: the progress of each RolloutStrategy, and the waves of a revision',
  maxPositionals: 2,
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
       flotilla rollout pause|resume|abort NAMESPACE/NAME [--repo DIR] [--status-branch NAME]

status reads rollouts/<namespace>/<name>.yaml at the tip of the status branch of the git
repository DIR and prints, per RolloutStrategy, its phase (Progressing, Paused, RolledBack, Done),
the wave in progress, the baseline and target revisions, and why it is where it is.
plan plans the revision (as \`flotilla plan\`) and prints, per strategy and wave, the clusters
the wave covers among those its templates are placed on, its bake, and how many clusters may take
a change at once. Both write nothing.
pause, resume and abort commit rollouts/<namespace>/<name>.request.yaml to the status branch of
the git repository DIR, for the controller to act on: pause holds the rollout where it is, resume
continues it (the deadline restarts), abort returns the started clusters to the last fully
rolled-out manifests. The strategy must have a rollout recorded. The controller does not stage
revisions by these strategies yet (validate warns RolloutNotActedOn), so requests wait until it does.

Options:
      --repo DIR              fleet repo (and git repository holding the status branch) (default: .)
      --ref REF               plan: the tree of this git ref of DIR
      --status-branch NAME    status: the status branch (default: flotilla-status)
  -o, --output FORMAT         json | yaml | table (default: table)
      --no-header             table without its header line

Output (-o json): status {"rollouts": [{namespace, name, phase, baselineRevision, target,
currentWave, waves, clusters, condition}], "requests": [{namespace, name, request, requestedAt}]}; plan {"revision", "plans": [{namespace, name,
templates, waves: [{name, clusters, bakeSeconds, concurrency}]}]}; both sorted by namespace and name.

Exit status:
  0  the records were read (none is not an error) / the revision was planned / the request committed
  1  plan: the revision is invalid
  2  usage error, or the repository could not be read

Examples:
  # Where each rollout of the fleet repo in the current directory is
  flotilla rollout status

  # Hold the storefront rollout, then let it go on
  flotilla rollout pause shop/storefront && flotilla rollout resume shop/storefront

  # Which clusters each wave of a pull request's head covers
  flotilla rollout plan --repo . --ref HEAD -o json | jq '.plans[].waves'
`,
  async run(values, positionals, io) {
    const verb = positionals[0] ?? '';
    if (!verbs.some((v) => v === verb))
      throw new UsageError(`rollout needs a subcommand, one of: ${verbs.join(', ')} (got "${verb}")`);
    const request = requestOf[verb];
    if (request !== undefined) return runRequest(values, positionals[1], request, io);
    if (positionals.length > 1) throw new UsageError(`rollout ${verb} takes no argument (got "${positionals[1]}")`);
    const output = toOutputFormat(values['output']);
    return verb === 'plan' ? runPlan(values, output, io) : runStatus(values, output, io);
  },
};

async function openStore(values: Values, io: IO): Promise<{ store: BranchStore; branch: string }> {
  const dir = path.resolve(io.cwd, stringFlag(values['repo']) ?? '.');
  const gitdir = await findGitDir(dir);
  if (!gitdir) throw new UsageError(`${dir} is not a git repository`);
  return {
    store: localStore(openLocal(gitdir), dir),
    branch: stringFlag(values['status-branch']) ?? 'flotilla-status',
  };
}

async function runStatus(values: Values, output: OutputFormat, io: IO): Promise<ExitCode> {
  const { store, branch } = await openStore(values, io);
  const tip = await store.tip(branch);
  const rollouts = await readRolloutRecords(store, tip);
  const requests = await readRolloutRequests(store, tip);
  if (output === 'json') io.stdout(toJsonText({ rollouts, requests }));
  else if (output === 'yaml') io.stdout(toYamlText({ rollouts, requests }));
  else io.stdout(statusTable(rollouts, requests, values['no-header'] === true));
  return exitOk;
}

/** Commits a person's request beside the strategy's record (the controller removes it once acted on). */
async function runRequest(
  values: Values,
  target: string | undefined,
  request: OperatorRequest,
  io: IO,
): Promise<ExitCode> {
  const [namespace, name, ...rest] = (target ?? '').split('/');
  if (!namespace || !name || rest.length)
    throw new UsageError(`rollout ${request.toLowerCase()} needs NAMESPACE/NAME (got "${target ?? ''}")`);
  const { store, branch } = await openStore(values, io);
  const recorded = await readRolloutRecords(store, await store.tip(branch));
  if (!recorded.some((r) => r.namespace === namespace && r.name === name))
    throw new UsageError(`no rollout of ${namespace}/${name} is recorded on ${branch}`);
  const now = new Date();
  const text = formatRolloutRequest({ namespace, name, request, requestedAt: now.toISOString() });
  const message = `flotilla: rollout ${namespace}/${name}: ${request} requested\n\n${decisionTrailer}: rollout-request\n`;
  const change = { path: rolloutRequestPath(namespace, name), content: new TextEncoder().encode(text) };
  await commitToBranch(store, branch, () => ({ kind: 'commit', changes: [change], message, allowEmpty: false }), {
    identity: defaultIdentity,
    now: () => now,
  });
  io.stderr(`${request} of ${namespace}/${name} requested on ${branch}\n`);
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

function statusTable(
  rollouts: readonly RolloutState[],
  requests: readonly RolloutRequest[],
  noHeader: boolean,
): string {
  const rows = rollouts.map((r) => {
    const pending = requests.find((q) => q.namespace === r.namespace && q.name === r.name);
    const wave = r.waves[r.currentWave];
    const where = wave
      ? `${r.currentWave + 1}/${r.waves.length} ${wave.name}`
      : `${r.waves.length}/${r.waves.length} done`;
    return [
      r.namespace,
      r.name,
      pending ? `${r.phase} (${pending.request} requested)` : r.phase,
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
