/**
 * Posts the preview as ONE sticky comment on a pull/merge request: the comment whose body starts
 * with the hidden marker is updated in place; only when there is none is a new one created, so a
 * pull request that is pushed to ten times still carries one preview. Uses global fetch.
 */
import { FlotillaError } from '../api/index.ts';
import type { CommentProvider, CommentTarget } from './comment-target.ts';

/** The forge answered with an error, or could not be reached. The token is never part of it. */
export class CommentPostFailed extends FlotillaError<{
  provider: CommentProvider;
  method: string;
  url: string;
  status: number | null;
  transient: boolean;
}> {
  /** 429, a 5xx or a network failure: the forge may take the comment later. */
  override get transient(): boolean {
    return this.data.transient;
  }
}

/** What happened to the sticky comment. */
export type PostOutcome = { readonly kind: 'created' | 'updated'; readonly id: string };

/** The HTTP function used; global fetch unless a caller passes another implementation of it. */
export type Fetch = typeof fetch;

interface Endpoints {
  readonly list: (page: number) => string;
  readonly create: string;
  readonly update: (id: string) => string;
  readonly updateMethod: 'PATCH' | 'PUT';
  readonly headers: Readonly<Record<string, string>>;
}

const perPage = 100;
const maxPages = 50;

/** Creates or updates the sticky comment identified by `marker` (the body must start with it). */
export async function postStickyComment(
  target: CommentTarget,
  body: string,
  marker: string,
  http: Fetch = fetch,
): Promise<PostOutcome> {
  const text = body.trimStart().startsWith(marker) ? body : `${marker}\n${body}`;
  const ep = endpointsOf(target);
  const existing = await findMarked(target, ep, marker, http);
  if (existing !== undefined) {
    await send(target, http, ep.updateMethod, ep.update(existing), ep.headers, { body: text });
    return { kind: 'updated', id: existing };
  }
  const created = await send(target, http, 'POST', ep.create, ep.headers, { body: text });
  return { kind: 'created', id: idOf(created) ?? '' };
}

/** The REST endpoints of each forge (GitHub issues comments, GitLab MR notes, Gitea issue comments). */
function endpointsOf(t: CommentTarget): Endpoints {
  const json = { 'Content-Type': 'application/json', 'User-Agent': 'flotilla' };
  switch (t.provider) {
    case 'github': {
      const repo = `${t.apiUrl}/repos/${repoPath(t.repository)}`;
      return {
        list: (page) => `${repo}/issues/${t.number}/comments?per_page=${perPage}&page=${page}`,
        create: `${repo}/issues/${t.number}/comments`,
        update: (id) => `${repo}/issues/comments/${id}`,
        updateMethod: 'PATCH',
        headers: {
          ...json,
          Accept: 'application/vnd.github+json',
          'X-GitHub-Api-Version': '2022-11-28',
          Authorization: `Bearer ${t.token}`,
        },
      };
    }
    case 'gitlab': {
      const mr = `${t.apiUrl}/projects/${encodeURIComponent(t.repository)}/merge_requests/${t.number}/notes`;
      return {
        list: (page) => `${mr}?per_page=${perPage}&page=${page}&sort=asc&order_by=created_at`,
        create: mr,
        update: (id) => `${mr}/${id}`,
        updateMethod: 'PUT',
        headers: { ...json, 'PRIVATE-TOKEN': t.token },
      };
    }
    case 'gitea': {
      const repo = `${t.apiUrl}/repos/${repoPath(t.repository)}`;
      return {
        list: (page) => `${repo}/issues/${t.number}/comments?limit=${perPage}&page=${page}`,
        create: `${repo}/issues/${t.number}/comments`,
        update: (id) => `${repo}/issues/comments/${id}`,
        updateMethod: 'PATCH',
        headers: { ...json, Accept: 'application/json', Authorization: `token ${t.token}` },
      };
    }
  }
}

function repoPath(repository: string): string {
  return repository.split('/').map(encodeURIComponent).join('/');
}

/** The id of the oldest comment whose body starts with the marker, paging through all comments. */
async function findMarked(t: CommentTarget, ep: Endpoints, marker: string, http: Fetch): Promise<string | undefined> {
  for (let page = 1; page <= maxPages; page += 1) {
    const list = await send(t, http, 'GET', ep.list(page), ep.headers, undefined);
    if (!Array.isArray(list))
      throw new CommentPostFailed(`${t.provider}: listing comments did not return a list`, {
        provider: t.provider,
        method: 'GET',
        url: ep.list(page),
        status: null,
        transient: false,
      });
    for (const c of list) {
      const body = typeof c === 'object' && c !== null ? (c as Record<string, unknown>)['body'] : undefined;
      if (typeof body === 'string' && body.trimStart().startsWith(marker)) {
        const id = idOf(c);
        if (id !== undefined) return id;
      }
    }
    if (list.length < perPage) return undefined;
  }
  return undefined;
}

function idOf(v: unknown): string | undefined {
  const id = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)['id'] : undefined;
  return typeof id === 'number' || typeof id === 'string' ? String(id) : undefined;
}

/** One request; a non-2xx answer or a network failure becomes a CommentPostFailed (429 and 5xx transient). */
async function send(
  t: CommentTarget,
  http: Fetch,
  method: string,
  url: string,
  headers: Readonly<Record<string, string>>,
  payload: unknown,
): Promise<unknown> {
  let res: Response;
  try {
    res = await http(url, { method, headers, ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}) });
  } catch (err) {
    throw new CommentPostFailed(
      `${t.provider}: ${method} ${url} failed`,
      { provider: t.provider, method, url, status: null, transient: true },
      { cause: err },
    );
  }
  const text = await res.text();
  if (!res.ok) {
    const transient = res.status === 429 || res.status >= 500;
    throw new CommentPostFailed(`${t.provider}: ${method} ${url} answered ${res.status}${detailOf(text, t.token)}`, {
      provider: t.provider,
      method,
      url,
      status: res.status,
      transient,
    });
  }
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CommentPostFailed(
      `${t.provider}: ${method} ${url} answered with something other than JSON`,
      { provider: t.provider, method, url, status: res.status, transient: false },
      { cause: err },
    );
  }
}

/** The forge's own error message, short, with any echo of the token blanked out. */
function detailOf(text: string, token: string): string {
  const parsed = parseOrUndefined(text);
  const field =
    typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['message'] : undefined;
  const message = typeof field === 'string' ? field : text;
  const clean = message.split(token).join('***').replace(/\s+/g, ' ').trim().slice(0, 200);
  return clean ? `: ${clean}` : '';
}

/** JSON.parse, converting a syntax error into undefined (an error page in HTML is not a failure here). */
function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
