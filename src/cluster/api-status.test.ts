import assert from 'node:assert/strict';
import { parseConflicts, parseStatus } from './api-status.ts';

const status = (message: string, causes: unknown[] = []) =>
  JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    message,
    reason: 'Conflict',
    details: { causes },
    code: 409,
  });

describe('API status and apply conflicts', () => {
  it('parses a Status body', () => {
    const s = parseStatus(
      422,
      JSON.stringify({
        kind: 'Status',
        reason: 'Invalid',
        message: 'Deployment.apps "x" is invalid: spec.replicas: Invalid value: -1',
        details: { causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: -1', field: 'spec.replicas' }] },
        code: 422,
      }),
    );
    assert.deepEqual([s.code, s.reason, s.causes[0]?.field], [422, 'Invalid', 'spec.replicas']);
  });
  it('keeps a non-JSON body as the message, with the reason from the code', () => {
    assert.deepEqual(parseStatus(403, 'forbidden\n'), {
      code: 403,
      reason: 'Forbidden',
      message: 'forbidden',
      causes: [],
    });
  });
  const conflicts = [
    {
      name: 'structured causes',
      body: status('Apply failed with 2 conflicts: ...', [
        {
          reason: 'FieldManagerConflict',
          message: 'conflict with "kubectl-edit" using apps/v1',
          field: '.spec.replicas',
        },
        {
          reason: 'FieldManagerConflict',
          message: 'conflict with "helm" using apps/v1',
          field: '.spec.template.spec.containers[name="web"].image',
        },
      ]),
      want: [
        { manager: 'helm', fields: ['.spec.template.spec.containers[name="web"].image'] },
        { manager: 'kubectl-edit', fields: ['.spec.replicas'] },
      ],
    },
    {
      name: 'one conflict in the message',
      body: status('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .data.a'),
      want: [{ manager: 'kubectl-client-side-apply', fields: ['.data.a'] }],
    },
    {
      name: 'several in the message',
      body: status(
        'Apply failed with 2 conflicts: conflicts with "m1" using apps/v1:\n- .spec.replicas\n- .spec.paused',
      ),
      want: [{ manager: 'm1', fields: ['.spec.paused', '.spec.replicas'] }],
    },
  ];
  for (const c of conflicts)
    it(`conflicts from ${c.name}`, () => assert.deepEqual(parseConflicts(parseStatus(409, c.body)), c.want));
});
