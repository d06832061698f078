/** Reads every autoscaler record (`autoscalers/**.yaml`, `cronfederatedhpas/**.yaml`) of a status branch commit. */
import { compareStrings } from '../api/index.ts';
import type { AutoscalerRecord, CronRecord } from '../autoscale/index.ts';
import { listFiles, readBlobText, readCommitInfo, type BranchStore } from '../git/index.ts';
import { autoscalersRoot, cronAutoscalersRoot, parseAutoscalerRecord, parseCronRecord } from './autoscaler-record.ts';

/** The records at `tip`, each list sorted by namespace and name (none for no tip); other files are skipped. */
export async function readAutoscalerRecords(
  store: BranchStore,
  tip: string | undefined,
): Promise<{ autoscalers: AutoscalerRecord[]; crons: CronRecord[] }> {
  if (!tip) return { autoscalers: [], crons: [] };
  const files = await listFiles(store.repo, (await readCommitInfo(store.repo, tip)).tree);
  const autoscalers: AutoscalerRecord[] = [];
  const crons: CronRecord[] = [];
  for (const [path, oid] of files) {
    if (!path.endsWith('.yaml')) continue;
    if (path.startsWith(`${autoscalersRoot}/`)) {
      const r = parseAutoscalerRecord(await readBlobText(store.repo, oid));
      if (r) autoscalers.push(r);
    } else if (path.startsWith(`${cronAutoscalersRoot}/`)) {
      const r = parseCronRecord(await readBlobText(store.repo, oid));
      if (r) crons.push(r);
    }
  }
  const byName = (a: { namespace: string; name: string }, b: { namespace: string; name: string }) =>
    compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name);
  return { autoscalers: autoscalers.sort(byName), crons: crons.sort(byName) };
}
