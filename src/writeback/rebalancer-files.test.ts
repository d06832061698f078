import assert from 'node:assert/strict';
import YAML from 'yaml';
import { parseRebalancerRecord, rebalancerFiles } from './rebalancer-files.ts';

const web = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };

describe('writeback/rebalancerFiles (the WorkloadRebalancer status Karmada writes, on the status branch)', () => {
  it("writes Karmada's status shape and reads it back as the planner's record", () => {
    const files = rebalancerFiles([
      {
        name: 'failback',
        status: { observedWorkloads: [{ workload: web, result: 'Successful' }], finishTime: '2026-12-07T16:00:00Z' },
      },
    ]);
    assert.deepEqual([...files.keys()], ['rebalancers/failback.yaml']);
    const parsed = YAML.parse(files.get('rebalancers/failback.yaml') ?? '') as unknown;
    assert.deepEqual(parsed, {
      apiVersion: 'apps.karmada.io/v1alpha1',
      kind: 'WorkloadRebalancer',
      metadata: { name: 'failback' },
      status: { observedWorkloads: [{ workload: web, result: 'Successful' }], finishTime: '2026-12-07T16:00:00Z' },
    });
    assert.deepEqual(parseRebalancerRecord(parsed), [
      'failback',
      { observedWorkloads: [{ workload: web, result: 'Successful' }], finishTime: '2026-12-07T16:00:00Z' },
    ]);
  });
  it('an expired TTL is reported with what to do', () => {
    const files = rebalancerFiles([
      { name: 'r', status: { observedWorkloads: [] }, expiresAt: '2026-12-07T16:00:00Z', expired: true },
    ]);
    assert.match(
      files.get('rebalancers/r.yaml') ?? '',
      /ttl:\n {2}expiresAt: "?2026-12-07T16:00:00Z"?\n {2}expired: true\n {2}message: .*remove its file from the fleet repo/,
    );
  });
  const malformed: [string, unknown][] = [
    ['not an object', 'x'],
    ['no name', { status: {} }],
    ['no status', { metadata: { name: 'r' } }],
  ];
  for (const [name, v] of malformed)
    it(`a hand-broken file is skipped: ${name}`, () => assert.equal(parseRebalancerRecord(v), undefined));
  it('a malformed workload entry is dropped, the rest kept', () => {
    assert.deepEqual(
      parseRebalancerRecord({
        metadata: { name: 'r' },
        status: {
          observedWorkloads: [
            { workload: { kind: 'x' } },
            { workload: web, result: 'Failed', reason: 'ReferencedBindingNotFound' },
          ],
        },
      }),
      ['r', { observedWorkloads: [{ workload: web, result: 'Failed', reason: 'ReferencedBindingNotFound' }] }],
    );
  });
});
