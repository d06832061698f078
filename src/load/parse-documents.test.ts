import assert from 'node:assert/strict';
import { parseDocuments } from './parse-documents.ts';

describe('load/parseDocuments', () => {
  it('keeps the position of every document and of paths inside it', () => {
    const text =
      '# comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: b\n  labels:\n    x: y\n';
    const { documents, diagnostics } = parseDocuments('f.yaml', text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      documents.map((d) => [d.index, d.line]),
      [
        [0, 2],
        [2, 8],
      ],
    );
    assert.deepEqual(documents[1]?.locate(['metadata', 'labels', 'x']), { line: 13, column: 5 });
    assert.deepEqual(documents[1]?.locate(['metadata', 'missing', 'deeper']), { line: 10, column: 1 });
  });
  it('locates sequence items', () => {
    const { documents } = parseDocuments('f.yaml', 'a:\n  - x: 1\n  - x: 2\n');
    assert.deepEqual(documents[0]?.locate(['a', 1, 'x']), { line: 3, column: 5 });
  });
  const bad: [string, string, number][] = [
    ['unterminated flow sequence', 'a: [1, 2\n', 2],
    ['tab indentation', 'a:\n\tb: 1\n', 2],
    ['duplicate keys', 'a: 1\na: 2\n', 2],
  ];
  for (const [name, text, line] of bad) {
    it(`reports ${name} with a line`, () => {
      const { documents, diagnostics } = parseDocuments('f.yaml', text);
      assert.equal(documents.length, 0);
      assert.equal(diagnostics[0]?.code, 'YamlSyntax');
      assert.equal(diagnostics[0]?.line, line);
    });
  }
  it('refuses alias bombs', () => {
    const levels = ['a: &a [x,x,x,x,x,x,x,x,x,x]'];
    for (let i = 1; i < 8; i++)
      levels.push(
        `${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(10)
          .fill(`*${'abcdefgh'[i - 1]}`)
          .join(',')}]`,
      );
    const { diagnostics } = parseDocuments('f.yaml', levels.join('\n'));
    assert.equal(diagnostics[0]?.code, 'YamlSyntax');
  });
  it('refuses pathological nesting without recursing into it', () => {
    const { diagnostics } = parseDocuments('f.yaml', `a: ${'['.repeat(100000)}${']'.repeat(100000)}`);
    assert.equal(diagnostics[0]?.code, 'YamlSyntax');
  });
  it('expands `<<` merge keys as kubectl does (go-yaml), and keeps timestamps as strings', () => {
    const text =
      'base: &labels {app: web, tier: front}\nmetadata:\n  labels:\n    <<: *labels\n    tier: back\n  at: 2024-05-01T08:00:00Z\n';
    const { documents, diagnostics } = parseDocuments('f.yaml', text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(documents[0]?.value, {
      base: { app: 'web', tier: 'front' },
      metadata: { labels: { app: 'web', tier: 'back' }, at: '2024-05-01T08:00:00Z' },
    });
  });
  it('refuses an oversized document before parsing it, at the line it starts on', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {blob: "${'x'.repeat(2 * 1024 * 1024)}"}\n`;
    const { documents, diagnostics } = parseDocuments('f.yaml', text);
    assert.equal(documents.length, 0);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.line]),
      [['SchemaViolation', 5]],
    );
  });
  it('reads JSON with positions', () => {
    const { documents } = parseDocuments(
      'f.json',
      '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap",\n  "metadata": {"name": "x"}\n}\n',
    );
    assert.deepEqual(documents[0]?.locate(['metadata', 'name']), { line: 4, column: 16 });
  });
});
