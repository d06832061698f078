/**
 * Releasing a member object instead of deleting it, for Works with `preserveResourcesOnDeletion`
 * (Karmada pkg/controllers/execution/execution_controller.go handleWorkDelete →
 * cleanupPolicyClaimMetadata): the object stays, without the marks that make it flotilla's, so no
 * later prune touches it and a later apply treats it as someone else's (conflictResolution).
 */
import { bindingAnnotation, managedByLabel, manifestHashAnnotation } from '../api/index.ts';
import type { MemberClient } from './member-client.ts';
import { describeObject, type ObjectId } from './object-id.ts';
import { failureOutcome, type Outcome } from './outcome.ts';

/** The reason of a released object's outcome. */
export const preservedReason = 'PreserveResourcesOnDeletion';

/** The JSON merge patch that removes flotilla's ownership label and annotations (R4 constants). */
export function releasePatch(): Record<string, unknown> {
  return {
    metadata: {
      labels: { [managedByLabel]: null },
      annotations: { [bindingAnnotation]: null, [manifestHashAnnotation]: null },
    },
  };
}

/** Removes the marks of a live object flotilla owns; never throws. */
export async function releaseObject(client: MemberClient, id: ObjectId, dryRun: boolean): Promise<Outcome> {
  try {
    const done = await client.mergePatch(id, releasePatch(), { dryRun });
    if (done === 'gone') return { action: 'gone' };
    return {
      action: 'orphaned',
      reason: preservedReason,
      message: `${describeObject(id)} released: left on the member without flotilla's label and annotations (preserveResourcesOnDeletion)`,
    };
  } catch (err) {
    return failureOutcome(err, id);
  }
}
