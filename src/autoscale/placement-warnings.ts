/**
 * A FederatedHPA sets its workload's total, which the placement divides. Under a Duplicated placement
 * every member runs the whole total, so the autoscaler counts each replica once per member and the total
 * grows with the number of members (Karmada behaves the same; its docs pair FederatedHPA with Divided
 * placements). That is a warning at the FederatedHPA.
 */
import { warningAt, type Diagnostic } from '../api/diagnostics.ts';
import type { Fleet } from '../api/fleet.ts';
import { resourceKeyOf, type ResourceKey } from '../api/keys.ts';
import type { Placement } from '../api/karmada.ts';
import { targetTemplate } from './records.ts';

/** AutoscalerNotDivided warnings for the FederatedHPAs whose workload's binding is not Divided. */
export function autoscalerPlacementWarnings(
  fleet: Fleet,
  placements: ReadonlyMap<ResourceKey, Placement | undefined>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const h of fleet.federatedHPAs ?? []) {
    const t = targetTemplate(fleet, h.spec.target, h.spec.namespace);
    if (t === undefined) continue;
    const key = resourceKeyOf(t.object);
    if (!placements.has(key)) continue;
    // Karmada: no replicaScheduling is Duplicated; replicaScheduling without a type is Divided (the CRD default).
    const rs = placements.get(key)?.replicaScheduling;
    const type = rs === undefined ? 'Duplicated' : (rs.replicaSchedulingType ?? 'Divided');
    if (type === 'Divided') continue;
    out.push(
      warningAt(
        'AutoscalerNotDivided',
        { file: h.source.file, line: h.source.line, column: h.source.column },
        `FederatedHPA ${h.spec.namespace}/${h.spec.name}: ${h.spec.target.kind} ${h.spec.namespace}/${h.spec.target.name} is ${type}, so every member runs the whole total and the autoscaler sees each replica once per member; use a Divided placement`,
      ),
    );
  }
  return out;
}
