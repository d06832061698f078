/** The public surface of src/plan: the pure pipeline and its serialised forms. */
export { planFleet, type BindingExplanation, type Plan, type PlanInput } from './plan-fleet.ts';
export {
  loadSnapshot,
  planInputOf,
  planLoaded,
  planSnapshot,
  withRolloutChecks,
  type LoadedRevision,
  type PlanLoadedOptions,
  type PreviousInput,
} from './plan-snapshot.ts';
export { parsePrevious, type AppliedPlacements, type PreviousPlacement, type PreviousRecords } from './previous.ts';
export { bindingId, bindingName, type Binding, type BindingSnapshot } from './binding.ts';
export { planToContract, type PlanContract, type ContractDiagnostic } from './contract.ts';
export { coverageCodes, coverageWarnings } from './policy-coverage.ts';
export { planHeadReusingBase, type HeadPlan, type PlannedBase, type Reuse } from './reuse-plan.ts';
export { workIndexOf } from './work-index.ts';
