import assert from 'node:assert/strict';
import { serialCache } from './serial-cache.ts';

/** A memo of JSON.stringify that counts the values it really serialised. */
function counted() {
  const made: string[] = [];
  const memo = serialCache((v: unknown) => {
    const text = JSON.stringify(v);
    made.push(text);
    return text;
  });
  return { memo, made };
}

const passes: readonly { name: string; passes: readonly (readonly unknown[])[]; want: readonly string[] }[] = [
  {
    name: 'equal values are serialised once, whatever their identity',
    passes: [[{ a: 1 }, { a: 1 }, { a: 2 }]],
    want: ['{"a":1}', '{"a":2}'],
  },
  {
    name: 'a later pass serialises only what changed',
    passes: [
      [{ a: 1 }, { b: 1 }],
      [{ a: 1 }, { b: 2 }],
    ],
    want: ['{"a":1}', '{"b":1}', '{"b":2}'],
  },
  {
    name: 'key order is part of the value (it changes the text)',
    passes: [[{ a: 1, b: 2 }], [{ b: 2, a: 1 }]],
    want: ['{"a":1,"b":2}', '{"b":2,"a":1}'],
  },
  {
    name: 'an entry a pass did not use is dropped when that pass settles',
    passes: [[{ a: 1 }], [{ b: 1 }], [{ c: 1 }], [{ a: 1 }, { b: 1 }]],
    want: ['{"a":1}', '{"b":1}', '{"c":1}', '{"a":1}', '{"b":1}'],
  },
];

describe('serialCache: serialise what changed, once', () => {
  for (const c of passes)
    it(c.name, () => {
      const { memo, made } = counted();
      for (const pass of c.passes) {
        for (const v of pass) assert.equal(memo.get(v), JSON.stringify(v));
        memo.settle();
      }
      assert.deepEqual(made, c.want);
    });
});
