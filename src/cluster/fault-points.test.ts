import assert from 'node:assert/strict';
import { parseFaultPoint } from './fault-points.ts';

describe('parseFaultPoint (test-only fault injection)', () => {
  const cases = [
    { text: undefined, want: undefined },
    { text: '', want: undefined },
    { text: 'prune', want: { step: 'prune' } },
    { text: 'write-inventory', want: { step: 'write-inventory' } },
    { text: 'apply:12', want: { step: 'apply', after: 12 } },
    { text: 'apply:0', want: undefined },
    { text: 'apply:x', want: undefined },
    { text: 'Apply', want: undefined },
  ];
  for (const c of cases) it(`${JSON.stringify(c.text)}`, () => assert.deepEqual(parseFaultPoint(c.text), c.want));
});
