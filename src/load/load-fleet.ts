/** Snapshot → Fleet: parse, classify, validate, normalise (DESIGN "load"). Pure: the snapshot is a value (B4). */
import picomatch from 'picomatch';
import {
  compareDiagnostics,
  compareStrings,
  errorAt,
  isClusterScoped,
  isPlainObject,
  resourceKeyOf,
  splitApiVersion,
  warningAt,
  type Cluster,
  type ClusterTaintPolicy,
  type Diagnostic,
  type Fleet,
  type KubeObject,
  type Loaded,
  type LoadedCronFederatedHPA,
  type LoadedFederatedHPA,
  type OverridePolicy,
  type LoadedRollout,
  type PropagationPolicy,
  type ResourceInterpreterCustomization,
  type RolloutStrategy,
  type Settings,
  type WorkloadRebalancer,
} from '../api/index.ts';
import { checkReferences } from './check-references.ts';
import { checkMultiClusterServices } from './multi-cluster-services.ts';
import { classify } from './classify.ts';
import { ignoredFieldUses } from './karmada-fields.ts';
import { placementProblems } from './placement-admission.ts';
import { normaliseRollout } from './rollout-strategy.ts';
import { isKarmadaGroup, karmadaScope, unknownKarmadaKindHint } from './karmada-kinds.ts';
import { withClusterDefaults } from './cluster-defaults.ts';
import { withPolicyDefaults } from './policy-defaults.ts';
import { propagationSpecProblems } from './propagation-admission.ts';
import { overrideSpecProblems } from './override-admission.ts';
import { withTemplateDefaults } from './template-defaults.ts';
import { decodeText, readObjects, type RawObject } from './read-objects.ts';
import { objectMetaProblems } from './object-meta.ts';
import { rebalancerProblems } from '../rebalance/rebalancer-shape.ts';
import { bySpecKey, checkAutoscalerTargets, loadAutoscaler } from './autoscalers.ts';
import { parseDocuments } from './parse-documents.ts';
import { validateAgainstSchema, type SchemaKind } from './schema/index.ts';
import { defaultSettings, normaliseSettings, settingsPath } from './settings.ts';
import { isManifestPath, type Snapshot, type SourceFile } from './source-file.ts';

/** The outcome of loading: the fleet (meaningful only when no diagnostic is an error) and all diagnostics, sorted. */
export interface LoadResult {
  readonly fleet: Fleet;
  readonly diagnostics: readonly Diagnostic[];
}

