/**
 * Memory across revisions, planned as the controller plans them: revision 1's bindings (as the status
 * branch or `--previous` gives them back) are the record revision 2 is planned with.
 * Karmada: pkg/detector/policy.go propagateResource (a claim is kept), pkg/detector/preemption.go
 * (Always takes it from a lower priority), pkg/detector/detector.go ApplyPolicy (Lazy holds a policy
 * change back until the template changes), pkg/scheduler/event_handler.go schedulerNameFilter.
 */
import assert from 'node:assert/strict';
import { loadFleet } from '../load/index.ts';
import { planFleet, type Plan } from './plan-fleet.ts';
import { parsePrevious } from './previous.ts';

const enc = new TextEncoder();
const clusters = ['member1', 'member2', 'member3'].map((n) => ({
  path: `clusters/${n}.yaml`,
  text: `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${n}}\nspec: {syncMode: Push}\n`,
}));
const web = (image = 'nginx') => ({
  path: 'apps/web.yaml',
  text: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2, template: {spec: {containers: [{name: c, image: ${image}}]}}}\n`,
});

/** A propagation policy sending every Deployment to one cluster. */
function pp(
  name: string,
  cluster: string,
  extra: { priority?: number; preemption?: string; lazy?: boolean; scheduler?: string; cpp?: boolean } = {},
) {
  const kind = extra.cpp ? 'ClusterPropagationPolicy' : 'PropagationPolicy';
  const spec = [
    // Karmada's webhook requires a named selector with preemption: Always (validateResourceSelectorsIfPreemptionEnabled).
    `  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment${extra.preemption === 'Always' ? ', name: web' : ''}}]`,
    `  placement: {clusterAffinity: {clusterNames: [${cluster}]}}`,
    ...(extra.priority !== undefined ? [`  priority: ${extra.priority}`] : []),
    ...(extra.preemption ? [`  preemption: ${extra.preemption}`] : []),
    ...(extra.lazy ? ['  activationPreference: Lazy'] : []),
    ...(extra.scheduler ? [`  schedulerName: ${extra.scheduler}`] : []),
  ];
  return {
    path: `policies/${name}.yaml`,
    text: `apiVersion: policy.karmada.io/v1alpha1\nkind: ${kind}\nmetadata: {name: ${name}}\nspec:\n${spec.join('\n')}\n`,
  };
}

function plan(files: readonly { path: string; text: string }[], before?: Plan): Plan {
  const { fleet, diagnostics } = loadFleet({
    revision: 'r',
    problems: [],
    files: [...clusters, ...files].map((f) => ({ path: f.path, bytes: enc.encode(f.text) })),
  });
  if (!before) return planFleet({ fleet, diagnostics, revision: 'r' });
  const prev = parsePrevious(JSON.parse(JSON.stringify({ bindings: before.bindings })), 'prev.json');
  return planFleet({
    fleet,
    diagnostics,
    revision: 'r',
    previous: prev.previous,
    applied: prev.applied,
    records: prev.records,
  });
}
const placed = (p: Plan): string[] => p.bindings.flatMap((b) => b.spec.clusters.map((c) => c.name));
const claimedBy = (p: Plan): string | undefined =>
  p.bindings[0]?.metadata.annotations['propagationpolicy.karmada.io/name'] ??
  p.bindings[0]?.metadata.annotations['clusterpropagationpolicy.karmada.io/name'];

describe('plan: a claim is kept across revisions (preemption)', () => {
  const cases: { name: string; first: ReturnType<typeof pp>[]; second: ReturnType<typeof pp>[]; want: string }[] = [
    {
      name: 'Never (default): a new higher-priority policy does not take a claimed template',
      first: [pp('low', 'member1')],
      second: [pp('low', 'member1'), pp('high', 'member2', { priority: 5 })],
      want: 'low',
    },
    {
      name: 'Always with a higher priority takes it (preemptPropagationPolicy)',
      first: [pp('low', 'member1')],
      second: [pp('low', 'member1'), pp('high', 'member2', { priority: 5, preemption: 'Always' })],
      want: 'high',
    },
    {
      name: 'Always with an equal priority does not',
      first: [pp('low', 'member1', { priority: 5 })],
      second: [pp('low', 'member1', { priority: 5 }), pp('a-same', 'member2', { priority: 5, preemption: 'Always' })],
      want: 'low',
    },
    {
      name: 'the claiming policy deleted: matched afresh',
      first: [pp('low', 'member1')],
      second: [pp('high', 'member2', { priority: 5 })],
      want: 'high',
    },
    {
      name: 'a PropagationPolicy (Never) does not take from a ClusterPropagationPolicy',
      first: [pp('cpp', 'member1', { cpp: true })],
      second: [pp('cpp', 'member1', { cpp: true }), pp('pp', 'member2')],
      want: 'cpp',
    },
    {
      name: 'a PropagationPolicy with Always takes from a ClusterPropagationPolicy whatever its priority (preemptClusterPropagationPolicyDirectly)',
      first: [pp('cpp', 'member1', { cpp: true, priority: 9 })],
      second: [pp('cpp', 'member1', { cpp: true, priority: 9 }), pp('pp', 'member2', { preemption: 'Always' })],
      want: 'pp',
    },
    {
      name: 'a ClusterPropagationPolicy with Always and a higher priority takes from another (preemptClusterPropagationPolicy)',
      first: [pp('a', 'member1', { cpp: true })],
      second: [pp('a', 'member1', { cpp: true }), pp('b', 'member2', { cpp: true, priority: 1, preemption: 'Always' })],
      want: 'b',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const first = plan([web(), ...c.first]);
      const second = plan([web(), ...c.second], first);
      assert.equal(claimedBy(second), c.want);
    });
  }
  it('without a record, the highest priority wins as before', () =>
    assert.equal(claimedBy(plan([web(), pp('low', 'member1'), pp('high', 'member2', { priority: 5 })])), 'high'));
  it('the explanation says when a claim decided', () => {
    const first = plan([web(), pp('low', 'member1')]);
    const kept = plan([web(), pp('low', 'member1'), pp('high', 'member2', { priority: 5 })], first);
    const taken = plan(
      [web(), pp('low', 'member1'), pp('high', 'member2', { priority: 5, preemption: 'Always' })],
      first,
    );
    const same = plan([web(), pp('low', 'member1')], first);
    assert.deepEqual(
      [kept, taken, same].map((p) => p.explanations[0]?.claim !== undefined),
      [true, true, false],
    );
  });
  it('the kept claim keeps its placement', () => {
    const first = plan([web(), pp('low', 'member1')]);
    assert.deepEqual(placed(plan([web(), pp('low', 'member1'), pp('high', 'member2', { priority: 5 })], first)), [
      'member1',
    ]);
  });
});

describe('plan: activationPreference Lazy (Karmada detector ApplyPolicy)', () => {
  it('a policy change alone does not reach an unchanged template', () => {
    const first = plan([web(), pp('web', 'member1', { lazy: true })]);
    const second = plan([web(), pp('web', 'member2', { lazy: true })], first);
    assert.deepEqual(placed(second), ['member1']);
    assert.deepEqual(second.bindings[0]?.spec.placement, { clusterAffinity: { clusterNames: ['member1'] } });
  });
  it('the template changing activates the policy as it is now', () => {
    const first = plan([web(), pp('web', 'member1', { lazy: true })]);
    const held = plan([web(), pp('web', 'member2', { lazy: true })], first);
    assert.deepEqual(placed(plan([web('nginx:2'), pp('web', 'member2', { lazy: true })], held)), ['member2']);
  });
  it('a policy turned Lazy in this revision holds its own change back', () => {
    const first = plan([web(), pp('web', 'member1')]);
    assert.deepEqual(placed(plan([web(), pp('web', 'member2', { lazy: true })], first)), ['member1']);
  });
  it('a new template is activated at once', () =>
    assert.deepEqual(placed(plan([web(), pp('web', 'member2', { lazy: true })])), ['member2']));
  it('without Lazy, a policy change applies at once and no template version is recorded', () => {
    const first = plan([web(), pp('web', 'member1')]);
    const second = plan([web(), pp('web', 'member2')], first);
    assert.deepEqual(placed(second), ['member2']);
    assert.equal(second.bindings[0]?.metadata.annotations['flotilla.io/template-hash'], undefined);
  });
});

describe('plan: spec.schedulerName (Karmada schedulerNameFilter)', () => {
  it('a binding for another scheduler is not scheduled: warning, condition, clusters kept', () => {
    const first = plan([web(), pp('web', 'member1')]);
    const second = plan([web(), pp('web', 'member2', { scheduler: 'my-scheduler' })], first);
    const b = second.bindings[0];
    assert.deepEqual(
      [b?.status.conditions[0]?.status, b?.status.conditions[0]?.reason, b?.spec.schedulerName],
      ['Unknown', 'OtherScheduler', 'my-scheduler'],
    );
    assert.deepEqual(placed(second), ['member1']);
    const w = second.warnings.find((d) => d.code === 'OtherScheduler');
    assert.deepEqual([w?.file, w?.line], ['policies/web.yaml', 1]);
  });
  it('without history it goes nowhere', () =>
    assert.deepEqual(placed(plan([web(), pp('web', 'member2', { scheduler: 'my-scheduler' })])), []));
  it('default-scheduler is flotilla', () => {
    const p = plan([web(), pp('web', 'member2', { scheduler: 'default-scheduler' })]);
    assert.deepEqual(
      [placed(p), p.warnings.map((w) => w.code), p.bindings[0]?.spec.schedulerName],
      [['member2'], [], undefined],
    );
  });
});
