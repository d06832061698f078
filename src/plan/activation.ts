/**
 * The spec a template's binding is built with (Karmada pkg/detector/detector.go ApplyPolicy /
 * BuildResourceBinding): the claiming policy's, except that under `activationPreference: Lazy` a
 * policy change alone does not reach the binding. Karmada skips refreshing the binding when the
 * reconcile was triggered by the policy rather than by the template (`resourceChangeByKarmada &&
 * util.IsLazyActivationEnabled`), so the binding keeps the spec it was built with until the
 * template itself changes (eventfilter.SpecificationChanged).
 */
import {
  compareStrings,
  type FailoverBehavior,
  type KubeObject,
  type Placement,
  type PropagationPolicy,
} from '../api/index.ts';
import { isClaimedBy } from '../policy/index.ts';
import { policyAnnotations } from './binding.ts';
import { templateHash, templateHashAnnotation, type BindingRecord } from './binding-record.ts';

/** Karmada's scheduler name (pkg/scheduler DefaultScheduler), the one flotilla plays. */
export const defaultSchedulerName = 'default-scheduler';

/** What the binding is built from. */
export interface ActiveSpec {
  /** `spec.placement` as the binding records it (absent when the policy has none). */
  readonly placement: Placement | undefined;
  readonly propagateDeps: boolean;
  readonly failover: FailoverBehavior | undefined;
  /** The binding's annotations: the claim, plus the template version under Lazy (sorted keys, D5). */
  readonly annotations: Record<string, string>;
  /**
   * Set when the policy names another scheduler (Karmada event_handler.go schedulerNameFilter:
   * empty means default-scheduler): flotilla does not schedule the binding.
   */
  readonly otherScheduler?: string;
}

/** The spec of `policy` for `template`, or the recorded one while a Lazy policy's template is unchanged. */
export function activeSpec(
  policy: PropagationPolicy,
  template: KubeObject,
  record: BindingRecord | undefined,
): ActiveSpec {
  const spec = policy.spec;
  const scheduler =
    spec.schedulerName === undefined || spec.schedulerName === '' || spec.schedulerName === defaultSchedulerName
      ? {}
      : { otherScheduler: spec.schedulerName };
  const own = {
    placement: spec.placement,
    propagateDeps: spec.propagateDeps === true,
    failover: spec.failover,
    ...scheduler,
  };
  if (spec.activationPreference !== 'Lazy') return { ...own, annotations: policyAnnotations(policy) };
  const hash = templateHash(template);
  const annotations = sortedKeys({ ...policyAnnotations(policy), [templateHashAnnotation]: hash });
  // A record without a hash was built before the policy was Lazy: this revision's policy edit is the
  // change Karmada would hold back (the template is taken as unchanged).
  const unchanged =
    record !== undefined &&
    isClaimedBy(record.claim, policy) &&
    (record.templateHash === undefined || record.templateHash === hash);
  if (!unchanged) return { ...own, annotations };
  return {
    placement: record.spec.placement,
    propagateDeps: record.spec.propagateDeps === true,
    failover: record.spec.failover,
    annotations,
    ...scheduler,
  };
}

function sortedKeys(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => compareStrings(a, b)));
}