/** Loads a snapshot into a Fleet. Every problem is a diagnostic; nothing throws for bad input. */
export function loadFleet(snapshot: Snapshot): LoadResult {
  const diagnostics: Diagnostic[] = snapshot.problems.map((p) =>
    errorAt('UnreadableFile', { file: p.path, line: 1, column: 1 }, p.message),
  );
  const files = [...snapshot.files].sort((a, b) => compareStrings(a.path, b.path));
  const settings = readSettings(
    files.find((f) => f.path === settingsPath),
    diagnostics,
  );
  const included = picomatch(settings.include as string[], { dot: false });
  const excluded = settings.exclude.length ? picomatch(settings.exclude as string[], { dot: true }) : () => false;

  const raw: RawObject[] = [];
  for (const file of files) {
    if (file.path === settingsPath || !isManifestPath(file.path) || !included(file.path) || excluded(file.path))
      continue;
    const r = readObjectsOnce(file);
    raw.push(...r.objects);
    diagnostics.push(...r.diagnostics);
  }
  const scoped = clusterScopedCrdKinds(raw);
  const normalised = raw.map((r) => normaliseNamespace(r, scoped));
  diagnostics.push(...findDuplicates(normalised));

  const locates = new Map<Loaded, RawObject['locate']>();
  const lists = {
    clusters: [] as Loaded<Cluster>[],
    pp: [] as Loaded<PropagationPolicy>[],
    op: [] as Loaded<OverridePolicy>[],
    ric: [] as Loaded<ResourceInterpreterCustomization>[],
    ctp: [] as Loaded<ClusterTaintPolicy>[],
    templates: [] as Loaded[],
    mcs: [] as Loaded[],
    rebalancers: [] as Loaded<WorkloadRebalancer>[],
    rollouts: [] as LoadedRollout[],
    fhpa: [] as LoadedFederatedHPA[],
    cron: [] as LoadedCronFederatedHPA[],
  };
  for (const r of normalised) {
    const cls = classify(r.object.apiVersion, r.object.kind);
    if (cls === 'ignored') continue;
    if (cls === 'notPropagated' || cls === 'unknownKarmadaKind') {
      diagnostics.push(unpropagated(cls, r));
      continue;
    }
    const loaded: Loaded = { object: r.object, source: r.source };
    locates.set(loaded, r.locate);
    if (cls === 'workloadRebalancer') {
      // No schema file: the CRD's required fields are checked here (src/rebalance).
      const problems = rebalancerProblems(r.object as unknown as Record<string, unknown>);
      for (const p of problems)
        diagnostics.push(
          errorAt(
            'InvalidWorkloadRebalancer',
            { file: r.source.file, ...r.locate(p.path) },
            `${r.object.kind} ${describeName(r.object)}: ${p.message}`,
          ),
        );
      if (problems.length === 0) lists.rebalancers.push(loaded as Loaded<WorkloadRebalancer>);
      continue;
    }
    if (cls === 'federatedHPA' || cls === 'cronFederatedHPA') {
      diagnostics.push(...loadAutoscaler(cls, r, lists));
      continue;
    }
    if (cls === 'template') {
      for (const m of objectMetaProblems(r.object))
        diagnostics.push(
          errorAt(
            'InvalidObjectMeta',
            { file: r.source.file, ...r.locate(m.path) },
            `${r.object.kind} ${describeName(r.object)}: ${m.message}`,
          ),
        );
      const defaulted: Loaded = { ...loaded, object: withTemplateDefaults(loaded.object) };
      locates.set(defaulted, r.locate);
      lists.templates.push(defaulted);
      continue;
    }
    if (cls === 'multiClusterService') {
      lists.mcs.push(loaded);
      continue;
    }
    const issues = validateAgainstSchema(r.object.kind as SchemaKind, r.object);
    for (const i of issues)
      diagnostics.push(
        errorAt(
          i.code,
          { file: r.source.file, ...r.locate(i.path) },
          `${r.object.kind} ${describeName(r.object)}: ${i.message}`,
        ),
      );
    if (issues.length) continue;
    for (const u of ignoredFieldUses(r.object.kind as SchemaKind, r.object))
      diagnostics.push(
        warningAt(
          'KarmadaFieldIgnored',
          { file: r.source.file, ...r.locate(u.path) },
          `${r.object.kind} ${describeName(r.object)}: ${u.message}`,
        ),
      );
    if (cls === 'cluster') {
      const withDefaults: Loaded<Cluster> = { ...loaded, object: withClusterDefaults(loaded.object as Cluster) };
      locates.set(withDefaults, r.locate);
      lists.clusters.push(withDefaults);
    } else if (cls === 'propagationPolicy') {
      const withDefaults: Loaded<PropagationPolicy> = {
        ...loaded,
        object: withPolicyDefaults(loaded.object as PropagationPolicy),
      };
      for (const e of placementProblems(withDefaults.object.spec.placement))
        diagnostics.push(
          errorAt(
            'InvalidPlacement',
            { file: r.source.file, ...r.locate(e.path) },
            `${r.object.kind} ${describeName(r.object)}: ${e.message}`,
          ),
        );
      for (const e of propagationSpecProblems(withDefaults.object.spec))
        diagnostics.push(
          errorAt(
            'InvalidPolicy',
            { file: r.source.file, ...r.locate(e.path) },
            `${r.object.kind} ${describeName(r.object)}: ${e.message}`,
          ),
        );
      locates.set(withDefaults, r.locate);
      lists.pp.push(withDefaults);
    } else if (cls === 'overridePolicy') {
      for (const e of overrideSpecProblems((r.object as OverridePolicy).spec ?? {}))
        diagnostics.push(
          errorAt(
            'InvalidPolicy',
            { file: r.source.file, ...r.locate(e.path) },
            `${r.object.kind} ${describeName(r.object)}: ${e.message}`,
          ),
        );
      lists.op.push(loaded as Loaded<OverridePolicy>);
    } else if (cls === 'clusterTaintPolicy') lists.ctp.push(loaded as Loaded<ClusterTaintPolicy>);
    else if (cls === 'rolloutStrategy') {
      const { spec, problems } = normaliseRollout(r.object as RolloutStrategy);
      for (const p of problems)
        diagnostics.push(
          errorAt(
            'InvalidRollout',
            { file: r.source.file, ...r.locate(p.path) },
            `${r.object.kind} ${describeName(r.object)}: ${p.message}`,
          ),
        );
      lists.rollouts.push({ spec, source: r.source });
    } else lists.ric.push(loaded as Loaded<ResourceInterpreterCustomization>);
  }
  const byKey = (a: Loaded, b: Loaded) =>
    compareStrings(resourceKeyOf(a.object), resourceKeyOf(b.object)) ||
    compareStrings(a.source.file, b.source.file) ||
    a.source.doc - b.source.doc;
  const fleet: Fleet = {
    clusters: lists.clusters.sort(byKey),
    propagationPolicies: lists.pp.sort(byKey),
    overridePolicies: lists.op.sort(byKey),
    customizations: lists.ric.sort(byKey),
    clusterTaintPolicies: lists.ctp.sort(byKey),
    rollouts: lists.rollouts.sort(
      (a, b) => compareStrings(a.spec.namespace, b.spec.namespace) || compareStrings(a.spec.name, b.spec.name),
    ),
    templates: lists.templates.sort(byKey),
    ...(lists.mcs.length ? { multiClusterServices: lists.mcs.sort(byKey) } : {}),
    ...(lists.rebalancers.length ? { rebalancers: lists.rebalancers.sort(byKey) } : {}),
    ...(lists.fhpa.length ? { federatedHPAs: lists.fhpa.sort(bySpecKey) } : {}),
    ...(lists.cron.length ? { cronFederatedHPAs: lists.cron.sort(bySpecKey) } : {}),
    clusterScopedKinds: scoped,
    settings,
  };
  const locateOf = (l: Loaded) => locates.get(l) ?? (() => ({ line: l.source.line, column: l.source.column }));
  diagnostics.push(
    ...checkReferences(fleet, locateOf),
    ...checkMultiClusterServices(fleet, locateOf),
    ...checkAutoscalerTargets(fleet, locateOf),
  );
  return { fleet, diagnostics: diagnostics.sort(compareDiagnostics) };
}

