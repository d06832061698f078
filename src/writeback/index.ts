/** The public surface of src/writeback: the status branch, the rendered branch and the rendered directory. */
export {
  commitToBranch,
  defaultAttempts,
  type BranchDecision,
  type DeferPublish,
  type BranchWriteOptions,
  type BranchWriteResult,
  type TipView,
} from './branch-commit.ts';
export {
  decisionTrailer,
  renderedCommitMessage,
  sourceTrailer,
  statusCommitMessage,
  type StatusMessageInput,
} from './commit-message.ts';
export { fileChanges, type DesiredFile, type PathChange } from './file-changes.ts';
export { maxSegmentLength, safeSegment } from './file-name.ts';
export { RenderOutUnwritable, writeRenderedDir } from './render-out.ts';
export { clusterScopedFolder, renderedFiles, renderedRoot } from './rendered-tree.ts';
export { renderedHolds, type RenderedHold } from './rendered-guard.ts';
export { writeRendered, type RenderedWriteResult } from './rendered-writer.ts';
export {
  writeClusterBranches,
  type ClusterBranchesResult,
  type ClusterBranchesWrite,
  type MovedClusterBranch,
} from './cluster-branch-writer.ts';
export { clusterBranchName, type ClusterBranchKept, type ClusterBranchSkip } from './cluster-branches.ts';
export {
  formatRevisionRecord,
  parseRevisionRecord,
  revisionPath,
  type Attempt,
  type Decision,
  type RevisionRecord,
} from './revision-record.ts';
export {
  bindingFiles,
  bindingTextCache,
  bindingsRoot,
  clustersRoot,
  statusFiles,
  type BindingTextCache,
  type ClusterObservation,
  type FailoverStatus,
  type StatusFiles,
  type StatusInput,
} from './status-files.ts';
export { parseClusterHealth, parseFailoverBinding } from './failover-state.ts';
export { parseRebalancerRecord, rebalancerFiles, rebalancersRoot } from './rebalancer-files.ts';
export {
  createStatusRecordReader,
  recordHistoryDepth,
  type StatusRecordReader,
} from './status-file-history.ts';
export {
  diagnoseStatusFile,
  formatStatusFileProblem,
  statusFileLogFields,
  type StatusFileProblem,
} from './status-file-problem.ts';
export {
  createStatusReader,
  type PreviousView,
  type RecordedFailover,
  type StatusReader,
  type StatusReaderOptions,
  type StatusView,
} from './status-reader.ts';
export {
  bindingTextOf,
  flotillaCommitsSince,
  toDesired,
  writeStatus,
  type ConcurrentWrite,
  type RebasedStatus,
  type StatusWrite,
  type StatusWriteResult,
} from './status-writer.ts';
export {
  formatClusterReport,
  parseClusterReport,
  reportDue,
  reportPath,
  reportsRoot,
  type ClusterReport,
  type ReportedWorkload,
} from './cluster-reports.ts';
export { readClusterReports, readRenderedClusters, writeClusterReports } from './shard-io.ts';
export {
  formatRolloutRecord,
  parseRolloutRecord,
  rolloutCommitMessage,
  rolloutPruneMessage,
  rolloutRecordPath,
  rolloutsRoot,
} from './rollout-record.ts';
export { readRolloutRecords } from './rollout-reader.ts';
export {
  formatRolloutRequest,
  isRolloutRequestPath,
  parseRolloutRequest,
  readRolloutRequests,
  rolloutRequestPath,
  type RolloutRequest,
} from './rollout-request.ts';
export {
  autoscalerRecordPath,
  autoscalersRoot,
  cronAutoscalersRoot,
  cronRecordPath,
  formatAutoscalerRecord,
  formatCronRecord,
  parseAutoscalerRecord,
  parseCronRecord,
} from './autoscaler-record.ts';
export { readAutoscalerRecords } from './autoscaler-reader.ts';
