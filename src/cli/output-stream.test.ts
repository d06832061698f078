import assert from 'node:assert/strict';
import { constants } from 'node:buffer';
import path from 'node:path';
import { planToContract } from '../plan/index.ts';
import { planRevision } from './load-revision.ts';
import { toJsonText, toYamlText } from './output.ts';
import { jsonChunks, OutputClosed, writeChunks, yamlChunks } from './output-stream.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const join = (chunks: Iterable<string>) => [...chunks].join('');

describe('streamed JSON and YAML output', () => {
  const objects: [string, object][] = [
    ['empty object', {}],
    ['scalars only', { revision: 'abc', n: 3, ok: true, none: null }],
    ['empty lists', { revision: 'r', bindings: [], works: [], errors: [] }],
    ['nested objects and lists', { a: [{ x: [1, 2, { y: [] }], z: {} }, 'two', null, [3, [4]]], b: { c: [1] } }],
    [
      'multi-line and indented strings',
      {
        items: [
          {
            script: 'line 1\n  indented\n\nafter blank\n',
            lead: '  spaces first\nthen',
            tail: 'trailing  \n',
            quote: 'a: b # c',
            empty: '',
          },
          'x\ny',
        ],
      },
    ],
    ['undefined fields are left out', { a: undefined, b: [1], c: undefined }],
    ['only undefined fields', { a: undefined }],
  ];
  for (const [name, value] of objects) {
    it(`JSON: ${name} is byte-identical to toJsonText`, () => assert.equal(join(jsonChunks(value)), toJsonText(value)));
    it(`YAML: ${name} is byte-identical to toYamlText`, () => assert.equal(join(yamlChunks(value)), toYamlText(value)));
  }

  for (const repo of ['examples/fleet-repo', 'test/fixtures/custom-kind', 'test/fixtures/bad-inputs/unknown-field']) {
    it(`the plan of ${repo} prints byte-identically in JSON and YAML`, async () => {
      const contract = planToContract(await planRevision({ repo }, root));
      assert.equal(join(jsonChunks(contract)), toJsonText(contract));
      assert.equal(join(yamlChunks(contract)), toYamlText(contract));
    });
  }

  it('streams a plan longer than the longest V8 string (where JSON.stringify throws "Invalid string length")', async function () {
    this.timeout(60000);
    const piece = 'x'.repeat(1 << 20);
    const items = Math.ceil(constants.MAX_STRING_LENGTH / piece.length) + 1;
    function* works() {
      for (let i = 0; i < items; i++) yield { metadata: { name: `w${i}` }, spec: { data: piece } };
    }
    let length = 0;
    let head = '';
    let tail = '';
    let drains = 0;
    await writeChunks(jsonChunks({ revision: 'big', bindings: [], works: works(), errors: [], warnings: [] }), {
      write: (t) => {
        if (head.length < 100) head += t.slice(0, 100);
        tail = (tail + t).slice(-100);
        length += t.length;
      },
      drain: async () => void drains++,
    });
    assert.ok(length > constants.MAX_STRING_LENGTH, `${length} characters`);
    assert.ok(
      head.startsWith(
        '{\n  "revision": "big",\n  "bindings": [],\n  "works": [\n    {\n      "metadata": {\n        "name": "w0"',
      ),
      head,
    );
    assert.ok(tail.endsWith(`"\n      }\n    }\n  ],\n  "errors": [],\n  "warnings": []\n}\n`), tail);
    assert.ok(drains >= items / 2, 'the sink is drained between batches');
  });

  it('writes in batches and waits for the sink between them', async () => {
    const writes: string[] = [];
    const order: string[] = [];
    await writeChunks(
      ['ab', 'cd', 'ef', 'g'],
      {
        write: (t) => {
          writes.push(t);
          order.push(`w:${t}`);
        },
        drain: async () => void order.push('drain'),
      },
      4,
    );
    assert.deepEqual(writes, ['abcd', 'efg']);
    assert.deepEqual(order, ['w:abcd', 'drain', 'w:efg', 'drain']);
  });
  it('a sink that fails while draining (a closed pipe) stops the output with OutputClosed', async () => {
    const writes: string[] = [];
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    await assert.rejects(
      writeChunks(['ab', 'cd', 'ef'], { write: (t) => void writes.push(t), drain: () => Promise.reject(epipe) }, 2),
      (err: unknown) => err instanceof OutputClosed && err.cause === epipe,
    );
    assert.deepEqual(writes, ['ab']);
  });
});
