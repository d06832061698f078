/** The outcome of one overrider step: a new document, or a reason it cannot apply. */
import type { JsonValue } from '../api/index.ts';

/** Why a step failed: a path that does not exist, or anything else (bad pointer, bad image, bad document). */
export type FailureCode = 'OverridePathMissing' | 'OverrideFailed';

/** A step's result. `Failed.reason` is a sentence fragment such as "path /spec/x does not exist". */
export type StepOutcome<T = JsonValue> =
  | { readonly kind: 'Applied'; readonly value: T }
  | { readonly kind: 'Failed'; readonly code: FailureCode; readonly reason: string };

/** A successful step. */
export function applied<T>(value: T): StepOutcome<T> {
  return { kind: 'Applied', value };
}

/** A step that failed because a path does not exist. */
export function pathMissing(reason: string): StepOutcome<never> {
  return { kind: 'Failed', code: 'OverridePathMissing', reason };
}

/** A step that failed for any other reason. */
export function failed(reason: string): StepOutcome<never> {
  return { kind: 'Failed', code: 'OverrideFailed', reason };
}
