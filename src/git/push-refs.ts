/**
 * Pushes many branches in one request (git's receive-pack protocol over smart HTTP: one ref
 * advertisement, one pack, one command per ref, one status per ref), where isomorphic-git's push
 * moves one ref per call and lists every object of the old tip to thin its pack. The pack holds
 * what the remote is not known to have: objects are compared path by path with the trees of
 * commits the remote advertises (the branch's old tip, and `alongside` branches such as the
 * rendered branch whose folders the cluster branches reuse), and a subtree found there is not
 * walked. Never forces: the server compares each old value under its ref lock, so a branch
 * another writer moved is reported `rejected` and the others still move (no `atomic`).
 */
import { gitFs as fs } from './git-fs.ts';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { GitRemoteInvalid } from './errors.ts';
import { packOf } from './pack-writer.ts';
import { pushCommit, remoteAuth, withRemoteErrors, type PushOutcome, type Remote } from './remote.ts';
import { remoteName, type GitRepo } from './repository.ts';

/** Move `branch` from `expected` (undefined: it must not exist) to `commit`, whose objects are in the repository. */
export interface BranchUpdate {
  readonly branch: string;
  readonly expected: string | undefined;
  readonly commit: string;
}

const zero = '0'.repeat(40);

/** How many branches' new objects are listed at once. */
const objectReads = 16;

/**
 * Pushes `updates` in one request; outcomes in the updates' order. `alongside` names branches
 * whose remote tips thin the pack (see the file comment). A branch whose advertised tip is not
 * `expected` is rejected without being sent.
 */
export async function pushBranches(
  repo: GitRepo,
  remote: Remote,
  updates: readonly BranchUpdate[],
  alongside: readonly string[] = [],
): Promise<PushOutcome[]> {
  if (updates.length === 0) return [];
  const info = await withRemoteErrors(remote, () =>
    git.getRemoteInfo2({ http, url: remote.url, forPush: true, protocolVersion: 1, ...remoteAuth(remote) }),
  );
  if (info.protocolVersion !== 1 || info.refs === undefined)
    throw new GitRemoteInvalid(`${remote.url} did not answer receive-pack's ref advertisement`, { url: remote.url });
  const advertised = new Map(info.refs.map((r) => [r.ref, r.oid]));
  const outcomes: PushOutcome[] = updates.map((u) =>
    advertised.get(`refs/heads/${u.branch}`) === u.expected
      ? { kind: 'pushed' }
      : { kind: 'rejected', reason: `refs/heads/${u.branch} is no longer at ${u.expected ?? 'nothing'}` },
  );
  const sent = updates.filter((_, i) => outcomes[i]?.kind === 'pushed');
  if (sent.length === 0) return outcomes;
  const capabilities = Object.keys(info.capabilities);
  // Without report-status the server does not say which refs moved: push them one by one.
  if (!capabilities.includes('report-status')) {
    for (const [i, u] of updates.entries())
      if (outcomes[i]?.kind === 'pushed') outcomes[i] = await pushCommit(repo, remote, u.branch, u.commit);
    return outcomes;
  }
  const bases = alongside.map((b) => advertised.get(`refs/heads/${b}`)).filter((o) => o !== undefined);
  const oids = await objectsToSend(repo, sent, new Set(advertised.values()), bases);
  const packfile = await packOf(repo, [...oids]);
  const report = await withRemoteErrors(remote, () => postReceivePack(remote, sent, packfile));
  for (const [i, u] of updates.entries()) {
    if (outcomes[i]?.kind !== 'pushed') continue;
    const status = report.get(`refs/heads/${u.branch}`);
    if (status === 'ok')
      await git.writeRef({
        fs,
        gitdir: repo.gitdir,
        ref: `refs/remotes/${remoteName}/${u.branch}`,
        value: u.commit,
        force: true,
      });
    else outcomes[i] = { kind: 'rejected', reason: status ?? 'the remote did not report this ref' };
  }
  return outcomes;
}

/**
 * The commits, trees and blobs of `updates` the remote is not known to have: new commits back to
 * one it advertises, and each one's tree minus what the same path holds in a base commit's tree.
 * Only first parents are followed (flotilla's commits have one): a merge whose other parent the
 * remote lacks would be refused by the server's connectivity check, never stored broken.
 */
