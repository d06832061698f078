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

/** A value whose JSON is counted (JSON.stringify calls toJSON). */
function watched(v: Record<string, unknown>): { value: object; json: () => number } {
  let n = 0;
  const value = {
    ...v,
    toJSON() {
      n++;
      return v;
    },
  };
  return { value, json: () => n };
}

describe('serialCache: a value seen before costs no JSON', () => {
  it('the same object, in this pass or the next, is neither serialised nor turned into JSON again', () => {
    const { memo, made } = counted();
    const a = watched({ a: 1 });
    memo.get(a.value);
    memo.get(a.value);
    memo.settle();
    assert.equal(memo.get(a.value), '{"a":1}');
    // Two JSON calls in all, both in the first get: the key, and the serialiser's own.
    assert.deepEqual([made.length, a.json()], [1, 2]);
  });
  it('an equal new object after passes of identity hits is still found by its JSON', () => {
    const { memo, made } = counted();
    const a = watched({ a: 1 });
    for (let pass = 0; pass < 3; pass++) {
      memo.get(a.value);
      memo.settle();
    }
    assert.equal(memo.get({ a: 1 }), '{"a":1}');
    assert.deepEqual(made, ['{"a":1}']);
  });
  it('an identity given stands for the value: a new record of the same source costs no JSON', () => {
    const { memo, made } = counted();
    const source = {};
    const b = watched({ b: 1 });
    memo.get({ b: 1 }, source);
    memo.settle();
    assert.equal(memo.get(b.value, source), '{"b":1}');
    assert.deepEqual([made.length, b.json()], [1, 0]);
  });
  it('an object unused for a whole pass is dropped with its JSON entry', () => {
    const { memo, made } = counted();
    const a = { a: 1 };
    memo.get(a);
    memo.settle();
    memo.get({ b: 1 });
    memo.settle();
    memo.settle();
    memo.get(a);
    assert.deepEqual(made, ['{"a":1}', '{"b":1}', '{"a":1}']);
  });
  it('a string as its own key: the same text is made once, whatever instance holds it', () => {
    const made: string[] = [];
    const memo = serialCache(
      (text: string) => {
        made.push(text);
        return text.length;
      },
      (text) => text,
    );
    memo.get('abc');
    memo.settle();
    assert.equal(memo.get(['a', 'b', 'c'].join('')), 3);
    assert.deepEqual(made, ['abc']);
  });
});
