/** The public surface of src/preview: pull-request previews of what a change does to the fleet (pure). */
export { diffPlans, summaryLine, type DiffSide } from './diff-plans.ts';
export { diffBindings, differingPaths, jsonEqual, policyOf } from './placement-diff.ts';
export { diffWorks, unifiedDiff } from './manifest-diff.ts';
export { aggregateMoves, movedReplicas, movesOf } from './replica-moves.ts';
export { formatMarkdown, markdownLimit, previewMarker } from './markdown.ts';
export { formatMermaid } from './mermaid.ts';
export { formatTable } from './table.ts';
export {
  changeKinds,
  previewSchema,
  type ChangeKind,
  type ClusterChange,
  type ClusterPlacement,
  type DiffSummary,
  type ObjectChange,
  type PlanDiff,
  type ReplicaMove,
  type ResourceChange,
  type RevisionSide,
  type SchedulingState,
} from './model.ts';
export { wavesOfChange, wavesSection } from './waves-markdown.ts';