async function objectsToSend(
  repo: GitRepo,
  updates: readonly BranchUpdate[],
  remoteHas: ReadonlySet<string>,
  alongside: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  const trees = new Map<string, Promise<Map<string, { oid: string; type: string }>>>();
  const readTree = (oid: string) => {
    const known = trees.get(oid);
    if (known !== undefined) return known;
    const read = git
      .readTree({ fs, gitdir: repo.gitdir, cache: repo.cache, oid })
      .then((t) => new Map(t.tree.map((e) => [e.path, { oid: e.oid, type: e.type }])));
    trees.set(oid, read);
    return read;
  };
  const treeOfCommit = async (oid: string) =>
    (await git.readCommit({ fs, gitdir: repo.gitdir, cache: repo.cache, oid })).commit;
  const baseTrees: string[] = [];
  for (const b of alongside) {
    // A tip the cache does not hold yet (another writer's) thins nothing.
    const base = await treeOfCommit(b).catch((err: unknown) => {
      if (err instanceof git.Errors.NotFoundError) return undefined;
      throw err;
    });
    if (base !== undefined) baseTrees.push(base.tree);
  }
  const walk = async (tree: string, bases: readonly string[]): Promise<void> => {
    if (out.has(tree) || bases.includes(tree)) return;
    out.add(tree);
    const entries = await readTree(tree);
    const baseEntries = await Promise.all(bases.map(readTree));
    for (const [name, e] of entries) {
      const same = baseEntries.flatMap((b) => {
        const at = b.get(name);
        return at !== undefined && at.type === e.type ? [at] : [];
      });
      if (same.some((b) => b.oid === e.oid) || out.has(e.oid)) continue;
      if (e.type === 'tree')
        await walk(
          e.oid,
          same.map((b) => b.oid),
        );
      else if (e.type === 'blob') out.add(e.oid);
    }
  };
  const fromTip = async (u: BranchUpdate) => {
    let commit: string | undefined = u.commit;
    while (commit !== undefined && !remoteHas.has(commit) && !out.has(commit)) {
      out.add(commit);
      const c = await treeOfCommit(commit);
      const parent = c.parent[0];
      const parentTree = parent !== undefined && remoteHas.has(parent) ? [(await treeOfCommit(parent)).tree] : [];
      await walk(c.tree, [...parentTree, ...baseTrees]);
      commit = parent;
    }
  };
  // A few branches at a time: each walk mostly waits on reading small objects. Two walks that
  // meet the same object both list it once (a Set), at worst reading it twice.
  for (let i = 0; i < updates.length; i += objectReads)
    await Promise.all(updates.slice(i, i + objectReads).map(fromTip));
  return out;
}

/** Sends the commands and the pack; ref → `ok` or the server's reason. */
async function postReceivePack(
  remote: Remote,
  updates: readonly BranchUpdate[],
  packfile: Uint8Array,
): Promise<Map<string, string>> {
  // Only report-status: some servers (AWS CodeCommit) refuse a push that names an agent.
  const lines = updates.map(
    (u, i) => `${u.expected ?? zero} ${u.commit} refs/heads/${u.branch}${i === 0 ? '\0report-status' : ''}\n`,
  );
  const body = Buffer.concat([...lines.map(pktLine), Buffer.from('0000'), packfile]);
  const creds = remote.credentials;
  const res = await http.request({
    url: `${remote.url.replace(/\/$/, '')}/git-receive-pack`,
    method: 'POST',
    headers: {
      'content-type': 'application/x-git-receive-pack-request',
      accept: 'application/x-git-receive-pack-result',
      ...(creds
        ? { authorization: `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}` }
        : {}),
    },
    body: (async function* () {
      yield body;
    })(),
  });
  const chunks: Uint8Array[] = [];
  for await (const c of res.body ?? []) chunks.push(c);
  if (res.statusCode !== 200)
    throw new git.Errors.HttpError(res.statusCode, res.statusMessage, Buffer.concat(chunks).toString('utf8'));
  return parseReport(Buffer.concat(chunks), remote.url);
}

function pktLine(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from((payload.length + 4).toString(16).padStart(4, '0')), payload]);
}

/** The report-status of receive-pack: `unpack ok`, then `ok <ref>` or `ng <ref> <reason>` per ref. */
function parseReport(bytes: Buffer, url: string): Map<string, string> {
  const report = new Map<string, string>();
  let unpack = '';
  for (let at = 0; at + 4 <= bytes.length; ) {
    const length = Number.parseInt(bytes.subarray(at, at + 4).toString('latin1'), 16);
    if (!Number.isFinite(length) || length === 0) {
      at += 4;
      continue;
    }
    const line = bytes
      .subarray(at + 4, at + length)
      .toString('utf8')
      .replace(/\n$/, '');
    at += length;
    if (line.startsWith('unpack ')) unpack = line.slice('unpack '.length);
    else if (line.startsWith('ok ')) report.set(line.slice(3), 'ok');
    else if (line.startsWith('ng ')) {
      const [ref = '', ...reason] = line.slice(3).split(' ');
      report.set(ref, reason.join(' ') || 'rejected');
    }
  }
  if (unpack !== 'ok')
    throw new GitRemoteInvalid(`${url} could not unpack the pushed objects: ${unpack || 'no report'}`, { url });
  return report;
}
