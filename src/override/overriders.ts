/**
 * One rule's overriders, in the order Karmada applies them (overridemanager.go
 * applyPolicyOverriders): imageOverrider, commandOverrider, argsOverrider, labelsOverrider,
 * annotationsOverrider, fieldOverrider, then all plaintext operations as one JSON patch. Within
 * each list, entries apply one after another, each seeing the previous one's result.
 */
import type { JsonObject, Overriders } from '../api/index.ts';
import { applyCommandArgsOverrider } from './command-args-overrider.ts';
import { applyFieldOverrider } from './field-overrider.ts';
import { applyImageOverrider } from './image-overrider.ts';
import { applyJsonPatch } from './json-patch.ts';
import { applyLabelAnnotationOverrider } from './label-annotation-overrider.ts';
import type { FailureCode, StepOutcome } from './outcome.ts';

/** The overridden document, or the first overrider that failed (e.g. `plaintext[1]`) and why. */
export type OverridersOutcome =
  | { readonly kind: 'Applied'; readonly document: JsonObject }
  | { readonly kind: 'Failed'; readonly overrider: string; readonly code: FailureCode; readonly reason: string };

type Step = (doc: JsonObject) => StepOutcome;

/** Applies every overrider of a rule to a copy of `doc`. */
export function applyOverriders(doc: JsonObject, o: Overriders): OverridersOutcome {
  const steps: [string, Step][] = [
    ...(o.imageOverrider ?? []).map((x, i): [string, Step] => [
      `imageOverrider[${i}]`,
      (d) => applyImageOverrider(d, x),
    ]),
    ...(o.commandOverrider ?? []).map((x, i): [string, Step] => [
      `commandOverrider[${i}]`,
      (d) => applyCommandArgsOverrider(d, 'command', x),
    ]),
    ...(o.argsOverrider ?? []).map((x, i): [string, Step] => [
      `argsOverrider[${i}]`,
      (d) => applyCommandArgsOverrider(d, 'args', x),
    ]),
    ...(o.labelsOverrider ?? []).map((x, i): [string, Step] => [
      `labelsOverrider[${i}]`,
      (d) => applyLabelAnnotationOverrider(d, 'labels', x),
    ]),
    ...(o.annotationsOverrider ?? []).map((x, i): [string, Step] => [
      `annotationsOverrider[${i}]`,
      (d) => applyLabelAnnotationOverrider(d, 'annotations', x),
    ]),
    ...(o.fieldOverrider ?? []).map((x, i): [string, Step] => [
      `fieldOverrider[${i}]`,
      (d) => applyFieldOverrider(d, x),
    ]),
    ...(o.plaintext ?? []).map((x, i): [string, Step] => [
      `plaintext[${i}]`,
      (d) => applyJsonPatch(d, [{ op: x.operator, path: x.path, value: x.value }]),
    ]),
  ];
  let current = doc;
  for (const [name, step] of steps) {
    const out = step(current);
    if (out.kind === 'Failed') return { kind: 'Failed', overrider: name, code: out.code, reason: out.reason };
    if (out.value === null || typeof out.value !== 'object' || Array.isArray(out.value)) {
      return { kind: 'Failed', overrider: name, code: 'OverrideFailed', reason: 'the result is not an object' };
    }
    current = out.value;
  }
  return { kind: 'Applied', document: current };
}
