/** Reads every rollout record (`rollouts/**.yaml`) of a status branch commit. */
import { compareStrings } from '../api/index.ts';
import { listFiles, readBlobText, readCommitInfo, type BranchStore } from '../git/index.ts';
import type { RolloutState } from '../rollout/index.ts';
import { parseRolloutRecord, rolloutsRoot } from './rollout-record.ts';
import { isRolloutRequestPath } from './rollout-request.ts';

/** The rollout records at `tip`, sorted by namespace and name (none for no tip); files that are not records are skipped. */
export async function readRolloutRecords(store: BranchStore, tip: string | undefined): Promise<RolloutState[]> {
  if (!tip) return [];
  const files = await listFiles(store.repo, (await readCommitInfo(store.repo, tip)).tree);
  const out: RolloutState[] = [];
  for (const [path, oid] of files) {
    if (!path.startsWith(`${rolloutsRoot}/`) || !path.endsWith('.yaml') || isRolloutRequestPath(path)) continue;
    const s = parseRolloutRecord(await readBlobText(store.repo, oid));
    if (s) out.push(s);
  }
  return out.sort((a, b) => compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name));
}
