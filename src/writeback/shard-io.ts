/**
 * What the shards of a sharded controller read and write on git: a worker shard reads its
 * clusters' manifests from the rendered branch (the decider's output, as Argo CD would) and
 * writes its cluster reports to the status branch; the decider reads the reports back.
 */
import YAML from 'yaml';
import { compareStrings, isPlainObject, type KubeObject } from '../api/index.ts';
import { listFiles, readBlobText, readCommitInfo, trailerValue, type BranchStore } from '../git/index.ts';
import { commitToBranch, type BranchWriteOptions, type BranchWriteResult } from './branch-commit.ts';
import { decisionTrailer, sourceTrailer } from './commit-message.ts';
import {
  formatClusterReport,
  parseClusterReport,
  reportPath,
  reportsRoot,
  type ClusterReport,
} from './cluster-reports.ts';
import { fileChanges } from './file-changes.ts';
import { safeSegment } from './file-name.ts';
import { renderedRoot } from './rendered-tree.ts';
import { createStatusRecordReader, type StatusRecordReader } from './status-file-history.ts';
import { toDesired } from './status-writer.ts';

function parseOrNull(text: string): unknown {
  try {
    return YAML.parse(text, { maxAliasCount: 100 }) ?? null;
  } catch (err) {
    if (err instanceof YAML.YAMLError) return null; // a file broken by hand: the record reader reports where
    throw err;
  }
}

/**
 * The cluster reports on the status branch at `tip`, sorted by cluster; a report broken by hand is
 * reported through `records` and its last good version read instead (status-file-history.ts).
 */
export async function readClusterReports(
  store: BranchStore,
  tip: string | undefined,
  records: StatusRecordReader = createStatusRecordReader(store.repo),
): Promise<ClusterReport[]> {
  if (!tip) return [];
  const files = await listFiles(store.repo, (await readCommitInfo(store.repo, tip)).tree);
  const out: ClusterReport[] = [];
  for (const [path, oid] of [...files].sort(([a], [b]) => compareStrings(a, b))) {
    if (!path.startsWith(`${reportsRoot}/`) || !path.endsWith('.yaml')) continue;
    const r = await records.read(tip, { path, oid }, 'cluster report', (t) => parseClusterReport(parseOrNull(t)));
    if (r) out.push(r);
  }
  return out;
}

/** The rendered branch's tip: its source revision and, for each of `clusters`, the manifests rendered for it. */
export async function readRenderedClusters(
  store: BranchStore,
  branch: string,
  clusters: readonly string[],
): Promise<{ revision: string | undefined; manifests: Map<string, KubeObject[]> }> {
  const tip = await store.tip(branch);
  const manifests = new Map<string, KubeObject[]>(clusters.map((c) => [c, []]));
  if (!tip) return { revision: undefined, manifests };
  const info = await readCommitInfo(store.repo, tip);
  const folders = new Map<string, string>(clusters.map((c) => [`${renderedRoot}/${safeSegment(c)}/`, c]));
  const files = await listFiles(store.repo, info.tree);
  for (const [path, oid] of [...files].sort(([a], [b]) => compareStrings(a, b))) {
    if (path.endsWith('/kustomization.yaml') || !path.endsWith('.yaml')) continue;
    const folder = `${path.split('/').slice(0, 2).join('/')}/`;
    const cluster = folders.get(folder);
    if (cluster === undefined) continue;
    const v = parseOrNull(await readBlobText(store.repo, oid));
    if (isPlainObject(v) && typeof v['kind'] === 'string') manifests.get(cluster)?.push(v as unknown as KubeObject);
  }
  return { revision: trailerValue(info.message, sourceTrailer) ?? undefined, manifests };
}

/** Commits these reports (only their files) to the status branch; nothing when there are none. */
export async function writeClusterReports(
  store: BranchStore,
  branch: string,
  reports: readonly ClusterReport[],
  revision: string,
  opts: BranchWriteOptions,
): Promise<BranchWriteResult> {
  if (reports.length === 0) return { kind: 'unchanged', tip: undefined };
  const desired = toDesired(new Map(reports.map((r) => [reportPath(r.cluster), formatClusterReport(r)] as const)));
  const shard = reports[0]?.shard ?? 0;
  const names = reports.map(
    (r) => `${r.cluster}: ${r.reachable ? (r.healthy ? 'ready' : 'not ready') : 'unreachable'}`,
  );
  return commitToBranch(
    store,
    branch,
    (tip) => {
      const changes = fileChanges(tip.files, desired, (p) => desired.has(p));
      if (changes.length === 0) return { kind: 'none' };
      const message = `flotilla: shard ${shard} observed ${reports.length} cluster${reports.length === 1 ? '' : 's'}\n\n${names.join('\n')}\n\n${sourceTrailer}: ${revision}\n${decisionTrailer}: observe\n`;
      return { kind: 'commit', changes, message, allowEmpty: false };
    },
    opts,
  );
}
