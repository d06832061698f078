/**
 * One binding → its Works: per target cluster, ownership marks first (as Karmada's claim metadata,
 * so a patch on /metadata/labels/x finds the map), revise replicas, apply overrides in Karmada
 * order, then re-assert ownership so no override can strip what pruning relies on.
 */
import {
  cloneJson,
  describeRef,
  errorAt,
  refOf,
  type Cluster,
  type Diagnostic,
  type JsonObject,
  type KubeObject,
  type Loaded,
  type OverridePolicy,
  type TargetCluster,
} from '../api/index.ts';
import type { Interpreter } from '../interpreter/index.ts';
import { InterpreterScriptError } from '../interpreter/index.ts';
import { applyOverrides } from '../override/index.ts';
import { workDispatch, type DispatchPolicy } from './dispatch.ts';
import { markOwnership } from './ownership-marks.ts';
import { mergeLabels } from './state-injection.ts';
import { pruneIrrelevantFields } from './prune-fields.ts';
import { buildWork, type Work } from './work.ts';

/** What rendering one binding needs. */
export interface RenderRequest {
  readonly template: Loaded;
  /** `namespace/name` (or `name`) of the binding, written into the ownership annotation. */
  readonly binding: string;
  readonly clusters: readonly TargetCluster[];
  /** Karmada's ResourceBindingSpec.IsWorkload: replicas > 0 or replica requirements present. */
  readonly isWorkload: boolean;
  /** The override policies selected for the template, in application order. */
  readonly overrides: readonly Loaded<OverridePolicy>[];
  /** The binding's suspension, preservation and conflict resolution (dispatch.ts); none: Karmada's defaults. */
  readonly dispatch?: DispatchPolicy;
  /** Labels carried from an evicted copy, per target cluster (state-injection.ts); absent: none. */
  readonly injectLabels?: ((cluster: string) => Readonly<Record<string, string>> | undefined) | undefined;
}

/** Shared, per-plan context of rendering. */
export interface RenderContext {
  readonly clusters: ReadonlyMap<string, Loaded<Cluster>>;
  readonly interpreter: Interpreter;
}

/** Renders the Works of one binding; any failure is a diagnostic and no Work of this binding is returned. */
export function renderBinding(ctx: RenderContext, req: RenderRequest): { works: Work[]; diagnostics: Diagnostic[] } {
  const base = cloneJson(req.template.object) as unknown as JsonObject;
  pruneIrrelevantFields(base);
  // The marks are the same on every cluster: set once here; reviseReplica and applyOverrides
  // never change their input (each returns a copy), so `base` is shared, not copied per cluster.
  markOwnership(base, { binding: req.binding });
  const ref = refOf(req.template.object);
  const works: Work[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const target of req.clusters) {
    const cluster = ctx.clusters.get(target.name);
    if (!cluster) continue; // the scheduler only places onto inventory clusters; previous names may be gone
    const manifest = renderForCluster(ctx, req, base, target, cluster.object, diagnostics);
    if (manifest)
      works.push(
        buildWork(
          target.name,
          ref,
          req.binding,
          manifest,
          workDispatch(req.dispatch ?? {}, req.template.object.metadata.annotations, target.name),
        ),
      );
  }
  return diagnostics.length ? { works: [], diagnostics } : { works, diagnostics };
}

function renderForCluster(
  ctx: RenderContext,
  req: RenderRequest,
  base: Readonly<JsonObject>,
  target: TargetCluster,
  cluster: Cluster,
  diagnostics: Diagnostic[],
): JsonObject | undefined {
  const marks = { binding: req.binding };
  let m: Readonly<JsonObject> = base;
  if (req.isWorkload) {
    try {
      m = ctx.interpreter.reviseReplica(m as unknown as KubeObject, target.replicas ?? 0) as unknown as JsonObject;
    } catch (err) {
      if (!(err instanceof InterpreterScriptError)) throw err;
      diagnostics.push(
        errorAt(
          'InterpreterError',
          req.template.source,
          `${describeRef(refOf(req.template.object))} for ${target.name}: ${err.message}`,
          err.notes(),
        ),
      );
      return undefined;
    }
  }
  const overridden = applyOverrides(m, cluster, req.overrides);
  if (overridden.kind === 'Failed') {
    diagnostics.push(...overridden.diagnostics);
    return undefined;
  }
  const out = overridden.manifest;
  // Karmada ensureWork injects the preserved state after the overrides.
  const injected = req.injectLabels?.(target.name);
  if (injected) mergeLabels(out, injected);
  markOwnership(out, marks);
  return out;
}
