/**
 * Checks of Karmada MultiClusterService objects (networking.karmada.io), which the controller's
 * multi-cluster service step acts on (src/mcs). Warnings only: Karmada accepts each of these and
 * reports it as an event (mcs_controller.go: ClusterNotFound; a missing Service stops it).
 */
import { warningAt, type Diagnostic, type Fleet, type Loaded } from '../api/index.ts';
import type { RawObject } from './read-objects.ts';

/** Diagnostics of the fleet's MultiClusterServices; `locateOf` gives positions. */
export function checkMultiClusterServices(fleet: Fleet, locateOf: (l: Loaded) => RawObject['locate']): Diagnostic[] {
  const out: Diagnostic[] = [];
  const clusters = new Set(fleet.clusters.map((c) => c.object.metadata.name));
  for (const m of fleet.multiClusterServices ?? []) {
    const locate = locateOf(m);
    const at = (path: (string | number)[]) => ({ file: m.source.file, ...locate(path) });
    const ns = m.object.metadata.namespace ?? 'default';
    const what = `MultiClusterService ${ns}/${m.object.metadata.name}`;
    const spec = (m.object['spec'] ?? {}) as {
      types?: unknown;
      providerClusters?: unknown;
      consumerClusters?: unknown;
    };
    if (!Array.isArray(spec.types) || !spec.types.includes('CrossCluster')) {
      out.push(
        warningAt(
          'KarmadaFieldIgnored',
          at(['spec', 'types']),
          `${what}: flotilla acts only on type CrossCluster (endpoints dispatched between clusters); other types need MultiClusterIngress controllers flotilla does not run; it is ignored`,
        ),
      );
      continue;
    }
    for (const field of ['providerClusters', 'consumerClusters'] as const) {
      const list = Array.isArray(spec[field]) ? (spec[field] as unknown[]) : [];
      list.forEach((c, i) => {
        const name = typeof c === 'object' && c !== null ? (c as { name?: unknown }).name : undefined;
        if (typeof name === 'string' && !clusters.has(name))
          out.push(
            warningAt(
              'UnknownCluster',
              at(['spec', field, i, 'name']),
              `${what}: ${field} names cluster "${name}", which the fleet repo does not declare; it is skipped, as Karmada skips a cluster it cannot find`,
            ),
          );
      });
    }
    const hasService = fleet.templates.some(
      (t) =>
        t.object.apiVersion === 'v1' &&
        t.object.kind === 'Service' &&
        t.object.metadata.namespace === ns &&
        t.object.metadata.name === m.object.metadata.name,
    );
    if (!hasService)
      out.push(
        warningAt(
          'DependencyMissing',
          at(['metadata', 'name']),
          `${what}: the repo has no Service ${ns}/${m.object.metadata.name}; flotilla cannot place it on the consumers (endpoints are still dispatched to a Service created there by other means)`,
        ),
      );
  }
  return out;
}
