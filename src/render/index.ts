/** The public surface of src/render: bindings → Works. */
export { renderBinding, type RenderContext, type RenderRequest } from './render-binding.ts';
export { OverrideClasses, renderClassOf } from './override-classes.ts';
export {
  isUnsyncedNamespace,
  renderNamespaceWork,
  renderSyncedNamespace,
  skipsAutoPropagation,
  syncedNamespaceOf,
} from './namespaces.ts';
export { executionNamespace, workName, type Work } from './work.ts';
export { pruneIrrelevantFields } from './prune-fields.ts';
export { markOwnership } from './ownership-marks.ts';
export {
  attachedDispatchPolicy,
  mergeConflictResolution,
  shouldSuspendDispatching,
  workDispatch,
  type ConflictResolution,
  type DispatchPolicy,
  type WorkDispatch,
} from './dispatch.ts';
export { reservedLabelState } from './state-injection.ts';
export { jobCompletionsOf } from './job-completions.ts';
