/** The public surface of src/simulate: failure-impact analysis over a plan (pure). */
export { createSimulator, type BindingFailover, type SimulationInput, type Simulator } from './simulate.ts';
export {
  eachScenarios,
  failedClusters,
  isFailureKey,
  parseFailureSelector,
  scenarioOf,
  type SelectorParse,
} from './scenario.ts';
export { failureKeys } from './types.ts';
export type {
  ClusterLoad,
  FailureKey,
  FailureSelector,
  LossReason,
  ReplicaMove,
  Scenario,
  ScenarioImpact,
  ScenarioSummary,
  UsedCapacity,
  WorkloadImpact,
  WorkloadVerdict,
} from './types.ts';
export { cell as markdownCell, formatScenariosMarkdown } from './markdown.ts';
export { describeLoad, describeMoves, describeReasons, isNearFull, nearFullShare, workloadName } from './describe.ts';
export {
  compareResilience,
  smallFleet,
  type ResilienceChange,
  type ResilienceReport,
  type ResilienceSide,
} from './resilience.ts';
