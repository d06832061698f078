/**
 * Karmada's state-preservation helper test cases (pkg/util/helper/failover_test.go), case by
 * case, against flotilla's buildPreservedLabelState (state-preservation.ts) and
 * evaluateJsonPath (jsonpath-template.ts). Each case cites `<Go file> :: <Test function> :: <case
 * name>`. Karmada's test trims the spaces around parseJSONValue's result; so do these.
 *
 * A rule that cannot be evaluated is Karmada's error and flotilla's undefined (no state).
 */
import assert from 'node:assert/strict';
import { applicationFailoverProducers } from './application-failover.ts';
import type { EvictionVerdict } from './eviction.ts';
import { evaluateJsonPath } from './jsonpath-template.ts';
import {
  buildPreservedLabelState,
  readPreservedLabels,
  statePreservationRules,
  withPreservedState,
} from './state-preservation.ts';

const FT = 'pkg/util/helper/failover_test.go';

describe('Karmada stateful failover: BuildPreservedLabelState', () => {
  const status = { replicas: 2, health: true };
  const cases: { name: string; paths: [string, string][]; want: Record<string, string> | undefined }[] = [
    {
      name: 'successful case',
      paths: [
        ['key-a', '{ .replicas }'],
        ['key-b', '{ .health }'],
      ],
      want: { 'key-a': '2', 'key-b': 'true' },
    },
    {
      name: 'one statePreservation rule exist not found field',
      paths: [
        ['key-a', '{ .replicas }'],
        ['key-b', '{ .notfound }'],
      ],
      want: undefined,
    },
    {
      name: 'one statePreservation rule has invalid jsonPath',
      paths: [
        ['key-a', '{ .replicas }'],
        ['key-b', '{ %health }'],
      ],
      want: undefined,
    },
  ];
  for (const c of cases) {
    it(`${FT} :: Test_BuildPreservedLabelState :: ${c.name}`, () => {
      const rules = c.paths.map(([aliasLabelName, jsonPath]) => ({ aliasLabelName, jsonPath }));
      assert.deepEqual(buildPreservedLabelState(rules, status), c.want);
    });
  }
});

describe('Karmada stateful failover: parseJSONValue', () => {
  // A DeploymentList of two Deployments, as in the Go test (fields it does not read left out).
  const deployment = (name: string, resourceVersion: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      creationTimestamp: '2024-11-27T07:59:13Z',
      generation: 2,
      labels: { app: 'nginx' },
      name,
      namespace: 'default',
      resourceVersion,
    },
    spec: { replicas: 2, selector: { matchLabels: { app: 'nginx' } } },
    status: { availableReplicas: 2, observedGeneration: 2, readyReplicas: 2, replicas: 2, updatedReplicas: 2 },
  });
  const list = {
    apiVersion: 'v1',
    items: [deployment('nginx-01', '1148'), deployment('nginx-02', '1149')],
    kind: 'List',
    metadata: { resourceVersion: '' },
  };
  const cases: { name: string; data: unknown; path: string; want: string | 'error' }[] = [
    { name: 'target field not found', data: { readyReplicas: 2 }, path: '{ .replicas }', want: 'error' },
    { name: 'invalid jsonPath', data: { readyReplicas: 2 }, path: '{ %replicas }', want: 'error' },
    { name: 'success to parse', data: { replicas: 2 }, path: '{ .replicas }', want: '2' },
    { name: 'the current object parse', data: list, path: '{ @ }', want: JSON.stringify(list) },
    { name: 'child operator parse', data: list, path: "{ ['kind'] }", want: 'List' },
    { name: 'recursive descent parse', data: list, path: '{ ..resourceVersion }', want: '1148 1149' },
    {
      name: 'wildcard get all objects parse',
      data: list,
      path: '{ .items[*].metadata.name }',
      want: 'nginx-01 nginx-02',
    },
    { name: 'subscript operator parse', data: list, path: '{ .items[0].metadata.name }', want: 'nginx-01' },
    {
      name: 'filter parse',
      data: list,
      path: '{ .items[?(@.metadata.name=="nginx-01")].metadata.name }',
      want: 'nginx-01',
    },
    {
      name: 'iterate list parse',
      data: list,
      path: '{range .items[*]}[{.metadata.name}, {.metadata.namespace}] {end}',
      want: '[nginx-01, default] [nginx-02, default]',
    },
  ];
  for (const c of cases) {
    it(`${FT} :: Test_parseJSONValue :: ${c.name}`, () => {
      const r = evaluateJsonPath(c.path, c.data);
      assert.equal(r.kind === 'ok' ? r.value.trim() : r.kind, c.want);
    });
  }
});

// Not a Go table case: Karmada reads each failover's own rules on its own
// (applicationfailover/common.go buildTaskOptions with failover.application's rules,
// cluster/taint_manager.go extractStateForEviction with failover.cluster's), so a cluster rule
// whose path is missing does not take the state from an application eviction.
describe("Karmada stateful failover: each failover's rules are read on their own", () => {
  it('applicationfailover/common.go :: buildTaskOptions :: a failing cluster rule leaves the application state whole', () => {
    const failover = {
      application: { statePreservation: { rules: [{ aliasLabelName: 'app-replicas', jsonPath: '{.replicas}' }] } },
      cluster: { statePreservation: { rules: [{ aliasLabelName: 'checkpoint', jsonPath: '{.checkpoint}' }] } },
    };
    const seen = readPreservedLabels(statePreservationRules(failover), { replicas: 2 });
    const b = {
      key: 'default/web',
      clusters: [{ name: 'm1', replicas: 1 }],
      failover,
      statuses: [{ cluster: 'm1', health: 'Unhealthy' as const, ...(seen ? { preservedLabelState: seen } : {}) }],
    };
    const evict = (producer: string): EvictionVerdict => ({
      kind: 'evict',
      binding: 'default/web',
      cluster: 'm1',
      cause: { kind: 'application-unhealthy', since: '2026-01-01T00:00:00Z', tolerationSeconds: 1 },
      task: { fromCluster: 'm1', reason: 'x', producer },
    });
    const [app, taint] = withPreservedState(
      [evict(applicationFailoverProducers.namespaced), evict('TaintManager')],
      [b],
    );
    assert.deepEqual(app?.kind === 'evict' ? app.task.preservedLabelState : 'none', { 'app-replicas': '2' });
    // The cluster rule's path is missing: Karmada does not evict; flotilla evicts without state.
    assert.equal(taint?.kind === 'evict' ? taint.task.preservedLabelState : 'none', undefined);
  });
});
