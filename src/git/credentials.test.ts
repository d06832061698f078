import assert from 'node:assert/strict';
import { credentialsFromEnv, parseCredentialsFile, tokenUsername } from './credentials.ts';

describe('credentials', () => {
  const envCases = [
    { name: 'username and password', env: { FLOTILLA_GIT_USERNAME: 'u', FLOTILLA_GIT_PASSWORD: 'p' }, want: { username: 'u', password: 'p' } },
    { name: 'token alone', env: { FLOTILLA_GIT_TOKEN: 't' }, want: { username: tokenUsername, password: 't' } },
    { name: 'token with a username', env: { FLOTILLA_GIT_TOKEN: 't', FLOTILLA_GIT_USERNAME: 'oauth2' }, want: { username: 'oauth2', password: 't' } },
    { name: 'username without password', env: { FLOTILLA_GIT_USERNAME: 'u' }, want: undefined },
    { name: 'nothing', env: {}, want: undefined },
  ];
  for (const c of envCases) it(`env: ${c.name}`, () => assert.deepEqual(credentialsFromEnv(c.env), c.want));
  const fileCases = [
    { name: 'key=value lines with comments', text: '# ci\nusername = bot\npassword=p=q\n', want: { username: 'bot', password: 'p=q' } },
    { name: 'token line', text: 'token=abc\n', want: { username: tokenUsername, password: 'abc' } },
    { name: 'garbage', text: 'hello\n', want: undefined },
  ];
  for (const c of fileCases) it(`file: ${c.name}`, () => assert.deepEqual(parseCredentialsFile(c.text), c.want));
});
