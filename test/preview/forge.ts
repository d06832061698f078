/** A tiny forge for tests: one PR/MR (#7 of acme/fleet, GitLab project 42) over node:http on 127.0.0.1, checking every request. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CommentProvider } from '../../src/cli/comment-target.ts';

/** The token the forge accepts. */
export const forgeToken = 's3cret-t0ken';
const token = forgeToken;

/** One request the forge received. */
export interface Seen {
  readonly method: string;
  readonly path: string;
  readonly auth: string | undefined;
  readonly body: string;
}
/** A running forge: its API base, the requests seen, its comments; `fail` makes it answer that status. */
export interface Forge {
  readonly url: string;
  readonly seen: Seen[];
  readonly comments: { id: number; body: string }[];
  fail?: number;
  close(): Promise<void>;
}

/** A tiny forge: one PR/MR (#7 of acme/fleet, GitLab project 42) with a comment list, per provider's REST shapes. */
export async function startForge(provider: CommentProvider): Promise<Forge> {
  const seen: Seen[] = [];
  const comments: { id: number; body: string }[] = [];
  let nextId = 100;
  const prefix =
    provider === 'gitlab'
      ? '/api/v4/projects/42/merge_requests/7/notes'
      : provider === 'gitea'
        ? '/api/v1/repos/acme/fleet/issues/7/comments'
        : '/repos/acme/fleet/issues/7/comments';
  const updatePrefix =
    provider === 'gitlab'
      ? `${prefix}/`
      : provider === 'gitea'
        ? '/api/v1/repos/acme/fleet/issues/comments/'
        : '/repos/acme/fleet/issues/comments/';
  const forge: Forge = {
    url: '',
    seen,
    comments,
    close: async () => {
      // replaced once the server listens
    },
  };
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      const auth =
        provider === 'gitlab' ? (req.headers['private-token'] as string | undefined) : req.headers.authorization;
      const url = new URL(req.url ?? '/', 'http://x');
      seen.push({ method: req.method ?? '', path: url.pathname, auth, body });
      const reply = (status: number, v: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(v));
      };
      const wantAuth = provider === 'github' ? `Bearer ${token}` : provider === 'gitea' ? `token ${token}` : token;
      if (auth !== wantAuth) return reply(401, { message: `Bad credentials ${auth ?? ''}` });
      if (forge.fail) return reply(forge.fail, { message: `failure echoing ${token}` });
      if (req.method === 'GET' && url.pathname === prefix) {
        const per = Number(url.searchParams.get(provider === 'gitea' ? 'limit' : 'per_page'));
        const page = Number(url.searchParams.get('page'));
        return reply(200, comments.slice((page - 1) * per, page * per));
      }
      if (req.method === 'POST' && url.pathname === prefix) {
        const c = { id: nextId++, body: (JSON.parse(body) as { body: string }).body };
        comments.push(c);
        return reply(201, c);
      }
      const wantMethod = provider === 'gitlab' ? 'PUT' : 'PATCH';
      if (req.method === wantMethod && url.pathname.startsWith(updatePrefix)) {
        const c = comments.find((x) => String(x.id) === url.pathname.slice(updatePrefix.length));
        if (!c) return reply(404, { message: 'Not Found' });
        c.body = (JSON.parse(body) as { body: string }).body;
        return reply(200, c);
      }
      return reply(404, { message: `no route ${req.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return Object.assign(forge, {
    url: provider === 'gitlab' ? `${base}/api/v4` : provider === 'gitea' ? `${base}/api/v1` : base,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
