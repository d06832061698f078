import assert from 'node:assert/strict';
import type { StatusFiles } from '../writeback/index.ts';
import { withServiceSummaries } from './service-step.ts';

describe('controller/withServiceSummaries', () => {
  const status: StatusFiles = {
    decision: 'plan',
    record: {} as StatusFiles['record'],
    files: new Map([
      ['revision.yaml', 'r'],
      ['clusters/m1.yaml', 'c'],
    ]),
    owns: (p) => p === 'revision.yaml' || p.startsWith('clusters/'),
  };
  it('adds the summaries in path order and owns services/ (a summary whose service is gone is removed from the branch)', () => {
    const s = withServiceSummaries(status, new Map([['services/shop/serviceexport.web.yaml', 'x']]));
    assert.deepEqual(
      [...s.files.keys()],
      ['clusters/m1.yaml', 'revision.yaml', 'services/shop/serviceexport.web.yaml'],
    );
    assert.equal(s.owns('services/shop/multiclusterservice.old.yaml'), true);
    assert.equal(s.owns('bindings/shop/deployment.web.yaml'), false);
  });
});
