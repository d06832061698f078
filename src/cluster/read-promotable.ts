/**
 * Reading what `flotilla promote` copies from a member: the named live object (its kind resolved
 * by discovery, as kubectl does) and, on request, the objects it references (the resource
 * interpreter's InterpretDependency: ConfigMaps, Secrets, ServiceAccounts, PVCs).
 */
import { FlotillaError, managedByLabel, managedByValue, bindingAnnotation, type KubeObject } from '../api/index.ts';
import type { DependencyRef, Interpreter } from '../interpreter/index.ts';
import type { MemberClient } from './member-client.ts';
import { objectIdOf } from './object-id.ts';
import { resolveKind } from './resolve-kind.ts';

/** The member has no such object. */
export class LiveObjectNotFound extends FlotillaError<{
  cluster: string;
  kind: string;
  namespace: string;
  name: string;
}> {}

/** The object already carries flotilla's ownership marks: it is managed, not a legacy workload. */
export class AlreadyManaged extends FlotillaError<{ cluster: string; binding: string }> {}

/** What was read: the object, the dependencies found, and those the member lacks or that are selected by labels. */
export interface Promotable {
  readonly object: KubeObject;
  readonly dependencies: readonly KubeObject[];
  readonly missing: readonly DependencyRef[];
}

/** The object to promote: `typed` kind (`deploy`, `deployment.apps`, ...), namespace (ignored for cluster-scoped kinds), name. */
export interface PromoteTarget {
  readonly typed: string;
  readonly namespace: string;
  readonly name: string;
}

/** Reads the object (and, with `interpreter`, its by-name dependencies) from the member. */
export async function readPromotable(
  client: MemberClient,
  target: PromoteTarget,
  interpreter: Interpreter | undefined,
): Promise<Promotable> {
  const kind = await resolveKind(client, target.typed);
  const namespace = kind.namespaced ? target.namespace : '';
  const object = await client.get(
    objectIdOf({ apiVersion: kind.apiVersion, kind: kind.kind, metadata: { namespace, name: target.name } }),
  );
  if (!object) {
    throw new LiveObjectNotFound(
      `cluster ${client.cluster} has no ${kind.kind} ${namespace ? `${namespace}/` : ''}${target.name}`,
      { cluster: client.cluster, kind: kind.kind, namespace, name: target.name },
    );
  }
  if (object.metadata.labels?.[managedByLabel] === managedByValue) {
    const binding = object.metadata.annotations?.[bindingAnnotation] ?? '';
    throw new AlreadyManaged(
      `${kind.kind} ${namespace ? `${namespace}/` : ''}${target.name} on cluster ${client.cluster} is already managed by flotilla (binding ${binding}): its template is in the fleet repo`,
      { cluster: client.cluster, binding },
    );
  }
  if (!interpreter) return { object, dependencies: [], missing: [] };
  const dependencies: KubeObject[] = [];
  const missing: DependencyRef[] = [];
  for (const ref of interpreter.interpretDependency(object)) {
    const dep = ref.name
      ? await client.get(
          objectIdOf({
            apiVersion: ref.apiVersion,
            kind: ref.kind,
            metadata: { namespace: ref.namespace ?? namespace, name: ref.name },
          }),
        )
      : undefined;
    if (dep) dependencies.push(dep);
    else missing.push(ref);
  }
  return { object, dependencies, missing };
}
