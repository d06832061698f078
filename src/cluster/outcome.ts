/**
 * What happened to each object on a member, a closed set as fluxcd/pkg ssa/changeset.go
 * (created, configured, unchanged, deleted, skipped), plus drift corrected and failures with the
 * server's reason and message.
 */
import { parseConflicts, type FieldConflict } from './api-status.ts';
import { ClusterRequestFailed, ClusterUnreachable, KindNotServed } from './errors.ts';
import { describeObject, type ObjectId } from './object-id.ts';

/** Why an object failed: the API's reason (Conflict, Invalid, Forbidden, NotFound...), NotServed, or Unreachable. */
export type FailureReason = string;

/** The outcome of one object. Applied objects may be would-be outcomes of a server dry-run. */
export type Outcome =
  | { readonly action: 'created' }
  | { readonly action: 'configured'; readonly paths: readonly string[] }
  | { readonly action: 'drift-corrected'; readonly paths: readonly string[]; readonly managers: readonly string[] }
  | { readonly action: 'unchanged' }
  | { readonly action: 'deleted' }
  | { readonly action: 'gone' }
  /** Left in place and no longer tracked: prune disabled by annotation, or not owned by flotilla. */
  | { readonly action: 'orphaned'; readonly reason: string; readonly message: string }
  /** Not attempted because something else failed first (another object's dry-run, an earlier stage). */
  | { readonly action: 'skipped'; readonly reason: string; readonly message: string }
  | {
      readonly action: 'failed';
      readonly reason: FailureReason;
      readonly message: string;
      readonly conflicts?: readonly FieldConflict[];
    };

/** One object's result on one member. */
export interface ObjectResult {
  readonly id: ObjectId;
  /** The `flotilla.io/binding` of the manifest (or of the live object, when pruned). */
  readonly binding: string;
  readonly outcome: Outcome;
}

/** True when the object is on the member as planned after this run (or would be, in a dry-run). */
export function isInPlace(o: Outcome): boolean {
  return (
    o.action === 'created' || o.action === 'configured' || o.action === 'drift-corrected' || o.action === 'unchanged'
  );
}

/** The reason of an object left alone because its Work is suspended (Karmada Work `spec.suspendDispatching`). */
export const suspendedReason = 'SuspendDispatching';
/** The reason of an object left alone because the member's copy is not flotilla's and the Work says Abort. */
export const conflictAbortReason = 'ConflictAbort';

/**
 * True when the object was left alone on purpose, by its own Work (suspended, or a conflict under
 * Abort): Karmada dispatches each Work on its own, so this blocks neither the object's stage nor
 * pruning, as a failed apply does.
 */
export function isLeftByPolicy(o: Outcome): boolean {
  return (
    (o.action === 'skipped' && o.reason === suspendedReason) ||
    (o.action === 'failed' && o.reason === conflictAbortReason)
  );
}

/** Turns a failure of a request about `id` into a failed outcome naming the reason and the server's message. */
export function failureOutcome(err: unknown, id: ObjectId): Outcome & { action: 'failed' } {
  if (err instanceof KindNotServed) return { action: 'failed', reason: 'NotServed', message: err.message };
  if (err instanceof ClusterUnreachable) return { action: 'failed', reason: 'Unreachable', message: err.data.reason };
  if (err instanceof ClusterRequestFailed) {
    const s = err.data.status;
    if (s.code === 409 && s.reason === 'Conflict') {
      const conflicts = parseConflicts(s);
      if (conflicts.length) {
        const who = conflicts.map((c) => `${c.manager} owns ${c.fields.join(', ') || '(fields not given)'}`).join('; ');
        return {
          action: 'failed',
          reason: 'Conflict',
          message: `${describeObject(id)}: field manager conflict: ${who} (use --force-conflicts to take them over)`,
          conflicts,
        };
      }
    }
    return { action: 'failed', reason: s.reason, message: `${describeObject(id)}: ${s.message}` };
  }
  return {
    action: 'failed',
    reason: 'Error',
    message: `${describeObject(id)}: ${err instanceof Error ? err.message : String(err)}`,
  };
}
