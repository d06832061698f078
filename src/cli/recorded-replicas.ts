/**
 * Offline plans use the autoscalers' last recorded decisions: when the revision has a FederatedHPA or a
 * CronFederatedHPA and the repository has a status branch (locally, or as `origin/<branch>`), the
 * totals its records put in force replace the templates' own replicas (docs/autoscaling.md
 * "Precedence"), so `plan`, `diff` and previews show what the controller applies.
 */
import path from 'node:path';
import { replicasInForce, withReplicasInForce } from '../autoscale/index.ts';
import type { GitRepo } from '../git/index.ts';
import type { LoadedRevision } from '../plan/index.ts';

/** `loaded` with the recorded replicas in force; unchanged without autoscalers, a git repository or a status branch. */
export async function withRecordedReplicas(loaded: LoadedRevision, repo: string, cwd: string): Promise<LoadedRevision> {
  const fleet = loaded.fleet;
  if (!fleet.federatedHPAs?.length && !fleet.cronFederatedHPAs?.length) return loaded;
  // The git engine and the status branch's readers load only for a fleet with autoscalers.
  const { findGitDir, localStore, openLocal } = await import('../git/index.ts');
  const { readAutoscalerRecords } = await import('../writeback/index.ts');
  const dir = path.resolve(cwd, repo);
  const gitdir = await findGitDir(dir);
  if (!gitdir) return loaded;
  const store = localStore(openLocal(gitdir), dir);
  const branch = fleet.settings.statusBranch;
  const tip = (await store.tip(branch)) ?? (await remoteTip(store.repo, branch));
  if (!tip) return loaded;
  const { autoscalers, crons } = await readAutoscalerRecords(store, tip);
  return { ...loaded, fleet: withReplicasInForce(fleet, replicasInForce(fleet, autoscalers, crons)) };
}

/** `origin/<branch>` in a clone that never checked the status branch out; undefined when there is none. */
async function remoteTip(repo: GitRepo, branch: string): Promise<string | undefined> {
  const { RevisionUnresolvable, revParse } = await import('../git/index.ts');
  try {
    return await revParse(repo, `origin/${branch}`);
  } catch (err) {
    if (err instanceof RevisionUnresolvable) return undefined;
    throw err;
  }
}
