import assert from 'node:assert/strict';
import { defaultSettings, normaliseSettings } from './settings.ts';

describe('load/normaliseSettings', () => {
  it('applies every default to an empty document', () => assert.deepEqual(normaliseSettings({}), defaultSettings));
  it('keeps what is written', () => {
    const s = normaliseSettings({ include: ['apps/**'], statusBranch: 'fleet-status', pollSchedule: '*/5 * * * *' });
    assert.deepEqual(
      [s.include, s.statusBranch, s.pollSchedule, s.renderedBranch],
      [['apps/**'], 'fleet-status', '*/5 * * * *', 'flotilla-rendered'],
    );
  });
  it('per-cluster rendered branches are off unless written true', () => {
    assert.equal(normaliseSettings({}).renderedClusterBranches, false);
    assert.equal(normaliseSettings({ renderedClusterBranches: true }).renderedClusterBranches, true);
  });
});