/**
 * Parsed files by their bytes and path. The git tree reader hands an unchanged blob back as the
 * same array, so a long-running reconciler parses only the files a commit changed (a 10,000-file
 * repo re-plans in a fraction of the time). A WeakMap: a snapshot no one holds frees its entries.
 * Pure as readObjects is: the same (path, bytes) always gives the same objects and diagnostics.
 */
const parsedFiles = new WeakMap<Uint8Array, Map<string, ReturnType<typeof readObjects>>>();

function readObjectsOnce(file: SourceFile): ReturnType<typeof readObjects> {
  let byPath = parsedFiles.get(file.bytes);
  if (byPath === undefined) {
    byPath = new Map();
    parsedFiles.set(file.bytes, byPath);
  }
  let r = byPath.get(file.path);
  if (r === undefined) {
    r = readObjects(file);
    byPath.set(file.path, r);
  }
  return r;
}

function readSettings(file: SourceFile | undefined, diagnostics: Diagnostic[]): Settings {
  if (!file) return defaultSettings;
  const text = decodeText(file.bytes);
  const parsed = text === undefined ? undefined : parseDocuments(file.path, text);
  const doc = parsed?.documents[0];
  if (!parsed || !doc || parsed.diagnostics.length) {
    const why = parsed?.diagnostics.map((d) => d.message).join('; ') || 'not a YAML mapping';
    diagnostics.push(
      errorAt(
        'InvalidSettings',
        { file: file.path, line: parsed?.diagnostics[0]?.line ?? 1, column: 1 },
        `settings file is unreadable: ${why}`,
      ),
    );
    return defaultSettings;
  }
  const issues = validateAgainstSchema('Settings', doc.value);
  for (const i of issues)
    diagnostics.push(errorAt('InvalidSettings', { file: file.path, ...doc.locate(i.path) }, i.message));
  return issues.length ? defaultSettings : normaliseSettings(doc.value);
}

