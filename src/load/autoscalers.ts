/**
 * FederatedHPA and CronFederatedHPA in a revision: normalised by src/autoscale (errors at the field), and
 * checked against the templates: a target the revision lacks is a warning (Karmada's controller reports
 * it in the autoscaler's conditions and keeps going), and so is a member-level HorizontalPodAutoscaler on
 * a workload a FederatedHPA owns (both would set its replicas).
 */
import {
  compareStrings,
  errorAt,
  type Diagnostic,
  type Fleet,
  type Loaded,
  type LoadedCronFederatedHPA,
  type LoadedFederatedHPA,
  type ScaleTargetRef,
  warningAt,
} from '../api/index.ts';
import { normaliseCronFederatedHPA, normaliseFederatedHPA } from '../autoscale/index.ts';
import type { RawObject } from './read-objects.ts';

/** Normalises one autoscaler into `lists`; returns its problems as InvalidAutoscaler errors at their field. */
export function loadAutoscaler(
  cls: 'federatedHPA' | 'cronFederatedHPA',
  r: RawObject,
  lists: { fhpa: LoadedFederatedHPA[]; cron: LoadedCronFederatedHPA[] },
): Diagnostic[] {
  const o = r.object;
  const namespace = o.metadata.namespace ?? 'default';
  const name = o.metadata.name ?? '';
  const raw = o as unknown as Record<string, unknown>;
  const result =
    cls === 'federatedHPA'
      ? normaliseFederatedHPA(raw, namespace, name)
      : normaliseCronFederatedHPA(raw, namespace, name);
  if (result.spec !== undefined) {
    if (cls === 'federatedHPA') lists.fhpa.push({ spec: result.spec as LoadedFederatedHPA['spec'], source: r.source });
    else lists.cron.push({ spec: result.spec as LoadedCronFederatedHPA['spec'], source: r.source });
  }
  return result.problems.map((p) =>
    errorAt(
      'InvalidAutoscaler',
      { file: r.source.file, ...r.locate(p.path) },
      `${o.kind} ${namespace}/${name}: ${p.message}`,
    ),
  );
}

/** Orders autoscalers by namespace and name (D2). */
export function bySpecKey(
  a: { spec: { namespace: string; name: string } },
  b: { spec: { namespace: string; name: string } },
): number {
  return compareStrings(a.spec.namespace, b.spec.namespace) || compareStrings(a.spec.name, b.spec.name);
}

function refersTo(ref: ScaleTargetRef, t: Loaded, namespace: string): boolean {
  return (
    t.object.kind === ref.kind &&
    t.object.metadata.name === ref.name &&
    (t.object.metadata.namespace ?? 'default') === namespace &&
    (ref.apiVersion === undefined || ref.apiVersion === t.object.apiVersion)
  );
}

function hpaTarget(t: Loaded): ScaleTargetRef | undefined {
  if (t.object.kind !== 'HorizontalPodAutoscaler' || !t.object.apiVersion.startsWith('autoscaling/')) return undefined;
  const spec = (t.object as unknown as { spec?: { scaleTargetRef?: ScaleTargetRef } }).spec;
  return spec?.scaleTargetRef;
}

/** Cross-object warnings of the autoscalers of a fleet. */
export function checkAutoscalerTargets(fleet: Fleet, locateOf: (l: Loaded) => RawObject['locate']): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (s: { source: { file: string; line: number; column: number } }) => ({
    file: s.source.file,
    line: s.source.line,
    column: s.source.column,
  });
  for (const h of fleet.federatedHPAs ?? []) {
    const { namespace, name, target } = h.spec;
    const workload = fleet.templates.find((t) => refersTo(target, t, namespace));
    if (workload === undefined) {
      out.push(
        warningAt(
          'AutoscalerTargetMissing',
          at(h),
          `FederatedHPA ${namespace}/${name}: scaleTargetRef ${target.kind} ${namespace}/${target.name} is not in this revision; nothing is scaled`,
        ),
      );
      continue;
    }
    for (const t of fleet.templates) {
      const ref = hpaTarget(t);
      if (ref === undefined || (t.object.metadata.namespace ?? 'default') !== namespace) continue;
      if (ref.kind !== target.kind || ref.name !== target.name) continue;
      out.push(
        warningAt(
          'MemberHPAConflict',
          { file: t.source.file, ...locateOf(t)(['spec', 'scaleTargetRef']) },
          `HorizontalPodAutoscaler ${namespace}/${t.object.metadata.name} would scale ${target.kind} ${namespace}/${target.name} on each member while FederatedHPA ${namespace}/${name} scales its total; they would fight — remove one`,
          [{ message: 'the FederatedHPA', ...at(h) }],
        ),
      );
    }
  }
  for (const c of fleet.cronFederatedHPAs ?? []) {
    const { namespace, name, target } = c.spec;
    const found =
      target.kind === 'FederatedHPA'
        ? (fleet.federatedHPAs ?? []).some((h) => h.spec.namespace === namespace && h.spec.name === target.name)
        : fleet.templates.some((t) => refersTo(target, t, namespace));
    if (!found)
      out.push(
        warningAt(
          'AutoscalerTargetMissing',
          at(c),
          `CronFederatedHPA ${namespace}/${name}: scaleTargetRef ${target.kind} ${namespace}/${target.name} is not in this revision; its rules will record failed executions`,
        ),
      );
  }
  return out;
}
