/** The public surface of src/rollout: the pure decision of staged, health-gated rollouts (docs/rollouts.md). */
export { decideRollout, type OperatorRequest, type RolloutDecision, type RolloutInput } from './decide.ts';
export type { Transition } from './advance.ts';
export { clusterHealthOf, type ClusterHealth, type CopyObservation } from './health.ts';
export type { InForce, InForceSource } from './in-force.ts';
export type {
  ClusterProgress,
  ContentByCluster,
  RevisionContent,
  RolloutCondition,
  RolloutPhase,
  RolloutReason,
  RolloutState,
  WaveProgress,
} from './state.ts';
export { assignWaves, concurrencyOf, unmatchedWaveName, type AssignedWave } from './waves.ts';
export { clusterOfWork, isStaged, rolloutContents, worksInForce, type WorkSources } from './manifests-in-force.ts';
export { wavePlans, type PlannedWave, type WavePlan } from './wave-plan.ts';
export { rolloutSelectionDiagnostics } from './overlaps.ts';
export {
  decideFleetRollouts,
  templateKey,
  type FleetRolloutInput,
  type FleetRolloutResult,
  type RevisionWorks,
} from './fleet-rollouts.ts';
