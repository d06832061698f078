/**
 * Credentials for a git remote: from the environment or from a file named on the command line,
 * never from the repo or the command line itself (a token in argv shows up in `ps`).
 */
import { readFile } from 'node:fs/promises';
import { FlotillaError } from '../api/index.ts';

/** HTTP basic credentials; a token is sent as the password. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** The credentials file cannot be read or has no usable entry. */
export class CredentialsUnreadable extends FlotillaError<{ file: string }> {}

/**
 * The username sent with a bare token. GitHub, GitLab and Gitea all accept a personal access
 * token as the password of an HTTPS basic login whatever the username; `x-access-token` is the
 * name GitHub documents for app tokens.
 */
export const tokenUsername = 'x-access-token';

/**
 * Credentials from `FLOTILLA_GIT_USERNAME` + `FLOTILLA_GIT_PASSWORD`, or `FLOTILLA_GIT_TOKEN`
 * (with `FLOTILLA_GIT_USERNAME` as its username when set); undefined when none is set.
 */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>): Credentials | undefined {
  return credentialsFromEntries({
    username: env['FLOTILLA_GIT_USERNAME'],
    password: env['FLOTILLA_GIT_PASSWORD'],
    token: env['FLOTILLA_GIT_TOKEN'],
  });
}

/**
 * Parses a credentials file: `key=value` lines with keys `username`, `password`, `token`;
 * blank lines and `#` comments are ignored.
 */
export function parseCredentialsFile(text: string): Credentials | undefined {
  const entries: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    entries[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return credentialsFromEntries({
    username: entries['username'],
    password: entries['password'],
    token: entries['token'],
  });
}

/** Reads `--git-credentials-file FILE`; the error never quotes the file's content. */
export async function readCredentialsFile(file: string): Promise<Credentials> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CredentialsUnreadable(`cannot read git credentials file ${file}`, { file }, { cause: err });
  }
  const creds = parseCredentialsFile(text);
  if (!creds)
    throw new CredentialsUnreadable(`git credentials file ${file} has neither username=/password= nor token= lines`, {
      file,
    });
  return creds;
}

/** Credentials for a run: the file when one is named, otherwise the environment. */
export async function resolveCredentials(
  env: Readonly<Record<string, string | undefined>>,
  file: string | undefined,
): Promise<Credentials | undefined> {
  return file ? readCredentialsFile(file) : credentialsFromEnv(env);
}

/** A remote URL with its `user:password@` part taken out, and those credentials (kept in memory only). */
export interface SplitUrl {
  readonly url: string;
  readonly credentials: Credentials | undefined;
}

/**
 * Takes `user:password@` out of an http(s) URL: the URL without them is what flotilla stores
 * (the cache's git config, the cache directory's hash), logs and reports; the credentials go to
 * isomorphic-git through onAuth only.
 */
export function splitUrlCredentials(url: string): SplitUrl {
  let u: URL;
  try {
    u = new URL(url);
  } catch (err) {
    // Not a URL (a password with an unescaped `/` makes it one): take everything up to the last
    // `@` of the authority as userinfo all the same, so it is never stored or echoed.
    if (err instanceof TypeError) return splitUnparsed(url);
    throw err;
  }
  if (u.username === '' && u.password === '') return { url, credentials: undefined };
  const username = safeDecode(u.username);
  const password = safeDecode(u.password);
  u.username = '';
  u.password = '';
  return { url: u.toString(), credentials: userinfoCredentials(username, password) };
}

function splitUnparsed(url: string): SplitUrl {
  const m = /^([^:/?#]+:\/\/)([^?#]*)@/.exec(url);
  if (!m) return { url, credentials: undefined };
  const userinfo = m[2] ?? '';
  const colon = userinfo.indexOf(':');
  const [username, password] = colon < 0 ? [userinfo, ''] : [userinfo.slice(0, colon), userinfo.slice(colon + 1)];
  return {
    url: `${m[1]}${url.slice(m[0].length)}`,
    credentials: userinfoCredentials(safeDecode(username), safeDecode(password)),
  };
}

/**
 * `user:password` as credentials; a username alone is a token sent as the username with an empty
 * password (`https://TOKEN@host/…`, as git and GitHub read it).
 */
function userinfoCredentials(username: string, password: string): Credentials | undefined {
  if (password !== '') return { username: username || tokenUsername, password };
  return username === '' ? undefined : { username, password: '' };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch (err) {
    if (err instanceof URIError) return s;
    throw err;
  }
}

function credentialsFromEntries(e: {
  username: string | undefined;
  password: string | undefined;
  token: string | undefined;
}): Credentials | undefined {
  if (e.token) return { username: e.username || tokenUsername, password: e.token };
  if (e.username && e.password !== undefined) return { username: e.username, password: e.password };
  return undefined;
}
