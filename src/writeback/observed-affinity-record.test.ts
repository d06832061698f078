/** The status branch remembers the clusterAffinities term a binding was scheduled with (Karmada `status.schedulerObservingAffinityName`). */
import assert from 'node:assert/strict';
import YAML from 'yaml';
import { buildBinding } from '../plan/binding.ts';
import { parsePrevious } from '../plan/index.ts';
import { bindingFiles } from './status-files.ts';

const recorded = (affinityName: string | undefined) => {
  const b = buildBinding({
    template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' } },
    resource: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'cfg' },
    annotations: {},
    replicas: 0,
    requirements: undefined,
    clusters: [{ name: 'm2' }],
    placement: undefined,
    propagateDeps: false,
    requiredBy: [],
    condition: { type: 'Scheduled', status: 'True', reason: 'Success' },
    affinityName,
  });
  const [text = ''] = bindingFiles([b]).values();
  return [...parsePrevious([YAML.parse(text)], 'status-branch').records.values()].map((r) => r.observedAffinityName);
};

describe('writeback: a recorded binding reads back its observed affinity term', () => {
  it('a term name round-trips', () => assert.deepEqual(recorded('backup'), ['backup']));
  it('no term: none recorded', () => assert.deepEqual(recorded(undefined), [undefined]));
});

describe("plan: a previous plan's observed affinity term under either JSON name", () => {
  const read = (status: Record<string, string>) =>
    [
      ...parsePrevious(
        [
          {
            spec: { resource: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'cfg' } },
            status,
            metadata: {},
          },
        ],
        'prev.json',
      ).records.values(),
    ].map((r) => r.observedAffinityName);
  it("Karmada's schedulerObservingAffinityName", () =>
    assert.deepEqual(read({ schedulerObservingAffinityName: 'backup' }), ['backup']));
  it('the schedulerObservedAffinityName earlier flotilla plans wrote', () =>
    assert.deepEqual(read({ schedulerObservedAffinityName: 'backup' }), ['backup']));
});
