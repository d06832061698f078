import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { AutoscalerRecord, CronRecord } from '../autoscale/index.ts';
import {
  formatAutoscalerRecord,
  formatCronRecord,
  parseAutoscalerRecord,
  parseCronRecord,
} from './autoscaler-record.ts';

describe('writeback: autoscaler records', () => {
  it('a FederatedHPA record reads back as written', () => {
    const r: AutoscalerRecord = {
      namespace: 'shop',
      name: 'web',
      target: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      currentReplicas: 2,
      desiredReplicas: 4,
      templateReplicas: 2,
      lastScaleTime: '2026-01-01T00:00:00Z',
      metrics: [{ resource: 'cpu', averageUtilization: 200, averageValueMilli: 200 }],
      conditions: [{ type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'm' }],
      unreachableClusters: ['member3'],
      history: {
        recommendations: [{ replicas: 8, time: Date.parse('2026-01-01T00:00:00Z') }],
        scaleUpEvents: [{ change: 2, time: Date.parse('2026-01-01T00:00:00Z') }],
        scaleDownEvents: [],
      },
    };
    assert.deepEqual(parseAutoscalerRecord(formatAutoscalerRecord(r)), r);
  });

  it('a CronFederatedHPA record reads back as written', () => {
    const r: CronRecord = {
      namespace: 'shop',
      name: 'nightly',
      target: { kind: 'Deployment', name: 'web' },
      executionHistories: [
        {
          ruleName: 'up',
          nextExecutionTime: '2026-01-01T00:10:00Z',
          successfulExecutions: [
            { scheduleTime: '2026-01-01T00:05:00Z', executionTime: '2026-01-01T00:05:01Z', appliedReplicas: 4 },
          ],
        },
      ],
      workloadReplicas: { replicas: 4, scheduleTime: '2026-01-01T00:05:00Z', templateReplicas: 2 },
    };
    assert.deepEqual(parseCronRecord(formatCronRecord(r)), r);
  });

  it('a file that is not a record reads as none', () => {
    assert.equal(parseAutoscalerRecord('a: ['), undefined);
    assert.equal(parseCronRecord('kind: Other\n'), undefined);
  });
});
