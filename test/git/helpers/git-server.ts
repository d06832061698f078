/**
 * A real git smart-HTTP server for tests: git's own `git http-backend` (CGI) behind a small
 * node:http server on 127.0.0.1, with basic authentication and receive-pack enabled. Faults can
 * be switched on: `garbage` answers every request with non-git bytes.
 */
import { execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** A running server. */
export interface GitServer {
  /** `http://127.0.0.1:PORT` (no credentials). */
  readonly base: string;
  readonly port: number;
  readonly root: string;
  readonly user: string;
  readonly password: string;
  /** `http://user:password@127.0.0.1:PORT/<name>.git`, for the git CLI. */
  authUrl(name: string): string;
  /** `http://127.0.0.1:PORT/<name>.git`, for flotilla (credentials come from the environment). */
  url(name: string): string;
  /** Creates an empty bare repository `<name>.git` accepting pushes. */
  createRepo(name: string): string;
  /** Switches a fault on or off. */
  fault: { garbage: boolean };
  /** Requests served so far. */
  readonly requests: number;
  /** Authenticated pushes (POST git-receive-pack requests) served so far. */
  readonly receivePacks: number;
  /** Authenticated fetches of objects (POST git-upload-pack requests) served so far. */
  readonly uploadPacks: number;
  /** Authenticated ref lists for fetching (GET info/refs?service=git-upload-pack) served so far. */
  readonly refLists: number;
  /** Bytes of response bodies sent so far (what clients fetched). */
  readonly bytesSent: number;
  stop(): Promise<void>;
}

const backend = path.join(execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim(), 'git-http-backend');

/** Starts a server over the bare repositories in `root` (on `port`, or a free one: a restart after stop() reuses its port). */
export async function startGitServer(root: string, user = 'fleet', password = 's3cret', port = 0): Promise<GitServer> {
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const fault = { garbage: false };
  let requests = 0;
  let bytesSent = 0;
  let receivePacks = 0;
  let uploadPacks = 0;
  let refLists = 0;
  const server = http.createServer((req, res) => {
    requests++;
    if (fault.garbage) {
      res.writeHead(200, { 'content-type': 'application/x-git-upload-pack-advertisement' });
      res.end('this is not the git protocol \u0000\u0001\u0002 at all\n');
      return;
    }
    if (req.headers.authorization !== expected) {
      req.resume();
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' });
      res.end('authentication required\n');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && url.pathname.endsWith('/git-receive-pack')) receivePacks++;
    if (req.method === 'POST' && url.pathname.endsWith('/git-upload-pack')) uploadPacks++;
    if (url.pathname.endsWith('/info/refs') && url.searchParams.get('service') === 'git-upload-pack') refLists++;
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.replace(/^\?/, ''),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_USER: user,
      REMOTE_ADDR: '127.0.0.1',
      GIT_CONFIG_NOSYSTEM: '1',
    };
    if (req.headers['content-length']) env['CONTENT_LENGTH'] = req.headers['content-length'];
    if (req.headers['content-encoding']) env['HTTP_CONTENT_ENCODING'] = req.headers['content-encoding'];
    if (req.headers['git-protocol']) env['GIT_PROTOCOL'] = String(req.headers['git-protocol']);
    const cgi = spawn(backend, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    req.pipe(cgi.stdin);
    cgi.stdin.on('error', () => undefined); // the backend may close stdin early on an error answer
    relayCgi(cgi.stdout, res, (n) => {
      bytesSent += n;
    });
    cgi.stderr.resume();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${bound}`;
  return {
    base,
    root,
    user,
    password,
    fault,
    get requests() {
      return requests;
    },
    get receivePacks() {
      return receivePacks;
    },
    get uploadPacks() {
      return uploadPacks;
    },
    get refLists() {
      return refLists;
    },
    get bytesSent() {
      return bytesSent;
    },
    port: bound,
    authUrl: (name) => `http://${user}:${password}@127.0.0.1:${bound}/${name}.git`,
    url: (name) => `${base}/${name}.git`,
    createRepo(name) {
      const dir = path.join(root, `${name}.git`);
      execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
      execFileSync('git', ['--git-dir', dir, 'config', 'http.receivepack', 'true']);
      return dir;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Parses the CGI header block (`Status:` and headers up to a blank line) and streams the body. */
function relayCgi(out: NodeJS.ReadableStream, res: http.ServerResponse, sent: (bytes: number) => void): void {
  let head = Buffer.alloc(0);
  let headersDone = false;
  out.on('data', (chunk: Buffer) => {
    if (headersDone) {
      sent(chunk.length);
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const crlf = head.indexOf('\r\n\r\n');
    const lf = head.indexOf('\n\n');
    const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : -1;
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, end).toString('latin1').split(/\r?\n/)) {
      const m = /^([^:]+):\s*(.*)$/.exec(line);
      if (!m?.[1] || m[2] === undefined) continue;
      if (m[1].toLowerCase() === 'status') status = Number.parseInt(m[2], 10);
      else headers[m[1]] = m[2];
    }
    res.writeHead(status, headers);
    sent(head.length - end);
    res.write(head.subarray(end));
  });
  out.on('end', () => {
    if (!headersDone) res.writeHead(502);
    res.end();
  });
}
