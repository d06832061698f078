import assert from 'node:assert/strict';
import { honouredFor, ignoredFields, inertFields } from './karmada-fields.ts';
import { loadFleet } from './load-fleet.ts';
import { schemaDocuments, schemaIdOf, schemaKinds, type SchemaKind } from './schema/schemas.ts';

type Node = Record<string, unknown>;
const byId = new Map<string, Node>((schemaDocuments as Node[]).map((d) => [String(d['$id']), d]));

function resolve(ref: string, base: string): [Node | undefined, string] {
  const [file = '', fragment = ''] = ref.split('#');
  const id = file || base;
  let node: unknown = byId.get(id);
  for (const seg of fragment.split('/').filter(Boolean)) node = (node as Node | undefined)?.[seg];
  return [node as Node | undefined, id];
}

/** Every property path of a schema (`.` between properties, `[]` for items), following $refs. */
function propertyPaths(
  node: Node | undefined,
  base: string,
  path: string,
  out: Set<string>,
  seen: ReadonlySet<Node>,
): void {
  if (node === undefined || typeof node !== 'object' || seen.has(node)) return;
  const within = new Set(seen).add(node);
  if (typeof node['$ref'] === 'string') propertyPaths(...resolve(node['$ref'], base), path, out, within);
  for (const k of ['allOf', 'anyOf', 'oneOf'])
    for (const s of (node[k] as Node[] | undefined) ?? []) propertyPaths(s, base, path, out, within);
  if (node['items'] && typeof node['items'] === 'object')
    propertyPaths(node['items'] as Node, base, `${path}[]`, out, within);
  for (const [k, v] of Object.entries((node['properties'] as Record<string, Node> | undefined) ?? {})) {
    const p = path ? `${path}.${k}` : k;
    out.add(p);
    propertyPaths(v, base, p, out, within);
  }
}

const covers = (listed: string, path: string) =>
  path === listed || path.startsWith(`${listed}.`) || path.startsWith(`${listed}[]`);
/** An ancestor of a listed path is a container: it is covered by what it contains. */
const contains = (path: string, listed: string) => listed.startsWith(`${path}.`) || listed.startsWith(`${path}[]`);

describe('load/karmada-fields: every schema field is honoured, warned about, or inert (DESIGN principle 6)', () => {
  for (const kind of schemaKinds) {
    it(`${kind}: no field is silently ignored`, () => {
      const paths = new Set<string>();
      propertyPaths(byId.get(schemaIdOf[kind]), schemaIdOf[kind], '', paths, new Set());
      assert.ok(paths.size > 0);
      const listed = [
        ...honouredFor(kind),
        ...ignoredFields.filter((f) => f.kinds.includes(kind)).map((f) => f.path),
        ...inertFields.filter((f) => f.kinds.includes(kind)).map((f) => f.path),
      ];
      const uncovered = [...paths].filter((p) => !listed.some((l) => covers(l, p) || contains(p, l)));
      assert.deepEqual(uncovered, []);
    });
  }
  it("every listed path exists in its kinds' schemas", () => {
    for (const kind of schemaKinds) {
      const paths = new Set<string>();
      propertyPaths(byId.get(schemaIdOf[kind]), schemaIdOf[kind], '', paths, new Set());
      const listed = [
        ...ignoredFields.filter((f) => f.kinds.includes(kind)).map((f) => f.path),
        ...inertFields.filter((f) => f.kinds.includes(kind)).map((f) => f.path),
        ...honouredFor(kind),
      ];
      assert.deepEqual(
        listed.filter((l) => !paths.has(l)),
        [],
        kind,
      );
    }
  });
});

const enc = new TextEncoder();
const pp = (spec: string) =>
  `apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: p}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n${spec}`;
const warningsOf = (text: string, kind: SchemaKind = 'PropagationPolicy') => {
  const { diagnostics } = loadFleet({
    revision: 'r',
    problems: [],
    files: [{ path: 'f.yaml', bytes: enc.encode(text) }],
  });
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === 'error'),
    [],
    kind,
  );
  return diagnostics.filter((d) => d.code === 'KarmadaFieldIgnored').map((d) => [d.code, d.file, d.line]);
};

describe('load: KarmadaFieldIgnored warnings at the field', () => {
  const cases: { name: string; text: string; lines: number[] }[] = [
    {
      name: 'suspension.dispatching: true is honoured (render/dispatch.ts)',
      text: pp('  suspension: {dispatching: true}\n'),
      lines: [],
    },
    {
      name: 'suspension.dispatching: false is what flotilla does',
      text: pp('  suspension: {dispatching: false}\n'),
      lines: [],
    },
    {
      name: 'preserveResourcesOnDeletion: true is honoured (src/cluster prune)',
      text: pp('  preserveResourcesOnDeletion: true\n'),
      lines: [],
    },
    { name: 'preserveResourcesOnDeletion: false', text: pp('  preserveResourcesOnDeletion: false\n'), lines: [] },
    {
      name: 'conflictResolution: Abort is honoured (src/cluster apply)',
      text: pp('  conflictResolution: Abort\n'),
      lines: [],
    },
    { name: 'conflictResolution: Overwrite', text: pp('  conflictResolution: Overwrite\n'), lines: [] },
    {
      name: 'activationPreference: Lazy is honoured (src/plan/activation.ts)',
      text: pp('  activationPreference: Lazy\n'),
      lines: [],
    },
    {
      name: 'schedulerName: other is honoured (src/plan/other-scheduler.ts)',
      text: pp('  schedulerName: my-scheduler\n'),
      lines: [],
    },
    {
      name: 'preemption: Always is honoured (src/policy/claimed-match.ts)',
      // Karmada's webhook requires named selectors with preemption: Always.
      text: pp('  preemption: Always\n').replace('kind: Deployment}', 'kind: Deployment, name: web}'),
      lines: [],
    },
    {
      name: 'overflowAffinities are honoured (src/scheduler/overflow.ts)',
      text: pp(
        '  placement:\n    replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Aggregated}\n    clusterAffinities:\n      - affinityName: a\n        clusterNames: [m1]\n        overflowAffinities:\n          - affinityName: b\n            clusterNames: [m2]\n',
      ),
      lines: [],
    },
    {
      name: 'workloadAffinity is honoured (src/plan/workload-groups.ts)',
      text: pp('  placement:\n    workloadAffinity:\n      affinity: {groupByLabelKey: app}\n'),
      lines: [],
    },
    {
      name: 'application failover statePreservation is honoured (src/status/state-preservation.ts)',
      text: pp(
        '  propagateDeps: true\n  failover:\n    application:\n      decisionConditions: {tolerationSeconds: 30}\n      statePreservation:\n        rules: [{aliasLabelName: a, jsonPath: "{.x}"}]\n',
      ),
      lines: [],
    },
  ];
  for (const c of cases)
    it(c.name, () =>
      assert.deepEqual(
        warningsOf(c.text),
        c.lines.map((l) => ['KarmadaFieldIgnored', 'f.yaml', l]),
      ),
    );
  it('a Cluster in Pull mode', () => {
    assert.deepEqual(
      warningsOf(
        'apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: m1}\nspec:\n  syncMode: Pull\n',
        'Cluster',
      ),
      [['KarmadaFieldIgnored', 'f.yaml', 5]],
    );
  });
});
