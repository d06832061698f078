import assert from 'node:assert/strict';
import { errorAt, type Diagnostic } from '../api/index.ts';
import { buildBinding, type Binding } from '../plan/binding.ts';
import { parsePrevious, type Plan } from '../plan/index.ts';
import YAML from 'yaml';
import { decisionTrailer, sourceTrailer, statusCommitMessage } from './commit-message.ts';
import { fileChanges } from './file-changes.ts';
import { parseRevisionRecord, type RevisionRecord } from './revision-record.ts';
import { statusFiles } from './status-files.ts';

function binding(name: string, clusters: { name: string; replicas: number }[]): Binding {
  return buildBinding({
    template: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'shop' } },
    resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name },
    annotations: {},
    replicas: 3,
    requirements: undefined,
    clusters,
    placement: undefined,
    propagateDeps: false,
    requiredBy: [],
    condition: { type: 'Scheduled', status: 'True', reason: 'Success' },
    affinityName: undefined,
  });
}
function plan(revision: string, bindings: Binding[], errors: Diagnostic[] = []): Plan {
  return { revision, bindings, works: [], errors, warnings: [], explanations: [], clusters: [] };
}
const good: RevisionRecord = {
  sourceBranch: 'main',
  lastAppliedRevision: 'aaa',
  lastAttemptedRevision: 'aaa',
  lastAttempt: { revision: 'aaa', decision: 'plan', errors: [], warnings: [] },
};

describe('statusFiles', () => {
  it('a valid plan writes bindings and a record naming it applied; the bindings read back as the previous placement', () => {
    const s = statusFiles({
      sourceBranch: 'main',
      plan: plan('bbb', [binding('web', [{ name: 'm1', replicas: 3 }])]),
      previous: good,
      observed: [],
    });
    assert.equal(s.decision, 'plan');
    assert.deepEqual([...s.files.keys()], ['bindings/shop/deployment.web.yaml', 'revision.yaml']);
    assert.equal(parseRevisionRecord(s.files.get('revision.yaml') ?? '')?.lastAppliedRevision, 'bbb');
    const prev = parsePrevious([YAML.parse(s.files.get('bindings/shop/deployment.web.yaml') ?? '')], 'x');
    assert.deepEqual([...prev.previous.values()], [[{ name: 'm1', replicas: 3 }]]);
  });
  it('an invalid plan touches only revision.yaml and keeps the last applied revision', () => {
    const s = statusFiles({
      sourceBranch: 'main',
      plan: plan('ccc', [], [errorAt('SchemaViolation', { file: 'apps/x.yaml', line: 7 }, 'bad')]),
      previous: good,
      observed: [],
    });
    assert.equal(s.decision, 'invalid');
    assert.deepEqual([...s.files.keys()], ['revision.yaml']);
    const r = parseRevisionRecord(s.files.get('revision.yaml') ?? '');
    assert.deepEqual(
      [
        r?.lastAppliedRevision,
        r?.lastAttemptedRevision,
        r?.lastAttempt.errors[0]?.file,
        r?.lastAttempt.errors[0]?.line,
      ],
      ['aaa', 'ccc', 'apps/x.yaml', 7],
    );
    assert.equal(s.owns('bindings/shop/deployment.web.yaml'), false);
  });
  it('observed clusters get clusters/<name>.yaml', () => {
    const s = statusFiles({
      sourceBranch: 'main',
      plan: plan('d', []),
      previous: undefined,
      observed: [{ name: 'm1', conditions: [{ type: 'Ready', status: 'True' }] }],
    });
    assert.ok(s.files.has('clusters/m1.yaml'));
  });
});

