/** `flotilla rollout status`: each RolloutStrategy's progress as the status branch records it (docs/rollouts.md). */
import path from 'node:path';
import { UsageError } from '../../api/index.ts';
import { findGitDir, localStore, openLocal } from '../../git/index.ts';
import type { RolloutState } from '../../rollout/index.ts';
import { readRolloutRecords } from '../../writeback/index.ts';
import { exitOk, type Command } from '../io.ts';
import { stringFlag } from '../load-revision.ts';
import { formatTable, toJsonText, toOutputFormat, toYamlText } from '../output.ts';

const verbs = ['status'] as const;

export const rolloutCommand: Command = {
  name: 'rollout',
  summary: 'Staged rollouts: the phase and current wave of each RolloutStrategy',
  maxPositionals: 1,
  options: {
    repo: { type: 'string', default: '.' },
    'status-branch': { type: 'string', default: 'flotilla-status' },
    output: { type: 'string', short: 'o', default: 'table' },
    'no-header': { type: 'boolean', default: false },
  },
  help: `Show the staged rollouts recorded on the status branch.

Usage: flotilla rollout status [--repo DIR] [--status-branch NAME] [-o json|yaml|table]

Reads rollouts/<namespace>/<name>.yaml at the tip of the status branch of the git repository
DIR and prints, per RolloutStrategy, its phase (Progressing, Paused, RolledBack, Done), the wave in
progress, the baseline and target revisions, and why it is where it is. Writes nothing.
Staged rollouts are designed and decided (docs/rollouts.md) but the controller does not act on
them yet, so the records exist only where something wrote them; pause, resume and abort are to come.

Options:
      --repo DIR              git repository holding the status branch (default: .)
      --status-branch NAME    the status branch (default: flotilla-status)
  -o, --output FORMAT         json | yaml | table (default: table)
      --no-header             table without its header line

Output (-o json): {"rollouts": [{namespace, name, phase, baselineRevision, target, currentWave,
waves, clusters, condition}]}, sorted by namespace and name.

Exit status:
  0  the records were read (none is not an error)
  2  usage error, or the repository could not be read

Examples:
  # Where each rollout of the fleet repo in the current directory is
  flotilla rollout status

  # The canary's clusters of one strategy, with jq
  flotilla rollout status -o json | jq '.rollouts[] | select(.name=="storefront") | .waves[0].clusters'
`,
  async run(values, positionals, io) {
    const verb = positionals[0] ?? '';
    if (!verbs.some((v) => v === verb))
      throw new UsageError(`rollout needs a subcommand, one of: ${verbs.join(', ')} (got "${verb}")`);
    const output = toOutputFormat(values['output']);
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
    else io.stdout(rolloutTable(rollouts, values['no-header'] === true));
    return exitOk;
  },
};

function rolloutTable(rollouts: readonly RolloutState[], noHeader: boolean): string {
  const rows = rollouts.map((r) => {
    const wave = r.waves[r.currentWave];
    return [
      r.namespace,
      r.name,
      r.phase,
      wave ? `${r.currentWave + 1}/${r.waves.length} ${wave.name}` : `${r.waves.length}/${r.waves.length} done`,
      (r.baselineRevision ?? '-').slice(0, 7),
      r.target.revision.slice(0, 7),
      r.condition.message,
    ];
  });
  return formatTable(['NAMESPACE', 'NAME', 'PHASE', 'WAVE', 'BASELINE', 'TARGET', 'MESSAGE'], rows, noHeader);
}
