import assert from 'node:assert/strict';
import { credentialsFromEnv, parseCredentialsFile, splitUrlCredentials, tokenUsername } from './credentials.ts';
import { remoteOf } from './remote.ts';

describe('credentials', () => {
  const envCases = [
    {
      name: 'username and password',
      env: { FLOTILLA_GIT_USERNAME: 'u', FLOTILLA_GIT_PASSWORD: 'p' },
      want: { username: 'u', password: 'p' },
    },
    { name: 'token alone', env: { FLOTILLA_GIT_TOKEN: 't' }, want: { username: tokenUsername, password: 't' } },
    {
      name: 'token with a username',
      env: { FLOTILLA_GIT_TOKEN: 't', FLOTILLA_GIT_USERNAME: 'oauth2' },
      want: { username: 'oauth2', password: 't' },
    },
    { name: 'username without password', env: { FLOTILLA_GIT_USERNAME: 'u' }, want: undefined },
    { name: 'nothing', env: {}, want: undefined },
  ];
  for (const c of envCases) it(`env: ${c.name}`, () => assert.deepEqual(credentialsFromEnv(c.env), c.want));
  const fileCases = [
    {
      name: 'key=value lines with comments',
      text: '# ci\nusername = bot\npassword=p=q\n',
      want: { username: 'bot', password: 'p=q' },
    },
    { name: 'token line', text: 'token=abc\n', want: { username: tokenUsername, password: 'abc' } },
    { name: 'garbage', text: 'hello\n', want: undefined },
  ];
  for (const c of fileCases) it(`file: ${c.name}`, () => assert.deepEqual(parseCredentialsFile(c.text), c.want));
  const urlCases = [
    {
      name: 'user and password',
      url: 'https://u:p%40ss@git.example/f.git',
      want: { url: 'https://git.example/f.git', credentials: { username: 'u', password: 'p@ss' } },
    },
    {
      name: 'a bare token as password',
      url: 'https://:tok@git.example/f.git',
      want: { url: 'https://git.example/f.git', credentials: { username: tokenUsername, password: 'tok' } },
    },
    {
      name: 'a username only (a token, as git reads it)',
      url: 'https://tok@git.example/f.git',
      want: { url: 'https://git.example/f.git', credentials: { username: 'tok', password: '' } },
    },
    {
      name: 'a password with an unescaped slash (not a URL)',
      url: 'https://bot:ab/cd+ef@git.example/f.git',
      want: { url: 'https://git.example/f.git', credentials: { username: 'bot', password: 'ab/cd+ef' } },
    },
    {
      name: 'no userinfo',
      url: 'http://127.0.0.1:8080/f.git',
      want: { url: 'http://127.0.0.1:8080/f.git', credentials: undefined },
    },
    {
      name: 'not a URL',
      url: 'http://u:p@[bad/f.git',
      want: { url: 'http://[bad/f.git', credentials: { username: 'u', password: 'p' } },
    },
  ];
  for (const c of urlCases) it(`url: ${c.name}`, () => assert.deepEqual(splitUrlCredentials(c.url), c.want));
  it("remoteOf: explicit credentials win over the URL's; the URL never keeps them", () => {
    assert.deepEqual(remoteOf('https://u:p@h/f.git', { username: 'e', password: 'q' }), {
      url: 'https://h/f.git',
      credentials: { username: 'e', password: 'q' },
    });
    assert.deepEqual(remoteOf('https://u:p@h/f.git', undefined), {
      url: 'https://h/f.git',
      credentials: { username: 'u', password: 'p' },
    });
  });
});
