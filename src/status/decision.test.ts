import assert from 'node:assert/strict';
import type { Decision, DecisionDescription } from './decision.ts';
import { compareDecisions, describeDecision } from './decision.ts';

const at = (hms: string): string => `2026-01-01T${hms}Z`;

const cases: readonly { name: string; decision: Decision; want: DecisionDescription }[] = [
  {
    name: 'failover (not ready): subject names cluster and since; body the condition and taints',
    decision: {
      kind: 'failover',
      cluster: 'member2',
      since: at('10:00:00'),
      condition: { status: 'False', reason: 'ClusterNotReachable', message: 'cluster is not reachable' },
      taintsAdded: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoExecute', timeAdded: at('10:05:01') }],
      taintsRemoved: [{ key: 'cluster.karmada.io/unreachable', effect: 'NoExecute' }],
    },
    want: {
      subject: `flotilla: failover member2 (not ready since ${at('10:00:00')})`,
      body: [
        'Ready=False ClusterNotReachable: cluster is not reachable',
        'added taint cluster.karmada.io/not-ready:NoExecute',
        'removed taint cluster.karmada.io/unreachable:NoExecute',
      ],
      trailer: 'failover',
    },
  },
  {
    name: 'failover (unreachable) when Ready is Unknown',
    decision: {
      kind: 'failover',
      cluster: 'edge-1',
      since: at('09:00:00'),
      condition: { status: 'Unknown', reason: 'ClusterStatusUnknown' },
      taintsAdded: [{ key: 'cluster.karmada.io/unreachable', effect: 'NoSchedule' }],
      taintsRemoved: [],
    },
    want: {
      subject: `flotilla: failover edge-1 (unreachable since ${at('09:00:00')})`,
      body: ['Ready=Unknown ClusterStatusUnknown', 'added taint cluster.karmada.io/unreachable:NoSchedule'],
      trailer: 'failover',
    },
  },
  {
    name: 'recover',
    decision: {
      kind: 'recover',
      cluster: 'member2',
      since: at('11:00:00'),
      condition: { status: 'True', reason: 'ClusterReady' },
      taintsRemoved: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' }],
    },
    want: {
      subject: `flotilla: recover member2 (ready since ${at('11:00:00')})`,
      body: ['Ready=True ClusterReady', 'removed taint cluster.karmada.io/not-ready:NoSchedule'],
      trailer: 'recover',
    },
  },
  {
    name: 'evict: one binding, replicas and purge mode listed',
    decision: {
      kind: 'evict',
      cluster: 'member1',
      since: at('10:05:01'),
      bindings: [{ binding: 'default/web', replicas: 3, purgeMode: 'Gracefully', why: 'untolerated' }],
    },
    want: {
      subject: `flotilla: evict 1 binding from member1 (tainted since ${at('10:05:01')})`,
      body: ['default/web (3 replicas), purge Gracefully: untolerated'],
      trailer: 'evict',
    },
  },
];

describe('status: decisions as commit messages', () => {
  for (const c of cases) it(c.name, () => assert.deepEqual(describeDecision(c.decision), c.want));

  it('lists at most 20 bindings, then "…and N more"', () => {
    const bindings = Array.from({ length: 23 }, (_, i) => ({
      binding: `ns/app-${String(i).padStart(2, '0')}`,
      why: 'replacement healthy',
    }));
    const d = describeDecision({ kind: 'purge', cluster: 'member1', since: at('10:00:00'), bindings });
    assert.equal(d.body.length, 21);
    assert.equal(d.body[20], '…and 3 more');
  });

  it('orders decisions by kind, then cluster', () => {
    const ds: Decision[] = [
      { kind: 'recover', cluster: 'b', since: at('10:00:00'), condition: { status: 'True' }, taintsRemoved: [] },
      { kind: 'evict', cluster: 'b', since: at('10:00:00'), bindings: [] },
      { kind: 'evict', cluster: 'a', since: at('10:00:00'), bindings: [] },
    ];
    assert.deepEqual(
      ds.toSorted(compareDecisions).map((d) => `${d.kind}/${d.cluster}`),
      ['evict/a', 'evict/b', 'recover/b'],
    );
  });
});
