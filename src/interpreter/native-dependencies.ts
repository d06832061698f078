/** Native InterpretDependency (Karmada default/native/dependencies.go). */
import type { KubeObject } from '../api/index.ts';
import {
  cronJob,
  daemonSet,
  deployment,
  ingress,
  job,
  kindKeyOf,
  objectField,
  pod,
  replicaSet,
  serviceImport,
  statefulSet,
  stringField,
} from './kinds.ts';
import { podDependencies } from './pod-dependencies.ts';
import type { DependencyRef } from './types.ts';

const templateSpecPath: ReadonlyMap<string, readonly string[]> = new Map([
  [deployment, ['spec', 'template', 'spec']],
  [replicaSet, ['spec', 'template', 'spec']],
  [daemonSet, ['spec', 'template', 'spec']],
  [statefulSet, ['spec', 'template', 'spec']],
  [job, ['spec', 'template', 'spec']],
  [cronJob, ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
  [pod, ['spec']],
]);

/** Native InterpretDependency; undefined for kinds without a handler. */
export function nativeDependencies(obj: KubeObject): DependencyRef[] | undefined {
  const key = kindKeyOf(obj);
  const ns = obj.metadata.namespace;
  const path = templateSpecPath.get(key);
  if (path) {
    const deps = podDependencies(objectField(obj, ...path), ns);
    return key === statefulSet ? withoutClaimTemplates(obj, deps) : deps;
  }
  if (key === ingress) {
    // Every TLS entry names its certificate Secret (Karmada lists them unfiltered; an entry without
    // a secretName would fail its validation, so it is skipped here).
    const tls = objectField(obj, 'spec')?.['tls'];
    return (Array.isArray(tls) ? tls : [])
      .map((t) => stringField({ t }, 't', 'secretName'))
      .filter((n) => n !== '')
      .map((name) => ({ apiVersion: 'v1', kind: 'Secret', ...(ns ? { namespace: ns } : {}), name }));
  }
  if (key === serviceImport) return serviceImportDependencies(obj);
  return undefined;
}

/** A StatefulSet's own volumeClaimTemplates are created by its controller, not dependencies. */
function withoutClaimTemplates(obj: KubeObject, deps: DependencyRef[]): DependencyRef[] {
  const templates = objectField(obj, 'spec')?.['volumeClaimTemplates'];
  const names = new Set(
    (Array.isArray(templates) ? templates : []).map((t) => stringField({ t }, 't', 'metadata', 'name')),
  );
  return deps.filter((d) => d.kind !== 'PersistentVolumeClaim' || !names.has(d.name ?? ''));
}

/** A ServiceImport needs its derived Service and that Service's EndpointSlices (names.GenerateDerivedServiceName). */
function serviceImportDependencies(obj: KubeObject): DependencyRef[] {
  const ns = obj.metadata.namespace;
  const derived = `derived-${obj.metadata.name ?? ''}`;
  return [
    { apiVersion: 'v1', kind: 'Service', ...(ns ? { namespace: ns } : {}), name: derived },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      ...(ns ? { namespace: ns } : {}),
      labelSelector: { matchLabels: { 'kubernetes.io/service-name': derived } },
    },
  ];
}
