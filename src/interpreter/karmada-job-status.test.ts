/**
 * Karmada's Job status helpers, ported case by case through the native AggregateStatus of a Job
 * (pkg/util/helper/job_test.go TestParsingJobStatus, TestGetJobFinishedStatus). Skipped: none.
 * The Go cases of TestParsingJobStatus are unnamed; they are named here by what they aggregate.
 * Condition times are the interpreter's clock; start and completion times, which the Go test
 * ignores, are the members' (all members started and finished at the same time).
 */
import assert from 'node:assert/strict';
import type { JsonObject } from '../api/index.ts';
import { createInterpreter } from './index.ts';
import { item, obj, statusOf } from './karmada-native.test-support.ts';

const now = '2026-01-02T03:04:05Z';
const interpreter = createInterpreter([], { now });
const started = '2024-05-01T10:00:00Z';
const complete: JsonObject = {
  active: 0,
  succeeded: 1,
  startTime: started,
  completionTime: started,
  failed: 0,
  conditions: [
    { type: 'Complete', status: 'True' },
    { type: 'SuccessCriteriaMet', status: 'True' },
  ],
};
const failed: JsonObject = {
  active: 0,
  succeeded: 0,
  startTime: started,
  completionTime: started,
  failed: 1,
  conditions: [{ type: 'Failed', status: 'True' }],
};
const condition = (type: string, reason: string, message: string): JsonObject => ({
  type,
  status: 'True',
  lastProbeTime: now,
  lastTransitionTime: now,
  reason,
  message,
});
const job = (status?: JsonObject): ReturnType<typeof obj> =>
  obj('batch/v1', 'Job', status ? { status } : {}, { name: 'foo', namespace: 'bar' });

describe('Karmada helper/job_test.go: a Job aggregated from its members', () => {
  const parsing: readonly { name: string; members: readonly JsonObject[]; want: JsonObject }[] = [
    {
      name: 'TestParsingJobStatus :: (case 1: two completed members)',
      members: [complete, complete],
      want: {
        conditions: [
          condition('Complete', 'Completed', 'Job completed'),
          condition('SuccessCriteriaMet', 'CompletionsReached', 'All member clusters have met success criteria'),
        ],
        startTime: started,
        completionTime: started,
        succeeded: 2,
      },
    },
    {
      name: 'TestParsingJobStatus :: (case 2: two failed members)',
      members: [failed, failed],
      want: {
        conditions: [condition('Failed', 'JobFailed', 'Job executed failed in member clusters memberA,memberB')],
        startTime: started,
        completionTime: started,
        failed: 2,
      },
    },
  ];
  for (const c of parsing)
    it(`job_test.go :: ${c.name}`, () => {
      const items = c.members.map((s, i) => item(i === 0 ? 'memberA' : 'memberB', s));
      assert.deepEqual(statusOf(interpreter.aggregateStatus(job(), items)), c.want);
    });

  // A finished template is never aggregated again; an unfinished one is.
  const finished: readonly { name: string; condition: JsonObject; finished: boolean }[] = [
    { name: 'job complete', condition: { type: 'Complete', status: 'True' }, finished: true },
    { name: 'job failed', condition: { type: 'Failed', status: 'True' }, finished: true },
    { name: 'job suspended', condition: { type: 'Suspended', status: 'True' }, finished: false },
    { name: 'job condition unknown', condition: { type: 'Complete', status: 'Unknown' }, finished: false },
  ];
  for (const c of finished)
    it(`job_test.go :: TestGetJobFinishedStatus :: ${c.name}`, () => {
      const template = job({ conditions: [c.condition] });
      const out = interpreter.aggregateStatus(template, [item('memberA', { active: 1 })]);
      assert.deepEqual(statusOf(out), c.finished ? { conditions: [c.condition] } : { active: 1 });
    });
});
