import assert from 'node:assert/strict';
import { isScalar, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { parseBlockYaml } from './block-yaml.ts';

/** What the full parser makes of `text` (parse-documents.ts's options), or undefined when it reports an error. */
function fullParse(text: string): { value: unknown; index: number; line: number; column: number }[] | undefined {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
    merge: true,
  });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length)) return undefined;
  const out: { value: unknown; index: number; line: number; column: number }[] = [];
  docs.forEach((d, index) => {
    const c = d.contents as Node | null;
    if (c === null || (isScalar(c) && c.value === null)) return;
    const p = lineCounter.linePos(c.range?.[0] ?? 0);
    out.push({ value: d.toJS(), index, line: p.line, column: p.col });
  });
  return out;
}

// `fast`: the block reader must read it (not leave it to the full parser).
const cases: { name: string; text: string; fast: boolean }[] = [
  { name: 'a nested mapping', text: 'a:\n  b: 1\n  c: x\nd: true\n', fast: true },
  { name: 'a sequence under a key, indented', text: 'a:\n  - 1\n  - two\n', fast: true },
  { name: 'a sequence at its key’s indentation', text: 'a:\n- 1\n- two\nb: 3\n', fast: true },
  { name: 'mappings in a sequence', text: 'c:\n  - name: x\n    image: y:1\n  - name: z\n', fast: true },
  { name: 'a dash alone then a block', text: 'l:\n  -\n    a: 1\n  -\n', fast: true },
  { name: 'comments and blank lines', text: '# head\na: 1 # one\n\n  # indented comment\nb: c#d\n', fast: true },
  {
    name: 'core-schema scalars',
    text: "a: ~\nb: null\nc: 0x1F\nd: 0o17\ne: 1e3\nf: .5\ng: -.inf\nh: .nan\ni: +12\nj: 100m\nk: 1.0\nl: 007\nm: yes\nn: \"1\"\no: 'it''s'\np: -1\nq: 12345678901234567890\nr: 1_000\ns: 2001-12-14\nt: 0:1\nu: --flag=a\n",
    fast: true,
  },
  { name: 'double-quoted escapes', text: 'a: "x\\ny \\"q\\" \\u00e9"\nb: "" # empty\n', fast: true },
  { name: 'empty flow collections', text: 'a: {}\nb: []\n', fast: true },
  { name: 'documents, empty ones counted', text: 'a: 1\n---\n---\n# only a comment\n---\nb: 2\n---\n', fast: true },
  { name: 'a leading marker and comments', text: '# c\n---\na: 1\n', fast: true },
  { name: 'an indented root', text: '  a: 1\n  b: 2\n', fast: true },
  { name: 'a root sequence', text: '- a: 1\n  b: 2\n- 3\n', fast: true },
  { name: 'label keys', text: 'app.kubernetes.io/name: x\nk8s_io-A: y\n', fast: true },
  { name: 'a duplicate key', text: 'a: 1\na: 2\n', fast: false },
  { name: 'a block scalar', text: 'a: |\n  text\n', fast: false },
  { name: 'a flow mapping', text: 'a: {b: 1}\n', fast: false },
  { name: 'an anchor and alias', text: 'a: &x 1\nb: *x\n', fast: false },
  { name: 'a merge key', text: 'a: {}\n<<: {}\n', fast: false },
  { name: 'a tag', text: 'a: !!str 1\n', fast: false },
  { name: 'a multi-line plain scalar', text: 'a: one\n  two\n', fast: false },
  { name: 'a multi-line quoted scalar', text: 'a: "one\n  two"\n', fast: false },
  { name: 'bad indentation', text: 'a:\n    b: 1\n  c: 2\n', fast: false },
  { name: 'a nested mapping on one line', text: 'a: b: c\n', fast: false },
  { name: 'a key without a space after its colon', text: 'a:1\n', fast: false },
  { name: 'a tab', text: 'a:\tb\n', fast: false },
  { name: 'carriage returns', text: 'a: 1\r\nb: 2\r\n', fast: false },
  { name: 'a scalar document', text: 'hello\n', fast: false },
  { name: 'a quoted key', text: '"a b": 1\n', fast: false },
  { name: 'a number key', text: '1: a\n', fast: false },
  { name: 'a document end marker', text: 'a: 1\n...\n', fast: false },
  { name: 'text after a marker', text: '--- a: 1\n', fast: false },
  { name: 'a marker as a value', text: 'a:\n  - ---\n', fast: false },
  { name: 'a key after a root sequence', text: '- a\nb: c\n', fast: false },
  { name: 'an item continued deeper', text: '- a\n  b: c\n', fast: false },
  { name: 'a sequence after a scalar value', text: 'a: 1\n- x\n', fast: false },
  { name: 'a nested sequence on one line', text: '- - a\n', fast: false },
  { name: 'a YAML-only escape', text: 'a: "\\x41"\n', fast: false },
  { name: 'a quoted value followed by text', text: 'a: "x" y\n', fast: false },
  { name: 'an unterminated quote', text: "a: 'x\n", fast: false },
  { name: 'a __proto__ key', text: '__proto__: 1\n', fast: false },
];

describe('load: parseBlockYaml', () => {
  for (const c of cases) {
    it(`${c.name}: ${c.fast ? 'read as the full parser reads it' : 'left to the full parser'}`, () => {
      const got = parseBlockYaml(c.text);
      assert.equal(got !== undefined, c.fast);
      if (got === undefined) return;
      assert.deepEqual(
        got.filter((d) => d.value !== undefined),
        fullParse(c.text),
      );
    });
  }
});
