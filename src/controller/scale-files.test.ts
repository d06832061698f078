import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { fileChanges, type StatusFiles, toDesired } from '../writeback/index.ts';
import { withAutoscalerFiles } from './scale-step.ts';

const status = (files: Record<string, string>): StatusFiles =>
  ({ files: new Map(Object.entries(files)), owns: (p: string) => p === 'status.yaml' }) as unknown as StatusFiles;

describe('controller: the autoscaler files of a status write', () => {
  it("a changed record is written and a removed autoscaler's record deleted, other files left as they are", () => {
    const tip = new Map([
      ['autoscalers/shop/web.yaml', 'oid-web'],
      ['cronfederatedhpas/shop/night.yaml', 'oid-night'],
      ['rollouts/shop/web.yaml', 'oid-rollout'],
      ['status.yaml', 'oid-status'],
    ]);
    const out = withAutoscalerFiles(status({ 'status.yaml': 'ok\n' }), {
      files: new Map([['autoscalers/shop/api.yaml', 'api\n']]),
      removed: new Set(['autoscalers/shop/web.yaml', 'cronfederatedhpas/shop/night.yaml']),
      decisions: [],
    });
    assert.deepEqual(
      fileChanges(tip, toDesired(out.files), out.owns).map((c) => [c.path, c.content === null ? 'delete' : 'write']),
      [
        ['autoscalers/shop/api.yaml', 'write'],
        ['autoscalers/shop/web.yaml', 'delete'],
        ['cronfederatedhpas/shop/night.yaml', 'delete'],
        ['status.yaml', 'write'],
      ],
    );
  });

  it('nothing to write or remove leaves the status files as they are', () => {
    const s = status({ 'status.yaml': 'ok\n' });
    assert.equal(withAutoscalerFiles(s, { files: new Map(), removed: new Set(), decisions: [] }), s);
  });
});
