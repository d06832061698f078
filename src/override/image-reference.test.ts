import assert from 'node:assert/strict';
import { formatImage, parseImage, tagOrDigest, withTagOrDigest, withoutTagOrDigest } from './image-reference.ts';

const d64 = 'a'.repeat(64);

// Expectations checked against Karmada's pkg/util/imageparser (distribution/reference v0.6.0).
const parses: {
  image: string;
  want: { hostname: string; repository: string; tag: string; digest: string } | 'Invalid';
}[] = [
  { image: 'nginx', want: { hostname: '', repository: 'nginx', tag: '', digest: '' } },
  { image: 'nginx:1.25', want: { hostname: '', repository: 'nginx', tag: '1.25', digest: '' } },
  { image: 'library/redis:7.2', want: { hostname: '', repository: 'library/redis', tag: '7.2', digest: '' } },
  { image: 'fluent/fluent-bit:3.0', want: { hostname: '', repository: 'fluent/fluent-bit', tag: '3.0', digest: '' } },
  {
    image: 'docker.io/library/busybox:1.36',
    want: { hostname: 'docker.io', repository: 'library/busybox', tag: '1.36', digest: '' },
  },
  {
    image: 'localhost:5000/tools/debug:latest',
    want: { hostname: 'localhost:5000', repository: 'tools/debug', tag: 'latest', digest: '' },
  },
  { image: 'localhost/dev/app:0.1', want: { hostname: 'localhost', repository: 'dev/app', tag: '0.1', digest: '' } },
  {
    image: '10.0.0.5:5000/tools/agent:2.0',
    want: { hostname: '10.0.0.5:5000', repository: 'tools/agent', tag: '2.0', digest: '' },
  },
  { image: 'MyReg.io/app:1', want: { hostname: 'MyReg.io', repository: 'app', tag: '1', digest: '' } },
  { image: `nginx@sha256:${d64}`, want: { hostname: '', repository: 'nginx', tag: '', digest: `sha256:${d64}` } },
  { image: `nginx:1.0@sha256:${d64}`, want: { hostname: '', repository: 'nginx', tag: '1.0', digest: '' } },
  { image: 'Nginx', want: 'Invalid' },
  { image: '', want: 'Invalid' },
  { image: 'a:b:c', want: 'Invalid' },
  { image: 'nginx@sha256:abc', want: 'Invalid' },
  { image: `nginx@sha256:${'A'.repeat(64)}`, want: 'Invalid' },
  { image: `nginx@md5:${'a'.repeat(32)}`, want: 'Invalid' },
];

describe('parseImage (Karmada imageparser.Parse, no Docker normalisation)', () => {
  for (const c of parses) {
    it(c.image || '(empty)', () => {
      const got = parseImage(c.image);
      if (c.want === 'Invalid') assert.equal(got.kind, 'Invalid');
      else assert.deepEqual(got, { kind: 'Parsed', image: c.want });
    });
  }
});

const edits: { name: string; image: string; edit: 'add' | 'replace' | 'remove'; value?: string; want: string }[] = [
  { name: 'tag add appends', image: 'nginx:1.25', edit: 'add', value: '-alpine', want: 'nginx:1.25-alpine' },
  {
    name: 'tag add on no tag yields an invalid tag: unchanged',
    image: 'redis',
    edit: 'add',
    value: '-alpine',
    want: 'redis',
  },
  {
    name: 'tag replace sets a tag where none was',
    image: 'redis',
    edit: 'replace',
    value: 'stable',
    want: 'redis:stable',
  },
  {
    name: 'tag replace with a digest drops the tag',
    image: 'nginx:1',
    edit: 'replace',
    value: `sha256:${d64}`,
    want: `nginx@sha256:${d64}`,
  },
  { name: 'tag replace with empty text: unchanged', image: 'nginx:1', edit: 'replace', value: '', want: 'nginx:1' },
  { name: 'tag remove drops the tag', image: 'nginx:1.25', edit: 'remove', want: 'nginx' },
  { name: 'tag remove drops a digest', image: `nginx@sha256:${d64}`, edit: 'remove', want: 'nginx' },
];

describe('tag edits (SetTagOrDigest / RemoveTagOrDigest)', () => {
  for (const c of edits) {
    it(c.name, () => {
      const p = parseImage(c.image);
      assert.equal(p.kind, 'Parsed');
      if (p.kind !== 'Parsed') return;
      const v = c.value ?? '';
      const next =
        c.edit === 'add'
          ? withTagOrDigest(p.image, tagOrDigest(p.image) + v)
          : c.edit === 'replace'
            ? withTagOrDigest(p.image, v)
            : withoutTagOrDigest(p.image);
      assert.equal(formatImage(next), c.want);
    });
  }
});
