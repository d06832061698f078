import assert from 'node:assert/strict';
import { maxSegmentLength, safeSegment } from './file-name.ts';

describe('safeSegment', () => {
  const cases = [
    'web',
    'a.b-c_d',
    '../etc/passwd',
    '..',
    '.',
    '.hidden',
    'a/b',
    'a\\b',
    'nul\u0000byte',
    '',
    'x'.repeat(300),
    'tab\there',
  ];
  for (const name of cases) {
    it(JSON.stringify(name.length > 40 ? `${name.slice(0, 10)}…(${name.length})` : name), () => {
      const s = safeSegment(name);
      assert.ok(s.length > 0 && s.length <= maxSegmentLength);
      assert.ok(!s.startsWith('.'), 'no leading dot');
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the test asserts no control character survives
      assert.doesNotMatch(s, /[/\\\u0000-\u001f]/);
      if (/^[a-z0-9][a-z0-9._-]*$/.test(name) && name.length <= maxSegmentLength) assert.equal(s, name);
    });
  }
  it('distinct unsafe names stay distinct', () => assert.notEqual(safeSegment('a/b'), safeSegment('a_b')));
});
