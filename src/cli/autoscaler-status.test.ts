import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { autoscalersTable } from './autoscaler-status.ts';

describe('cli: the autoscalers table of flotilla status', () => {
  it('one row per FederatedHPA and per cron rule; unrecorded values are -', () => {
    const table = autoscalersTable(
      [
        {
          kind: 'FederatedHPA',
          namespace: 'shop',
          name: 'web',
          target: 'Deployment/web',
          minReplicas: 2,
          maxReplicas: 6,
          currentReplicas: 4,
          desiredReplicas: 6,
          metrics: ['cpu 200%'],
          lastScaleTime: '2026-01-01T00:00:00Z',
        },
        {
          kind: 'FederatedHPA',
          namespace: 'shop',
          name: 'api',
          target: 'Deployment/api',
          minReplicas: 1,
          maxReplicas: 3,
        },
        {
          kind: 'CronFederatedHPA',
          namespace: 'shop',
          name: 'nightly',
          target: 'FederatedHPA/web',
          rules: [{ name: 'up', nextExecutionTime: '2026-01-02T08:00:00Z' }],
        },
      ],
      true,
    );
    const rows = table
      .trimEnd()
      .split('\n')
      .map((l) => l.split(/\s{2,}/));
    assert.deepEqual(rows, [
      ['shop', 'FederatedHPA/web', 'Deployment/web', '2-6', '4', '6', 'cpu 200%', '2026-01-01T00:00:00Z'],
      ['shop', 'FederatedHPA/api', 'Deployment/api', '1-3', '-', '-', '-', '-'],
      ['shop', 'CronFederatedHPA/nightly:up', 'FederatedHPA/web', '-', '-', '-', 'next 2026-01-02T08:00:00Z', '-'],
    ]);
  });
});
