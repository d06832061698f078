/** Types of the resource interpreter's public surface (re-exported by index.ts). */
import {
  FlotillaError,
  type DiagnosticNote,
  type JsonObject,
  type KubeObject,
  type LabelSelector,
  type ReplicaRequirements,
  type SourceRef,
} from '../api/index.ts';

/** One member cluster's reflected status, as Karmada's work/v1alpha2 AggregatedStatusItem. */
export interface AggregatedStatusItem {
  readonly clusterName: string;
  readonly status?: JsonObject | null;
  readonly applied?: boolean;
  readonly health?: string;
}

/** An object a resource depends on (config/v1alpha1 DependentObjectReference): by name or by labels. */
export interface DependencyRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly labelSelector?: LabelSelector;
}

/** GetReplicas' answer: replicas and, when the kind has any, what one replica needs. */
export interface ReplicaInfo {
  readonly replicas: number;
  readonly requirements?: ReplicaRequirements;
}

/** Karmada's resource interpreter operations, each pure and synchronous. */
export interface Interpreter {
  getReplicas(obj: KubeObject): ReplicaInfo;
  reviseReplica(obj: KubeObject, replicas: number): KubeObject;
  retain(desired: KubeObject, observed: KubeObject): KubeObject;
  /** `items` null means none were collected (Karmada's nil list; Lua scripts see nil, not an empty table). */
  aggregateStatus(obj: KubeObject, items: readonly AggregatedStatusItem[] | null): KubeObject;
  interpretHealth(obj: KubeObject): boolean;
  interpretDependency(obj: KubeObject): readonly DependencyRef[];
  reflectStatus(obj: KubeObject): JsonObject | null;
  /** True when the kind has replicas (native workload kinds, or a customisation with replicaResource). */
  hasReplicas(apiVersion: string, kind: string): boolean;
}

/** The interpreter operations, as karmadactl and the conformance cases name them. */
export const operations = [
  'GetReplicas',
  'ReviseReplica',
  'Retain',
  'AggregateStatus',
  'InterpretHealth',
  'InterpretDependency',
  'ReflectStatus',
] as const;
export type Operation = (typeof operations)[number];

/** A customisation script failed: a Lua error, a result of the wrong shape, or a sandbox limit. */
export class InterpreterScriptError extends FlotillaError<{
  customization: string;
  operation: string;
  resource: string;
}> {
  /** Where the failing customisation was written (absent for scripts not loaded from a file). */
  readonly source: SourceRef | undefined;
  constructor(
    message: string,
    data: { customization: string; operation: string; resource: string },
    options?: { cause?: unknown; source?: SourceRef | undefined },
  ) {
    super(message, data, options);
    this.source = options?.source;
  }

  /** A diagnostic note pointing at the customisation (E3: the second place of a problem). */
  notes(): DiagnosticNote[] {
    return this.source
      ? [
          {
            message: `the script is in ResourceInterpreterCustomization ${this.data.customization}`,
            file: this.source.file,
            line: this.source.line,
            column: this.source.column,
          },
        ]
      : [];
  }
}
