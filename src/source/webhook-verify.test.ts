import assert from 'node:assert/strict';
import { signBody, verifyWebhook, type Headers } from './webhook-verify.ts';

const secret = 's3';
const body = Buffer.from(JSON.stringify({ ref: 'refs/heads/main', after: 'abc' }));
const sig = signBody(body, secret);
const none = () => false;

const cases: {
  name: string;
  headers: Headers;
  body?: Uint8Array;
  seen?: (d: string) => boolean;
  want: string | number;
}[] = [
  {
    name: 'GitHub push, valid signature',
    headers: { 'x-github-event': 'push', 'x-github-delivery': 'g1', 'x-hub-signature-256': `sha256=${sig}` },
    want: 'push:github',
  },
  {
    name: 'Gitea push, valid signature (GitHub headers also present)',
    headers: { 'x-gitea-event': 'push', 'x-gitea-delivery': 'e1', 'x-gitea-signature': sig, 'x-github-event': 'push' },
    want: 'push:gitea',
  },
  {
    name: 'GitLab push, valid token',
    headers: { 'x-gitlab-event': 'Push Hook', 'x-gitlab-event-uuid': 'l1', 'x-gitlab-token': secret },
    want: 'push:gitlab',
  },
  {
    name: 'GitHub ping is accepted and ignored',
    headers: { 'x-github-event': 'ping', 'x-github-delivery': 'g2', 'x-hub-signature-256': `sha256=${sig}` },
    want: 'ignored',
  },
  { name: 'no forge headers: unsigned', headers: {}, want: 401 },
  { name: 'GitHub without signature', headers: { 'x-github-event': 'push', 'x-github-delivery': 'g3' }, want: 401 },
  {
    name: 'GitHub signature without sha256= prefix',
    headers: { 'x-github-event': 'push', 'x-github-delivery': 'g3', 'x-hub-signature-256': sig },
    want: 401,
  },
  {
    name: 'Gitea wrong signature',
    headers: { 'x-gitea-event': 'push', 'x-gitea-delivery': 'e2', 'x-gitea-signature': signBody(body, 'other') },
    want: 401,
  },
  {
    name: 'GitLab empty token',
    headers: { 'x-gitlab-event': 'Push Hook', 'x-gitlab-event-uuid': 'l2', 'x-gitlab-token': '' },
    want: 401,
  },
  {
    name: 'missing delivery id',
    headers: { 'x-github-event': 'push', 'x-hub-signature-256': `sha256=${sig}` },
    want: 400,
  },
  {
    name: 'replayed delivery',
    headers: { 'x-github-event': 'push', 'x-github-delivery': 'g1', 'x-hub-signature-256': `sha256=${sig}` },
    seen: (d) => d === 'g1',
    want: 409,
  },
  {
    name: 'oversized body',
    headers: { 'x-github-event': 'push', 'x-github-delivery': 'g4' },
    body: new Uint8Array(1024 * 1024 + 1),
    want: 413,
  },
  {
    name: 'signed non-JSON body',
    headers: {
      'x-github-event': 'push',
      'x-github-delivery': 'g5',
      'x-hub-signature-256': `sha256=${signBody(Buffer.from('nope'), secret)}`,
    },
    body: Buffer.from('nope'),
    want: 400,
  },
];

describe('verifyWebhook', () => {
  for (const c of cases) {
    it(c.name, () => {
      const v = verifyWebhook(c.headers, c.body ?? body, secret, c.seen ?? none);
      const got = v.kind === 'push' ? `push:${v.event.provider}` : v.kind === 'ignored' ? 'ignored' : v.status;
      assert.equal(got, c.want);
      if (v.kind === 'push') assert.deepEqual([v.event.ref, v.event.after], ['refs/heads/main', 'abc']);
    });
  }
});
