import assert from 'node:assert/strict';
import { UsageError } from '../api/index.ts';
import { pruneGuardFrom } from './controller-options.ts';

describe('pruneGuardFrom (--allow-mass-prune, --max-prune-share)', () => {
  const ok = [
    { values: { 'allow-mass-prune': false, 'max-prune-share': '100%' }, want: { allowMassPrune: false, maxPruneShare: 1 } },
    { values: { 'allow-mass-prune': true, 'max-prune-share': '50%' }, want: { allowMassPrune: true, maxPruneShare: 0.5 } },
    { values: { 'allow-mass-prune': false, 'max-prune-share': '12.5' }, want: { allowMassPrune: false, maxPruneShare: 0.125 } },
  ];
  for (const c of ok) it(`${c.values['max-prune-share']}`, () => assert.deepEqual(pruneGuardFrom(c.values), c.want));
  for (const bad of ['0%', '0', '101%', 'half', '-5%', '']) {
    it(`rejects "${bad}"`, () => assert.throws(() => pruneGuardFrom({ 'allow-mass-prune': false, 'max-prune-share': bad }), UsageError));
  }
});
