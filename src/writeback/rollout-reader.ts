/** Reads every rollout record (`rollouts/**.yaml`) of a status branch commit. */
import { compareStrings } from '../api/index.ts';
import { listFiles, readCommitInfo, type BranchStore } from '../git/index.ts';
import type { RolloutState } from '../rollout/index.ts';
import { parseRolloutRecord, rolloutsRoot } from './rollout-record.ts';
import { isRolloutRequestPath } from './rollout-request.ts';
import { createStatusRecordReader, type StatusRecordReader } from './status-file-history.ts';

/**
 * The rollout records at `tip`, sorted by namespace and name (none for no tip); a record broken by
 * hand is reported through `records` and its last good version read instead (status-file-history.ts).
 */
export async function readRolloutRecords(
  store: BranchStore,
  tip: string | undefined,
  records: StatusRecordReader = createStatusRecordReader(store.repo),
): Promise<RolloutState[]> {
  if (!tip) return [];
  const files = await listFiles(store.repo, (await readCommitInfo(store.repo, tip)).tree);
  const out: RolloutState[] = [];
  for (const [path, oid] of files) {
    if (!path.startsWith(`${rolloutsRoot}/`) || !path.endsWith('.yaml') || isRolloutRequestPath(path)) continue;
    const s = await records.read(tip, { path, oid }, 'rollout record', parseRolloutRecord);
    if (s) out.push(s);
  }
  return out.sort((a, b) => compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name));
}
