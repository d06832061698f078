/**
 * Runs the scheduler conformance cases (../shared/conformance/cases/scheduler) directly against the
 * scheduler, building SchedulingRequests as the plan stage would. Skipped when the directory is absent.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Cluster, KubeObject, PropagationPolicy, ResourceRef, TargetCluster } from '../api/index.ts';
import { matchesLabelSelector } from '../api/index.ts';
import { requestOf } from './conformance-request.test-support.ts';
import { createScheduler } from './index.ts';

const dir = join(import.meta.dirname, '../../../shared/conformance/cases/scheduler');

interface Expectation {
  readonly resource: ResourceRef;
  readonly clusters?: readonly TargetCluster[];
  readonly clustersOneOf?: readonly (readonly TargetCluster[])[];
  readonly clusterNames?: readonly string[];
  readonly constraints?: { readonly clusterCount?: number; readonly totalReplicas?: number };
  readonly unschedulable?: boolean;
  readonly unbound?: boolean;
}
interface Case {
  readonly name: string;
  readonly objects: readonly KubeObject[];
  readonly previous?: readonly { readonly resource: ResourceRef; readonly clusters: readonly TargetCluster[] }[];
  readonly expect: { readonly bindings?: readonly Expectation[] };
}

const clusterScoped = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
]);

function refOf(o: KubeObject): ResourceRef {
  const name = o.metadata.name ?? '';
  if (clusterScoped.has(o.kind)) return { apiVersion: o.apiVersion, kind: o.kind, name };
  return { apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace ?? 'default', name };
}

function sameRef(a: ResourceRef, b: ResourceRef): boolean {
  return (
    a.apiVersion === b.apiVersion &&
    a.kind === b.kind &&
    (a.namespace ?? '') === (b.namespace ?? '') &&
    a.name === b.name
  );
}

/** The highest-priority policy matching a template: namespaced policies before cluster-wide ones. */
function matchPolicy(
  t: KubeObject,
  ref: ResourceRef,
  policies: readonly PropagationPolicy[],
): PropagationPolicy | undefined {
  const matches = (p: PropagationPolicy): boolean =>
    p.spec.resourceSelectors.some(
      (s) =>
        s.apiVersion === t.apiVersion &&
        s.kind === t.kind &&
        (s.namespace === undefined || s.namespace === ref.namespace) &&
        (s.name ? s.name === ref.name : matchesLabelSelector(s.labelSelector, t.metadata.labels)),
    );
  const pick = (list: PropagationPolicy[]): PropagationPolicy | undefined =>
    list
      .filter(matches)
      .sort(
        (a, b) =>
          (b.spec.priority ?? 0) - (a.spec.priority ?? 0) ||
          ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1),
      )[0];
  const namespaced = policies.filter(
    (p) => p.kind === 'PropagationPolicy' && (p.metadata.namespace ?? 'default') === ref.namespace,
  );
  return pick(namespaced) ?? pick(policies.filter((p) => p.kind === 'ClusterPropagationPolicy'));
}

function normalise(list: readonly TargetCluster[]): string {
  return JSON.stringify(
    list.map((c) => ({ name: c.name, replicas: c.replicas ?? 0 })).sort((a, b) => (a.name < b.name ? -1 : 1)),
  );
}

describe('scheduler conformance cases', () => {
  if (!existsSync(dir)) {
    it.skip('conformance cases directory is absent (issue: run inside the shared workspace)');
    return;
  }
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const c = parse(readFileSync(join(dir, file), 'utf8')) as Case;
    it(c.name, () => {
      const clusters = c.objects.filter((o): o is Cluster => o.kind === 'Cluster');
      const policies = c.objects.filter(
        (o): o is PropagationPolicy => o.kind === 'PropagationPolicy' || o.kind === 'ClusterPropagationPolicy',
      );
      const templates = c.objects.filter(
        (o) => o.kind !== 'Cluster' && !o.kind.endsWith('PropagationPolicy') && !o.kind.endsWith('OverridePolicy'),
      );
      const scheduler = createScheduler(clusters);
      for (const want of c.expect.bindings ?? []) {
        const t = templates.find((o) => sameRef(refOf(o), want.resource));
        assert.ok(t, `template ${JSON.stringify(want.resource)} exists`);
        const ref = refOf(t);
        const policy = matchPolicy(t, ref, policies);
        if (want.unbound) {
          assert.equal(policy, undefined, 'no policy matches');
          continue;
        }
        assert.ok(policy, `a policy matches ${ref.name}`);
        const previous = c.previous?.find((p) => sameRef(p.resource, ref))?.clusters;
        const got = scheduler.schedule(requestOf(t, ref, policy.spec.placement ?? {}, previous));
        const label = `${ref.kind} ${ref.name}`;
        if (want.unschedulable) {
          assert.equal(got.kind, 'Unschedulable', `${label} is unschedulable`);
          continue;
        }
        assert.equal(got.kind, 'Scheduled', `${label}: ${got.kind === 'Unschedulable' ? got.message : ''}`);
        if (got.kind !== 'Scheduled') continue;
        if (want.clusters) assert.equal(normalise(got.clusters), normalise(want.clusters), label);
        if (want.clustersOneOf)
          assert.ok(
            want.clustersOneOf.map(normalise).includes(normalise(got.clusters)),
            `${label}: ${normalise(got.clusters)}`,
          );
        if (want.clusterNames)
          assert.deepEqual(
            got.clusters.map((x) => x.name),
            [...want.clusterNames].sort(),
            label,
          );
        if (want.constraints?.clusterCount !== undefined)
          assert.equal(got.clusters.length, want.constraints.clusterCount, label);
        if (want.constraints?.totalReplicas !== undefined) {
          assert.equal(
            got.clusters.reduce((s, x) => s + (x.replicas ?? 0), 0),
            want.constraints.totalReplicas,
            label,
          );
        }
      }
    });
  }
});
