/**
 * `flotilla rollout status|plan|pause|resume|abort` (docs/rollouts.md): each RolloutStrategy's
 * progress as the status branch records it, the wave plan of a revision, and a person's requests.
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
import { defineCommand } from '../command.ts';
import { flag, type FlagValues } from '../flags.ts';
import { exitInvalid, exitOk, type ExitCode, type IO } from '../io.ts';
import { loadRevision } from '../load-revision.ts';
import { formatTable, toJsonText, toYamlText } from '../output.ts';
import { outputFlags } from '../shared-flags.ts';

const verbs = ['status', 'plan', 'pause', 'resume', 'abort'] as const;
const requestOf: Readonly<Record<string, OperatorRequest>> = { pause: 'Pause', resume: 'Resume', abort: 'Abort' };

const flags = {
  repo: flag.string('DIR', 'fleet repo, and the git repository holding the status branch', { default: '.' }),
  ref: flag.string('REF', 'plan: the tree of this git revision of DIR instead of the working tree'),
  'status-branch': flag.string('NAME', 'status, pause, resume, abort: the status branch', {
    default: 'flotilla-status',
  }),
  ...outputFlags(['json', 'yaml', 'table']),
};
type Values = FlagValues<typeof flags>;

/** `flotilla rollout`: the command definition (K1). */
export const rolloutCommand = defineCommand({
  name: 'rollout',
  summary: 'Staged rollouts: the progress of each RolloutStrategy, the waves of a revision, pause/resume/abort',
  maxPositionals: 2,
  flags,
  about: `Show and steer staged rollouts (docs/rollouts.md).

Usage: flotilla rollout status [--repo DIR] [--status-branch NAME] [-o json|yaml|table]
       flotilla rollout plan [--repo DIR] [--ref REF] [-o json|yaml|table]
       flotilla rollout pause|resume|abort NAMESPACE/NAME [--repo DIR] [--status-branch NAME]

status reads rollouts/<namespace>/<name>.yaml at the tip of the status branch of the git
repository DIR and prints, per RolloutStrategy, its phase (Progressing, Paused, RolledBack, Done),
the wave in progress, the baseline and target revisions, why it is where it is, and any pending request.
plan plans the revision (as \`flotilla plan\`) and prints, per strategy and wave, the clusters
the wave covers among those its templates are placed on, its bake, and how many clusters may take
a change at once. Both write nothing.
pause, resume and abort commit rollouts/<namespace>/<name>.request.yaml to the status branch of
the git repository DIR, for the controller to act on: pause holds the rollout where it is, resume
continues it (the deadline restarts), abort returns the started clusters to the last fully
rolled-out manifests. The strategy must have a rollout recorded; the request file is removed in
the commit that records what the controller did.`,
  footer: `Output (-o json): status {"rollouts": [{namespace, name, phase, baselineRevision, target,
currentWave, waves, clusters, condition}], "requests": [{namespace, name, request, requestedAt}]};
plan {"revision", "plans": [{namespace, name, templates, waves: [{name, clusters, bakeSeconds,
concurrency}]}]}; both sorted by namespace and name.

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
    return verb === 'plan' ? runPlan(values, io) : runStatus(values, io);
  },
});

async function openStore(values: Values, io: IO): Promise<{ store: BranchStore; branch: string }> {
  const dir = path.resolve(io.cwd, values.repo);
  const gitdir = await findGitDir(dir);
  if (!gitdir) throw new UsageError(`${dir} is not a git repository`);
  return {
    store: localStore(openLocal(gitdir), dir),
    branch: values['status-branch'],
  };
}

async function runStatus(values: Values, io: IO): Promise<ExitCode> {
  const output = values.output;
  const { store, branch } = await openStore(values, io);
  const tip = await store.tip(branch);
  const rollouts = await readRolloutRecords(store, tip);
  const requests = await readRolloutRequests(store, tip);
  if (output === 'json') io.stdout(toJsonText({ rollouts, requests }));
  else if (output === 'yaml') io.stdout(toYamlText({ rollouts, requests }));
  else io.stdout(statusTable(rollouts, requests, values['no-headers']));
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

async function runPlan(values: Values, io: IO): Promise<ExitCode> {
  const output = values.output;
  const loaded = await loadRevision(values.repo, values.ref, io.cwd);
  const plan = planLoaded(loaded);
  if (plan.errors.length) {
    for (const d of plan.errors) io.stderr(`${formatDiagnostic(d)}\n`);
    return exitInvalid;
  }
  const plans = wavePlans(loaded.fleet, plan.works);
  if (output === 'json') io.stdout(toJsonText({ revision: plan.revision, plans }));
  else if (output === 'yaml') io.stdout(toYamlText({ revision: plan.revision, plans }));
  else io.stdout(planTable(plans, values['no-headers']));
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