/** Kinds that CustomResourceDefinitions in the repo declare cluster-scoped. */
function clusterScopedCrdKinds(raw: readonly RawObject[]): ReadonlySet<string> {
  const kinds = new Set<string>();
  for (const r of raw) {
    if (r.object.kind !== 'CustomResourceDefinition') continue;
    const spec = r.object['spec'];
    if (
      isPlainObject(spec) &&
      spec['scope'] === 'Cluster' &&
      isPlainObject(spec['names']) &&
      typeof spec['names']['kind'] === 'string'
    )
      kinds.add(spec['names']['kind']);
  }
  return kinds;
}

/**
 * A namespaced object without a namespace belongs to `default`, as with `kubectl apply` (DESIGN "The
 * fleet repo"). A Karmada group's kinds have their own scopes; a kind Karmada lacks is left as written.
 */
function normaliseNamespace(r: RawObject, scoped: ReadonlySet<string>): RawObject {
  const { group } = splitApiVersion(r.object.apiVersion);
  if (isKarmadaGroup(group) && karmadaScope(group, r.object.kind) === undefined) return r;
  const clusterScoped = karmadaScope(group, r.object.kind) === 'Cluster' || isClusterScoped(r.object.kind, scoped);
  const ns = r.object.metadata.namespace;
  if (clusterScoped && ns !== undefined) {
    const { namespace: _dropped, ...metadata } = r.object.metadata;
    return { ...r, object: { ...r.object, metadata } };
  }
  if (!clusterScoped && (ns === undefined || ns === ''))
    return { ...r, object: { ...r.object, metadata: { ...r.object.metadata, namespace: 'default' } } };
  return r;
}

/** Two objects with the same group, kind, namespace and name: both places are reported. */
function findDuplicates(raw: readonly RawObject[]): Diagnostic[] {
  const first = new Map<string, RawObject>();
  const out: Diagnostic[] = [];
  for (const r of raw) {
    const group = r.object.apiVersion.includes('/')
      ? r.object.apiVersion.slice(0, r.object.apiVersion.indexOf('/'))
      : '';
    const key = `${group}|${r.object.kind}|${r.object.metadata.namespace ?? ''}|${r.object.metadata.name}`;
    const seen = first.get(key);
    if (!seen) {
      first.set(key, r);
      continue;
    }
    out.push(
      errorAt(
        'DuplicateObject',
        { file: r.source.file, line: r.source.line, column: r.source.column },
        `${r.object.kind} ${describeName(r.object)} is defined twice; the first definition is at ${seen.source.file}:${seen.source.line}`,
        [{ message: 'first defined here', file: seen.source.file, line: seen.source.line, column: seen.source.column }],
      ),
    );
  }
  return out;
}

/** An object flotilla does not load, as Karmada would not propagate it: a warning, or an error for a kind Karmada lacks. */
function unpropagated(cls: 'notPropagated' | 'unknownKarmadaKind', r: RawObject): Diagnostic {
  const { kind, apiVersion } = r.object;
  const { group } = splitApiVersion(apiVersion);
  if (cls === 'unknownKarmadaKind') {
    return errorAt(
      'UnknownKarmadaKind',
      { file: r.source.file, ...r.locate(['kind']) },
      `${group} has no kind ${kind}${unknownKarmadaKindHint(group, kind)}; Karmada never propagates its own API groups, so this object cannot be a resource template`,
    );
  }
  const why = isKarmadaGroup(group)
    ? `${kind} is a Karmada API flotilla does not act on, and Karmada never propagates its own API groups (${group})`
    : `Karmada never propagates ${kind} objects (pkg/util/apigroup.go)`;
  return warningAt(
    'KarmadaKindIgnored',
    { file: r.source.file, ...r.locate(['kind']) },
    `${kind} ${describeName(r.object)}: ${why}; it is ignored`,
  );
}

function describeName(o: KubeObject): string {
  return `${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
}
