/**
 * Reads the status branch: `revision.yaml` (cheap, read first: an unchanged source revision stops
 * there) and the recorded bindings, which become the planner's previous placement.
 */
import YAML from 'yaml';
import { compareStrings } from '../api/index.ts';
import { GitRepositoryBroken, listFiles, readBlobAt, readCommitInfo, type BranchStore } from '../git/index.ts';
import { parsePrevious, type AppliedPlacements, type PreviousPlacement, type PreviousRecords } from '../plan/index.ts';
import { parseRevisionRecord, revisionPath, type RevisionRecord } from './revision-record.ts';
import type { ClusterHealthState, FailoverBinding } from '../status/index.ts';
import { parseClusterHealth, parseFailoverBinding } from './failover-state.ts';
import { bindingsRoot, clustersRoot } from './status-files.ts';
import { parseRebalancerRecord, rebalancersRoot } from './rebalancer-files.ts';
import type { RebalanceRecords } from '../rebalance/index.ts';
import { createStatusRecordReader } from './status-file-history.ts';
import type { StatusFileProblem } from './status-file-problem.ts';

/** What the status branch says about the last revisions. */
export interface StatusView {
  readonly tip: string | undefined;
  readonly record: RevisionRecord | undefined;
}

/** A reader that remembers parsed binding files by blob oid, so a steady branch is parsed once. */
export interface StatusReader {
  /** The tip and its `revision.yaml`. */
  record(branch: string): Promise<StatusView>;
  /** The placement recorded in `bindings/**` at `tip`, and the placement each was scheduled with (empty for no tip). */
  previous(tip: string | undefined): Promise<PreviousView>;
  /** The controller's failover memory at `tip`: cluster health states and recorded bindings, sorted. */
  failoverState(tip: string | undefined): Promise<RecordedFailover>;
}

/** What a status reader is told besides its store. */
export interface StatusReaderOptions {
  /** Hears each broken status file once (the controller logs it); the pass goes on without it. */
  readonly onProblem?: (p: StatusFileProblem) => void;
}

/** The recorded placement and the policy placement each binding was scheduled with. */
export interface PreviousView {
  readonly placement: PreviousPlacement;
  readonly applied: AppliedPlacements;
  /** What each binding recorded about its claim (claiming policy, a Lazy policy's template version). */
  readonly records: PreviousRecords;
  /** What each WorkloadRebalancer has done, by name (`rebalancers/*.yaml`). */
  readonly rebalancers: RebalanceRecords;
}

/** What the status branch remembers for the failover pass. */
export interface RecordedFailover {
  readonly clusters: readonly ClusterHealthState[];
  readonly bindings: readonly FailoverBinding[];
  /** What each WorkloadRebalancer has done, by name (`rebalancers/*.yaml`). */
  readonly rebalancers?: RebalanceRecords;
}

/** Creates a reader over `store`. */
export function createStatusReader(store: BranchStore, options: StatusReaderOptions = {}): StatusReader {
  let parsed = new Map<string, unknown>();
  const records = createStatusRecordReader(store.repo, options.onProblem);
  const rebalancer = (tip: string, path: string, oid: string) =>
    records.read(tip, { path, oid }, 'WorkloadRebalancer record', (t) => parseRebalancerRecord(yamlValue(t)));
  return {
    async record(branch) {
      const tip = await store.tip(branch);
      if (!tip) return { tip, record: undefined };
      try {
        const bytes = await readBlobAt(store.repo, tip, revisionPath);
        return { tip, record: bytes ? parseRevisionRecord(new TextDecoder().decode(bytes)) : undefined };
      } catch (err) {
        throw new GitRepositoryBroken(
          `cannot read ${revisionPath} of ${branch} in ${store.location}`,
          { gitdir: store.repo.gitdir },
          { cause: err },
        );
      }
    },
    async previous(tip) {
      if (!tip) return { placement: new Map(), applied: new Map(), records: new Map(), rebalancers: new Map() };
      const files = await listFiles(store.repo, (await readCommitInfo(store.repo, tip)).tree);
      const next = new Map<string, unknown>();
      const list: unknown[] = [];
      const rebalancers = new Map<string, NonNullable<ReturnType<typeof parseRebalancerRecord>>[1]>();
      for (const [path, oid] of [...files].sort(([a], [b]) => compareStrings(a, b))) {
        if (path.startsWith(`${rebalancersRoot}/`) && path.endsWith('.yaml')) {
          const r = await rebalancer(tip, path, oid);
          if (r) rebalancers.set(r[0], r[1]);
          continue;
        }
        if (!path.startsWith(`${bindingsRoot}/`) || !path.endsWith('.yaml')) continue;
        let value = parsed.get(oid);
        if (value === undefined) value = (await records.read(tip, { path, oid }, bindingRecord, bindingValue)) ?? null;
        next.set(oid, value);
        if (value !== null) list.push(value);
      }
      parsed = next;
      // An entry broken by hand keeps its last good version (status-file-history.ts); with none, it
      // only loses its stability hint: it never fails the plan.
      const read = parsePrevious(list, 'status-branch');
      return { placement: read.previous, applied: read.applied, records: read.records, rebalancers };
    },
    async failoverState(tip) {
      if (!tip) return { clusters: [], bindings: [] };
      const files = await listFiles(store.repo, (await readCommitInfo(store.repo, tip)).tree);
      const clusters: ClusterHealthState[] = [];
      const bindings: FailoverBinding[] = [];
      const rebalancers = new Map<string, NonNullable<ReturnType<typeof parseRebalancerRecord>>[1]>();
      for (const [path, oid] of [...files].sort(([a], [b]) => compareStrings(a, b))) {
        if (!path.endsWith('.yaml')) continue;
        const file = { path, oid };
        if (path.startsWith(`${clustersRoot}/`)) {
          const c = await records.read(tip, file, 'Cluster status record', (t) => parseClusterHealth(yamlValue(t)));
          if (c) clusters.push(c);
        } else if (path.startsWith(`${bindingsRoot}/`)) {
          const b = await records.read(tip, file, bindingRecord, (t) => parseFailoverBinding(yamlValue(t)));
          if (b) bindings.push(b);
        } else if (path.startsWith(`${rebalancersRoot}/`)) {
          const r = await rebalancer(tip, path, oid);
          if (r) rebalancers.set(r[0], r[1]);
        }
      }
      return {
        clusters: clusters.sort((a, b) => compareStrings(a.cluster, b.cluster)),
        bindings: bindings.sort((a, b) => compareStrings(a.key, b.key)),
        rebalancers,
      };
    },
  };
}

const bindingRecord = 'ResourceBinding record';

/** A binding file's value when it reads as a binding (the failover pass's shape), else undefined. */
function bindingValue(text: string): unknown {
  const v = yamlValue(text);
  return parseFailoverBinding(v) === undefined ? undefined : v;
}

/** The YAML value of a status file; undefined when it does not parse (the record reader reports where). */
function yamlValue(text: string): unknown {
  try {
    return YAML.parse(text, { maxAliasCount: 10 }) ?? undefined;
  } catch (err) {
    if (err instanceof YAML.YAMLError) return undefined;
    throw err;
  }
}
