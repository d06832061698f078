/**
 * Group scores (Karmada spreadconstraint/group_clusters.go calcGroupScore). Scores are integers; a
 * group's capacity counts in units of 1000 so that it outranks the average cluster score (0–100).
 *
 * Duplicated: clusters able to run all replicas × 1000 + their average score.
 *   replicas 50, available 60/70/40/30/10 all scoring 100 → 2·1000 + 100 = 2100.
 * Divided: target = ⌈replicas / minGroups⌉; walk the group's clusters in rank order until at least
 *   max(cluster minGroups, minGroups) clusters hold the target; a group that reaches it scores
 *   target·1000 + average score of the clusters walked, otherwise available·1000 + score sum / clusters.
 *   replicas 100, minGroups 2, available 40/30/10/10 scoring 0 → target 50 → 50·1000 + 0 = 50000.
 */
import type { Candidate } from '../candidate.ts';

/** The inputs of a group score besides the group's clusters. */
export interface GroupScoreInput {
  readonly duplicated: boolean;
  readonly replicas: number;
  /** minGroups of the group's own spread constraint. */
  readonly minGroups: number;
  /** minGroups of the cluster spread constraint (0 when absent). */
  readonly clusterMinGroups: number;
}

/** The group's score; `clusters` in rank order (compareCandidates). */
export function groupScore(clusters: readonly Candidate[], input: GroupScoreInput): number {
  if (input.duplicated) return duplicatedScore(clusters, input.replicas);
  const minGroups = Math.max(input.minGroups, 1);
  const target = Math.ceil(input.replicas / minGroups);
  const needClusters = Math.max(input.clusterMinGroups, input.minGroups);
  let sumAvailable = 0;
  let sumScore = 0;
  let walked = 0;
  for (const c of clusters) {
    sumAvailable += c.available;
    sumScore += c.score;
    walked++;
    if (walked >= needClusters && sumAvailable >= target) break;
  }
  if (sumAvailable < target) return sumAvailable * 1000 + Math.trunc(sumScore / Math.max(clusters.length, 1));
  return target * 1000 + Math.trunc(sumScore / Math.max(walked, 1));
}

function duplicatedScore(clusters: readonly Candidate[], replicas: number): number {
  let valid = 0;
  let sum = 0;
  for (const c of clusters) {
    if (c.available >= replicas) {
      valid++;
      sum += c.score;
    }
  }
  return valid === 0 ? 0 : valid * 1000 + Math.trunc(sum / valid);
}