describe('fileChanges', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const cases = [
    { name: 'unchanged', current: { a: '1' }, desired: { a: '1' }, want: [] },
    { name: 'modified and added', current: { a: '1' }, desired: { a: '2', b: '3' }, want: ['write a', 'write b'] },
    {
      name: 'owned stale file deleted, foreign file kept',
      current: { 'bindings/x': '1', 'NOTES.md': '2' },
      desired: {},
      want: ['delete bindings/x'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const desired = new Map(Object.entries(c.desired).map(([p, oid]) => [p, { oid, bytes: enc(oid) }] as const));
      const got = fileChanges(new Map(Object.entries(c.current)), desired, (p) => p !== 'NOTES.md');
      assert.deepEqual(
        got.map((x) => `${x.content ? 'write' : 'delete'} ${x.path}`),
        c.want,
      );
    });
  }
});

describe('statusCommitMessage', () => {
  it('ends with the source and decision trailers', () => {
    const m = statusCommitMessage({
      decision: 'invalid',
      revision: 'c'.repeat(40),
      lastApplied: 'a'.repeat(40),
      bindings: 0,
      works: 0,
      errors: [{ file: 'f.yaml', line: 3, code: 'SchemaViolation', message: 'bad' }],
      changes: [],
    });
    assert.match(m, /^flotilla: revision ccccccc is invalid \(1 error\)\n/);
    assert.match(m, /f\.yaml:3: SchemaViolation: bad/);
    assert.match(m, new RegExp(`\\n\\n${sourceTrailer}: c{40}\\n${decisionTrailer}: invalid\\n$`));
  });
  it("leads with failover decisions and keeps the revision's own trailer before one per decision kind", () => {
    const m = statusCommitMessage({
      decision: 'plan',
      revision: 'c'.repeat(40),
      lastApplied: 'c'.repeat(40),
      bindings: 1,
      works: 2,
      errors: [],
      changes: [],
      decisions: [
        {
          subject: 'flotilla: failover m2 (not ready since 2026-01-01T00:00:00Z)',
          body: ['added taint cluster.karmada.io/not-ready:NoSchedule'],
          trailer: 'failover',
        },
        {
          subject: 'flotilla: evict 1 binding from m2 (tainted since 2026-01-01T00:05:00Z)',
          body: ['apps/v1|Deployment|shop|web (2 replicas), purge Gracefully: …'],
          trailer: 'evict',
        },
      ],
    });
    assert.match(m, /^flotilla: 2 failover decisions \(failover m2/);
    assert.match(m, /\n {2}added taint cluster\.karmada\.io\/not-ready:NoSchedule\n/);
    assert.match(
      m,
      new RegExp(
        `\\n${sourceTrailer}: c{40}\\n${decisionTrailer}: plan\\n${decisionTrailer}: evict\\n${decisionTrailer}: failover\\n$`,
      ),
    );
  });
});

describe('status files: a conflict with a member object flotilla did not make', () => {
  it("is recorded per cluster as Karmada's aggregatedStatus item applied: false with its message", () => {
    const b = binding('web', [
      { name: 'm1', replicas: 1 },
      { name: 'm2', replicas: 2 },
    ]);
    const statuses = new Map([
      [
        'apps/v1|Deployment|shop|web',
        [
          { cluster: 'm1', health: 'Unknown' as const, conflict: "conflict: not flotilla's" },
          { cluster: 'm2', health: 'Healthy' as const, readyReplicas: 2 },
        ],
      ],
    ]);
    const s = statusFiles({
      sourceBranch: 'main',
      plan: plan('r1', [b]),
      previous: undefined,
      observed: [],
      failover: { clusters: [], statuses },
    });
    const file = YAML.parse(s.files.get('bindings/shop/deployment.web.yaml') ?? '{}') as {
      status: { aggregatedStatus: unknown[] };
    };
    assert.deepEqual(file.status.aggregatedStatus, [
      { clusterName: 'm1', health: 'Unknown', applied: false, appliedMessage: "conflict: not flotilla's" },
      { clusterName: 'm2', health: 'Healthy', readyReplicas: 2 },
    ]);
  });
});
