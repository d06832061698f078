/**
 * The placement an earlier revision produced, read from a previous plan's JSON (`{bindings: [...]}`)
 * or a plain list of bindings: ResourceKey → clusters, used for scheduling stability, and each
 * binding's record (the claiming policy, a Lazy policy's template version and spec).
 */
import { readBindingRecord, type BindingRecord } from './binding-record.ts';
import {
  errorAt,
  isPlainObject,
  resourceKey,
  type Diagnostic,
  type Placement,
  type ResourceKey,
  type TargetCluster,
} from '../api/index.ts';

/** Previous placements by resource key. */
export type PreviousPlacement = ReadonlyMap<ResourceKey, readonly TargetCluster[]>;
/** The placement each previous schedule was made with, when the binding recorded it (`spec.placement`). */
export type AppliedPlacements = ReadonlyMap<ResourceKey, Placement>;
/** What each previous binding recorded about its claim (src/plan/binding-record.ts). */
export type PreviousRecords = ReadonlyMap<ResourceKey, BindingRecord>;

/** Parses a previous plan or binding list; malformed entries are diagnostics against `file`. */
export function parsePrevious(
  value: unknown,
  file: string,
): { previous: PreviousPlacement; applied: AppliedPlacements; records: PreviousRecords; diagnostics: Diagnostic[] } {
  const list = Array.isArray(value)
    ? value
    : isPlainObject(value) && Array.isArray(value['bindings'])
      ? value['bindings']
      : undefined;
  const out = new Map<ResourceKey, TargetCluster[]>();
  const applied = new Map<ResourceKey, Placement>();
  const records = new Map<ResourceKey, BindingRecord>();
  if (!list)
    return {
      previous: out,
      applied,
      records,
      diagnostics: [
        errorAt('InvalidPrevious', { file, line: 1 }, 'expected a plan ({"bindings": [...]}) or a list of bindings'),
      ],
    };
  const diagnostics: Diagnostic[] = [];
  list.forEach((b: unknown, i: number) => {
    const spec = isPlainObject(b) && isPlainObject(b['spec']) ? b['spec'] : undefined;
    const r = spec && isPlainObject(spec['resource']) ? spec['resource'] : undefined;
    if (!r || typeof r['apiVersion'] !== 'string' || typeof r['kind'] !== 'string' || typeof r['name'] !== 'string') {
      diagnostics.push(
        errorAt('InvalidPrevious', { file, line: 1 }, `binding ${i + 1} has no spec.resource {apiVersion, kind, name}`),
      );
      return;
    }
    const clusters = Array.isArray(spec?.['clusters']) ? spec['clusters'] : [];
    const targets: TargetCluster[] = [];
    for (const c of clusters) {
      if (isPlainObject(c) && typeof c['name'] === 'string')
        targets.push(
          typeof c['replicas'] === 'number' ? { name: c['name'], replicas: c['replicas'] } : { name: c['name'] },
        );
    }
    const ns = typeof r['namespace'] === 'string' && r['namespace'] !== '' ? r['namespace'] : undefined;
    const key = resourceKey({
      apiVersion: r['apiVersion'],
      kind: r['kind'],
      ...(ns ? { namespace: ns } : {}),
      name: r['name'],
    });
    out.set(key, targets);
    if (isPlainObject(spec?.['placement'])) applied.set(key, spec['placement'] as Placement);
    const record = readBindingRecord(b);
    if (record !== undefined) records.set(key, record);
  });
  return { previous: out, applied, records, diagnostics };
}
