/**
 * One binding → its Works: per target cluster, ownership marks first (as Karmada's claim metadata,
 * so a patch on /metadata/labels/x finds the map), revise replicas, apply overrides in Karmada
 * order, prune member-owned fields (Karmada ctrlutil CreateOrUpdateWork), then re-assert ownership
 * so no override can strip what pruning relies on.
 *
 * Given the plan's override classes, clusters of one class (override-classes.ts) share one
 * manifest object: it is rendered once, and the Works of a binding Duplicated to hundreds of
 * clusters hold one copy instead of hundreds. Nothing changes a rendered manifest afterwards
 * (the tests freeze them), so sharing is safe.
 */
import {
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
import { applyJobCompletions } from './job-completions.ts';
import { markedCopy, markOwnership } from './ownership-marks.ts';
import { renderClassOf, type OverrideClasses } from './override-classes.ts';
import { mergeLabels } from './state-injection.ts';
import { pruneIrrelevantFields } from './prune-fields.ts';
import { workBuilder, type Work } from './work.ts';

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
  /**
   * A Divided Job's completions per cluster (job-completions.ts jobCompletionsOf); absent: not
   * divided. A cluster missing from the map (an evicted copy) keeps the template's completions.
   */
  readonly jobCompletions?: ReadonlyMap<string, number> | undefined;
  /** Labels carried from an evicted copy, per target cluster (state-injection.ts); absent: none. */
  readonly injectLabels?: ((cluster: string) => Readonly<Record<string, string>> | undefined) | undefined;
}

/** Shared, per-plan context of rendering. */
export interface RenderContext {
  readonly clusters: ReadonlyMap<string, Loaded<Cluster>>;
  readonly interpreter: Interpreter;
  /** The plan's override classes: clusters of one class share their manifest. Absent: each cluster renders its own. */
  readonly classes?: OverrideClasses;
}

/** Renders the Works of one binding; any failure is a diagnostic and no Work of this binding is returned. */
export function renderBinding(ctx: RenderContext, req: RenderRequest): { works: Work[]; diagnostics: Diagnostic[] } {
  // The marks are the same on every cluster: set once here; reviseReplica and applyOverrides
  // never change their input (each returns a copy), so `base` is shared, not copied per cluster,
  // and it shares with the template all but its metadata.
  const base = markedCopy(req.template.object as unknown as JsonObject, { binding: req.binding });
  const build = workBuilder(refOf(req.template.object), req.binding);
  const classOf = ctx.classes?.forCandidates(req.overrides);
  // Only manifests that rendered are shared: each cluster of a failing class renders on its own,
  // so every failing cluster gets its own diagnostic, as without classes.
  const rendered = new Map<number, JsonObject>();
  const works: Work[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const target of req.clusters) {
    const cluster = ctx.clusters.get(target.name);
    if (!cluster) continue; // the scheduler only places onto inventory clusters; previous names may be gone
    const overrideClass = classOf?.(target.name);
    const injected = req.injectLabels?.(target.name);
    // Divided completions may differ between clusters of equal replicas: such a Job is not shared.
    const key =
      overrideClass === undefined || injected || req.jobCompletions
        ? undefined
        : renderClassOf(overrideClass, target, req.isWorkload);
    let manifest = key === undefined ? undefined : rendered.get(key);
    if (!manifest) {
      manifest = renderForCluster(ctx, req, base, target, cluster.object, injected, diagnostics);
      if (manifest && key !== undefined) rendered.set(key, manifest);
    }
    if (manifest)
      works.push(
        build(
          target.name,
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
  injected: Readonly<Record<string, string>> | undefined,
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
  const completions = req.jobCompletions?.get(target.name);
  if (completions !== undefined) m = applyJobCompletions(m, completions);
  const overridden = applyOverrides(m, cluster, req.overrides);
  if (overridden.kind === 'Failed') {
    diagnostics.push(...overridden.diagnostics);
    return undefined;
  }
  const out = overridden.manifest; // applyOverrides' own copy: changed in place from here
  // Karmada ensureWork injects the preserved state after the overrides.
  if (injected) mergeLabels(out, injected);
  // Karmada prunes in ctrlutil CreateOrUpdateWork, after the overrides: a field an override
  // writes is pruned too, and an override may patch a field that is pruned afterwards.
  pruneIrrelevantFields(out);
  markOwnership(out, marks);
  return out;
}
