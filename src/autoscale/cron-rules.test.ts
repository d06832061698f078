import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { CronRule } from '../api/autoscaling.ts';
import { decideCron, type ExecutionHistory } from './cron-rules.ts';
import { scheduleProblem } from './cron-schedule.ts';

const t = (s: string): number => Date.parse(s);
const workload = { kind: 'Deployment', name: 'web', exists: true };
const fhpa = { kind: 'FederatedHPA', name: 'web', exists: true };
const rule = (over: Partial<CronRule> = {}): CronRule => ({ name: 'scale-up', schedule: '*/10 * * * *', ...over });

describe('autoscale: decideCron (Karmada cronfederatedhpa)', () => {
  it('a rule seen first only learns its next execution time', () => {
    const d = decideCron([rule({ targetReplicas: 5 })], [], workload, t('2026-01-01T00:02:00Z'), 'UTC');
    assert.deepEqual(d, {
      histories: [{ ruleName: 'scale-up', nextExecutionTime: '2026-01-01T00:10:00Z' }],
      actions: [],
    });
  });

  it('runs a due rule once, records it newest first and keeps successfulHistoryLimit entries', () => {
    const prev: ExecutionHistory[] = [
      {
        ruleName: 'scale-up',
        nextExecutionTime: '2026-01-01T00:10:00Z',
        successfulExecutions: [
          { scheduleTime: '2026-01-01T00:00:00Z', executionTime: '2026-01-01T00:00:03Z', appliedReplicas: 5 },
        ],
      },
    ];
    const d = decideCron(
      [rule({ targetReplicas: 5, successfulHistoryLimit: 1 })],
      prev,
      workload,
      t('2026-01-01T00:10:04Z'),
      'UTC',
    );
    assert.deepEqual(d.actions, [
      { kind: 'ScaleWorkload', rule: 'scale-up', replicas: 5, scheduleTime: '2026-01-01T00:10:00Z' },
    ]);
    assert.deepEqual(d.histories, [
      {
        ruleName: 'scale-up',
        nextExecutionTime: '2026-01-01T00:20:00Z',
        successfulExecutions: [
          { scheduleTime: '2026-01-01T00:10:00Z', executionTime: '2026-01-01T00:10:04Z', appliedReplicas: 5 },
        ],
      },
    ]);
  });

  it('a FederatedHPA target gets targetMinReplicas/targetMaxReplicas', () => {
    const prev = [{ ruleName: 'scale-up', nextExecutionTime: '2026-01-01T00:10:00Z' }];
    const d = decideCron(
      [rule({ targetMinReplicas: 4, targetMaxReplicas: 9 })],
      prev,
      fhpa,
      t('2026-01-01T00:10:00Z'),
      'UTC',
    );
    assert.deepEqual(d.actions, [
      {
        kind: 'LimitFederatedHPA',
        rule: 'scale-up',
        minReplicas: 4,
        maxReplicas: 9,
        scheduleTime: '2026-01-01T00:10:00Z',
      },
    ]);
  });

  it('a missing target is a failed execution with a message', () => {
    const prev = [{ ruleName: 'scale-up', nextExecutionTime: '2026-01-01T00:10:00Z' }];
    const d = decideCron(
      [rule({ targetReplicas: 2 })],
      prev,
      { ...workload, exists: false },
      t('2026-01-01T00:11:00Z'),
      'UTC',
    );
    assert.deepEqual(d.actions, []);
    assert.equal(d.histories[0]?.failedExecutions?.[0]?.scheduleTime, '2026-01-01T00:10:00Z');
  });

  it('a suspended rule does not run', () => {
    const prev = [{ ruleName: 'scale-up', nextExecutionTime: '2026-01-01T00:10:00Z' }];
    const d = decideCron(
      [rule({ targetReplicas: 2, suspend: true })],
      prev,
      workload,
      t('2026-01-01T00:11:00Z'),
      'UTC',
    );
    assert.deepEqual(d.actions, []);
    assert.equal(d.histories[0]?.nextExecutionTime, '2026-01-01T00:20:00Z');
  });

  it('reads the schedule in the rule time zone', () => {
    const prev = [{ ruleName: 'scale-up', nextExecutionTime: '2026-01-01T00:00:00Z' }];
    const r = rule({ schedule: '0 9 * * *', timeZone: 'Asia/Shanghai', targetReplicas: 3 });
    const d = decideCron([r], prev, workload, t('2026-01-01T01:00:30Z'), 'UTC');
    assert.equal(d.actions[0]?.scheduleTime, '2026-01-01T01:00:00Z');
  });

  it('scheduleProblem rejects six fields and unknown zones', () => {
    assert.equal(scheduleProblem('*/5 * * * *', 'Europe/Paris'), undefined);
    assert.notEqual(scheduleProblem('* * * * * *', undefined), undefined);
    assert.notEqual(scheduleProblem('*/5 * * * *', 'Mars/Base'), undefined);
  });
});
