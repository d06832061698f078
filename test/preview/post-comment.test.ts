/** The sticky-comment client against a local HTTP server that plays GitHub, GitLab and Gitea and checks every request. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { UsageError } from '../../src/api/index.ts';
import { resolveCommentTarget, type CommentProvider, type CommentTarget } from '../../src/cli/comment-target.ts';
import { CommentPostFailed, postStickyComment } from '../../src/cli/post-comment.ts';
import { forgeToken, startForge, type Forge } from './forge.ts';

const marker = '<!-- flotilla-preview -->';
const token = forgeToken;

function targetOf(provider: CommentProvider, apiUrl: string): CommentTarget {
  return { provider, apiUrl, repository: provider === 'gitlab' ? '42' : 'acme/fleet', number: 7, token };
}

describe('preview: sticky comment posting (local forge over HTTP)', () => {
  for (const provider of ['github', 'gitlab', 'gitea'] as const) {
    describe(provider, () => {
      let forge: Forge;
      beforeEach(async () => {
        forge = await startForge(provider);
      });
      afterEach(async () => {
        await forge.close();
      });

      it('creates the comment once, then updates it instead of adding a duplicate', async () => {
        forge.comments.push({ id: 1, body: 'LGTM' }, { id: 2, body: `> ${marker} quoted by a reviewer` });
        const first = await postStickyComment(targetOf(provider, forge.url), `${marker}\nfirst`, marker);
        const second = await postStickyComment(targetOf(provider, forge.url), `${marker}\nsecond`, marker);
        assert.deepEqual([first.kind, second.kind, first.id === second.id], ['created', 'updated', true]);
        assert.deepEqual(
          forge.comments.map((c) => c.body),
          ['LGTM', `> ${marker} quoted by a reviewer`, `${marker}\nsecond`],
        );
        assert.deepEqual(
          forge.seen.map((s) => s.method),
          ['GET', 'POST', 'GET', provider === 'gitlab' ? 'PUT' : 'PATCH'],
        );
        assert.ok(
          forge.seen.every((s) => s.auth !== undefined),
          'every request is authenticated',
        );
      });

      it('adds the marker when the body lacks it', async () => {
        await postStickyComment(targetOf(provider, forge.url), 'plain', marker);
        assert.equal(forge.comments[0]?.body, `${marker}\nplain`);
      });

      it('fails with a typed error that never contains the token', async () => {
        forge.fail = 503;
        const err = await postStickyComment(targetOf(provider, forge.url), 'x', marker).then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.ok(err instanceof CommentPostFailed);
        assert.equal(err.data.status, 503);
        assert.equal(err.data.transient, true);
        assert.ok(!JSON.stringify({ m: err.message, d: err.data }).includes(token), 'token leaked');
      });
    });
  }

  it('pages through long comment lists to find the marked comment (GitHub)', async () => {
    const forge = await startForge('github');
    try {
      for (let i = 0; i < 130; i += 1) forge.comments.push({ id: i + 1, body: `comment ${i}` });
      forge.comments.push({ id: 999, body: `${marker}\nold` });
      const out = await postStickyComment(targetOf('github', forge.url), `${marker}\nnew`, marker);
      assert.deepEqual(out, { kind: 'updated', id: '999' });
      assert.deepEqual(
        forge.seen.map((s) => `${s.method} ${s.path}`),
        [
          'GET /repos/acme/fleet/issues/7/comments',
          'GET /repos/acme/fleet/issues/7/comments',
          'PATCH /repos/acme/fleet/issues/comments/999',
        ],
      );
    } finally {
      await forge.close();
    }
  });
});

describe('preview: comment target from flags and CI environment', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flotilla-event-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const read = (f: string) => readFile(f, 'utf8');

  it('GitHub Actions: repository and PR number from GITHUB_REPOSITORY and the event file', async () => {
    const event = path.join(dir, 'event.json');
    writeFileSync(event, JSON.stringify({ action: 'synchronize', pull_request: { number: 12 } }));
    const t = await resolveCommentTarget(
      { provider: 'github' },
      {
        GITHUB_TOKEN: token,
        GITHUB_REPOSITORY: 'acme/fleet',
        GITHUB_EVENT_PATH: event,
        GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
      },
      read,
    );
    assert.deepEqual(t, {
      provider: 'github',
      apiUrl: 'https://ghe.example.com/api/v3',
      repository: 'acme/fleet',
      number: 12,
      token,
    });
  });
  it('GitLab CI: project and MR from CI_PROJECT_ID / CI_MERGE_REQUEST_IID / CI_API_V4_URL', async () => {
    const t = await resolveCommentTarget(
      { provider: 'gitlab' },
      {
        GITLAB_TOKEN: token,
        CI_PROJECT_ID: '42',
        CI_MERGE_REQUEST_IID: '3',
        CI_API_V4_URL: 'https://gitlab.example.com/api/v4',
      },
      read,
    );
    assert.deepEqual(t, {
      provider: 'gitlab',
      apiUrl: 'https://gitlab.example.com/api/v4',
      repository: '42',
      number: 3,
      token,
    });
  });
  it('flags win over the environment', async () => {
    const t = await resolveCommentTarget(
      { provider: 'gitea', apiUrl: 'http://127.0.0.1:3000/api/v1', repository: 'o/r', pr: '5' },
      { GITEA_TOKEN: token, GITHUB_REPOSITORY: 'x/y' },
      read,
    );
    assert.deepEqual(t, {
      provider: 'gitea',
      apiUrl: 'http://127.0.0.1:3000/api/v1',
      repository: 'o/r',
      number: 5,
      token,
    });
  });
  const failures = [
    { name: 'no token', flags: { provider: 'github', repository: 'a/b', pr: '1' }, env: {} },
    { name: 'no PR number', flags: { provider: 'github', repository: 'a/b' }, env: { GITHUB_TOKEN: token } },
    { name: 'a bad PR number', flags: { provider: 'gitlab', repository: '1', pr: 'x' }, env: { GITLAB_TOKEN: token } },
    { name: 'an unknown provider', flags: { provider: 'bitbucket' }, env: {} },
    {
      name: 'gitea without an API URL',
      flags: { provider: 'gitea', repository: 'a/b', pr: '1' },
      env: { GITEA_TOKEN: token },
    },
  ];
  for (const f of failures) {
    it(`rejects ${f.name} as a usage error without the token`, async () => {
      const err = await resolveCommentTarget(f.flags, f.env, read).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof UsageError, String(err));
      assert.ok(!err.message.includes(token));
    });
  }
});
