import assert from 'node:assert/strict';
import { UsageError } from '../api/index.ts';
import { percentage } from './controller-options.ts';

describe('percentage (--max-prune-share)', () => {
  const ok = [
    { text: '100%', want: 1 },
    { text: '50%', want: 0.5 },
    { text: '12.5', want: 0.125 },
  ];
  for (const c of ok) it(c.text, () => assert.equal(percentage(c.text, '--max-prune-share'), c.want));
  for (const bad of ['0%', '0', '101%', 'half', '-5%', '']) {
    it(`rejects "${bad}"`, () => assert.throws(() => percentage(bad, '--max-prune-share'), UsageError));
  }
});
