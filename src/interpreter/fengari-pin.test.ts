/**
 * lua-limits.ts meters scripts by replacing functions of fengari's internal modules (ltable, lobject,
 * lstring), which only works while fengari's VM calls them through those module objects. That is
 * true of fengari 0.1.5, read for it; this test fails on any other version or any change to fengari's
 * sources, so an upgrade is a decision: re-read the call sites of the wrapped functions (grep
 * node_modules/fengari/src for `ltable.luaH_new(` and the others), check the sandbox's limit tests
 * still pass, then update `version` and `sourcesDigest` here and the exact pin in package.json.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
// lua-limits.ts first: it loads fengari's entry module, which its internal modules need loaded before them.
import './lua-limits.ts';
import lobject from 'fengari/src/lobject.js';
import lstring from 'fengari/src/lstring.js';
import ltable from 'fengari/src/ltable.js';

const version = '0.1.5';
/** sha256 over `name\0text\0` of every fengari/src/*.js, by name. */
const sourcesDigest = '26d262473cb9f547f3ed9a511c0a5367721e41f512f2383fa9dba0ae99f4d02f';

const root = path.resolve(import.meta.dirname, '..', '..');
const fengari = path.join(root, 'node_modules', 'fengari');

describe('fengari is the version lua-limits.ts wraps', () => {
  it(`package.json pins fengari to exactly ${version}`, () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    assert.equal(pkg.devDependencies['fengari'], version);
  });
  it(`the installed fengari is ${version}`, () => {
    assert.equal(
      (JSON.parse(readFileSync(path.join(fengari, 'package.json'), 'utf8')) as { version: string }).version,
      version,
    );
  });
  it("fengari's sources are the ones lua-limits.ts was checked against", () => {
    const h = createHash('sha256');
    const dir = path.join(fengari, 'src');
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.js'))
      .sort())
      h.update(`${name}\0${readFileSync(path.join(dir, name), 'utf8')}\0`);
    assert.equal(
      h.digest('hex'),
      sourcesDigest,
      'fengari changed: re-check the wrapped call sites (see this file) before updating the digest',
    );
  });
  const wrapped: readonly [string, Record<string, unknown>, string][] = [
    ['ltable', ltable, 'luaH_new'],
    ['ltable', ltable, 'luaH_setint'],
    ['ltable', ltable, 'luaH_setfrom'],
    ['lobject', lobject, 'setsvalue2s'],
    ['lobject', lobject, 'pushsvalue2s'],
    ['lobject', lobject, 'luaO_tostring'],
  ];
  for (const [module, exports, name] of wrapped) {
    it(`${module}.${name} is replaced by the meter's wrapper`, () => {
      const f = exports[name];
      assert.equal(typeof f, 'function');
      assert.doesNotMatch(String(f), /^function\b/, `${module}.${name} is still fengari's own function`);
    });
  }
  it('lstring.luaS_bless, which the number printer calls, is there', () =>
    assert.equal(typeof lstring['luaS_bless'], 'function'));
});
