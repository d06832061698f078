import assert from 'node:assert/strict';
import type { GracefulEvictionTask } from '../api/index.ts';
import type { ApplicationBinding } from './application-failover.ts';
import type { EvictionVerdict } from './eviction.ts';
import { evaluateJsonPath } from './jsonpath-template.ts';
import { buildPreservedLabelState, keepPreservedState, withPreservedState } from './state-preservation.ts';

// k8s.io/client-go/util/jsonpath with AllowMissingKeys(false), as Karmada's parseJSONValue uses it.
describe('status/evaluateJsonPath', () => {
  const status = {
    replicas: 3,
    ready: true,
    name: 'flink-7',
    nested: { labels: { 'app.io/x': 'y' } },
    items: [{ id: 'a' }, { id: 'b' }],
  };
  const cases: { template: string; want: ReturnType<typeof evaluateJsonPath>['kind'] | string }[] = [
    { template: '{.replicas}', want: '3' },
    { template: '{ .name }', want: 'flink-7' },
    { template: '{.ready}', want: 'true' },
    { template: "{.nested.labels['app.io/x']}", want: 'y' },
    { template: '{.items[1].id}', want: 'b' },
    { template: 'job-{.name}', want: 'job-flink-7' },
    { template: '{.missing}', want: 'error' },
    { template: '{.items[5].id}', want: 'error' },
    { template: '{.items[*].id}', want: 'a b' },
    // Malformed or unsupported templates are errors (the rule gives no state), never a partial value.
    { template: '{.name', want: 'error' },
    { template: '{.name}{end}', want: 'error' },
    { template: '{range .items[*]}{.id}', want: 'error' },
    { template: '{.items[0:1]}', want: 'error' },
    { template: '{.items[?(@.id=="a"}', want: 'error' },
    { template: '{.name[0]}', want: 'error' },
    { template: '{.nested[?(@.x=="y")]}', want: 'error' },
    { template: '{.items[?(@.id==1)]}', want: 'error' },
  ];
  for (const c of cases) {
    it(c.template, () => {
      const r = evaluateJsonPath(c.template, status);
      assert.equal(r.kind === 'ok' ? r.value : r.kind, c.want);
    });
  }
});

// Karmada pkg/util/helper/failover.go BuildPreservedLabelState.
describe('status/buildPreservedLabelState', () => {
  const rules = [
    { aliasLabelName: 'failover.example.io/checkpoint', jsonPath: '{.jobStatus.checkpointInfo.lastCheckpoint}' },
    { aliasLabelName: 'failover.example.io/replicas', jsonPath: '{.replicas}' },
  ];
  it('every rule read from the status, keys sorted', () => {
    assert.deepEqual(
      buildPreservedLabelState(rules, { replicas: 2, jobStatus: { checkpointInfo: { lastCheckpoint: 'chk-17' } } }),
      { 'failover.example.io/checkpoint': 'chk-17', 'failover.example.io/replicas': '2' },
    );
  });
  it('a missing path gives no state (Karmada: an error)', () =>
    assert.equal(buildPreservedLabelState(rules, { replicas: 2 }), undefined));
  it('no status gives no state', () => assert.equal(buildPreservedLabelState(rules, null), undefined));
});

const task = (producer: string): GracefulEvictionTask => ({
  fromCluster: 'm1',
  purgeMode: 'Directly',
  reason: 'x',
  producer,
  creationTimestamp: 't0',
});
const verdict = (producer: string): EvictionVerdict => ({
  kind: 'evict',
  binding: 'b',
  cluster: 'm1',
  cause: { kind: 'application-unhealthy', since: 't', tolerationSeconds: 1 },
  task: task(producer),
});
const binding = (failover: ApplicationBinding['failover'], state?: Record<string, string>): ApplicationBinding => ({
  key: 'b',
  clusters: [{ name: 'm1', replicas: 1 }],
  ...(failover ? { failover } : {}),
  statuses: [{ cluster: 'm1', health: 'Unhealthy', ...(state ? { preservedLabelState: state } : {}) }],
});
const rule = { aliasLabelName: 'ck', jsonPath: '{.ck}' };

// Karmada applicationfailover/common.go buildTaskOptions, cluster/taint_manager.go extractStateForEviction.
describe('status/withPreservedState', () => {
  const cases: { name: string; v: EvictionVerdict; b: ApplicationBinding; want: Partial<GracefulEvictionTask> }[] = [
    {
      name: 'application failover: the state and the clusters before the failover',
      v: verdict('resource-binding-application-failover-controller'),
      b: binding({ application: { statePreservation: { rules: [rule] } } }, { ck: '7' }),
      want: { preservedLabelState: { ck: '7' }, clustersBeforeFailover: ['m1'] },
    },
    {
      name: "the taint manager: the cluster rules' state, no clusters before",
      v: verdict('TaintManager'),
      b: binding({ cluster: { statePreservation: { rules: [rule] } } }, { ck: '7' }),
      want: { preservedLabelState: { ck: '7' } },
    },
    {
      name: "the taint manager ignores the application's rules",
      v: verdict('TaintManager'),
      b: binding({ application: { statePreservation: { rules: [rule] } } }, { ck: '7' }),
      want: {},
    },
    {
      name: 'no state observed: evicted without it (flotilla differs)',
      v: verdict('TaintManager'),
      b: binding({ cluster: { statePreservation: { rules: [rule] } } }),
      want: {},
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [out] = withPreservedState([c.v], [c.b]);
      const t = out?.kind === 'evict' ? out.task : undefined;
      assert.deepEqual(
        { preservedLabelState: t?.preservedLabelState, clustersBeforeFailover: t?.clustersBeforeFailover },
        { preservedLabelState: undefined, clustersBeforeFailover: undefined, ...c.want },
      );
      assert.equal(t?.creationTimestamp, 't0');
    });
  }
});

describe('status/keepPreservedState', () => {
  it('an unreadable copy keeps its state; an unobserved one placed here keeps an Unknown entry; one no longer placed is dropped', () => {
    const got = keepPreservedState(
      [{ cluster: 'm1', health: 'Healthy' }],
      [
        { cluster: 'm1', health: 'Healthy', preservedLabelState: { ck: '1' } },
        { cluster: 'm2', health: 'Healthy', preservedLabelState: { ck: '2' } },
        { cluster: 'm3', health: 'Healthy', preservedLabelState: { ck: '3' } },
      ],
      new Set(['m1', 'm2']),
    );
    assert.deepEqual(got, [
      { cluster: 'm1', health: 'Healthy', preservedLabelState: { ck: '1' } },
      { cluster: 'm2', health: 'Unknown', preservedLabelState: { ck: '2' } },
    ]);
  });
});
