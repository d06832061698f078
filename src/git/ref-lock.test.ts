import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  acquireRefLock,
  formatOwner,
  ownerGone,
  parseOwner,
  selfOwner,
  type LockPolicy,
  type ReclaimedLock,
} from './ref-lock.ts';

describe('ref-lock', () => {
  const owner = { pid: 4242, host: 'h1', start: '777' };
  it('formatOwner / parseOwner round-trip; a ref value or an empty lock names no owner', () => {
    assert.deepEqual(parseOwner(formatOwner(owner)), owner);
    assert.equal(parseOwner(`${'a'.repeat(40)}\n`), undefined);
    assert.equal(parseOwner(''), undefined);
  });

  const goneCases = [
    { name: 'same host, no such process', host: 'h1', start: 'none' as const, want: true },
    { name: 'same host, pid reused by a later process', host: 'h1', start: '900', want: true },
    { name: 'same host, the same process', host: 'h1', start: '777', want: false },
    { name: 'same host, start time unknown', host: 'h1', start: undefined, want: false },
    { name: 'another host: never judged from here', host: 'h2', start: 'none' as const, want: false },
  ];
  for (const c of goneCases)
    it(`ownerGone: ${c.name}`, () =>
      assert.equal(
        ownerGone(owner, c.host, () => c.start),
        c.want,
      ));

  describe('acquireRefLock', () => {
    let dir: string;
    let reclaimed: ReclaimedLock[];
    let policy: LockPolicy;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-lock-'));
      reclaimed = [];
      policy = { staleAfterMs: 60_000, onReclaim: (r) => reclaimed.push(r) };
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const file = () => path.join(dir, 'refs', 'heads', 'b');
    const lockFile = () => `${file()}.lock`;
    const plant = (text: string, ageMs = 0) => {
      writeFileSync(lockFile(), text);
      const t = new Date(Date.now() - ageMs);
      utimesSync(lockFile(), t, t);
    };

    it('takes a free lock, names its owner in it, and commits the value by rename', async () => {
      const a = await acquireRefLock(file(), policy);
      assert.equal(a.kind, 'held');
      assert.deepEqual(parseOwner(readFileSync(lockFile(), 'utf8')), selfOwner());
      if (a.kind === 'held') assert.equal(await a.lock.commit('abc\n'), true);
      assert.equal(readFileSync(file(), 'utf8'), 'abc\n');
      assert.ok(!existsSync(lockFile()));
    });

    const cases = [
      {
        name: 'a lock of a dead flotilla on this host is reclaimed at once',
        text: () => formatOwner({ ...selfOwner(), pid: 2 ** 22 - 3 }),
        ageMs: 0,
        want: 'held',
        reason: 'owner-gone',
      },
      {
        name: 'a lock of this live process is busy',
        text: () => formatOwner(selfOwner()),
        ageMs: 0,
        want: 'busy',
        reason: undefined,
      },
      {
        name: 'a fresh lock without an owner (git) is busy',
        text: () => '',
        ageMs: 0,
        want: 'busy',
        reason: undefined,
      },
      {
        name: 'a lock without an owner older than the bound is reclaimed',
        text: () => `${'a'.repeat(40)}\n`,
        ageMs: 120_000,
        want: 'held',
        reason: 'expired',
      },
      {
        name: 'a lock of another host older than the bound is reclaimed',
        text: () => formatOwner({ pid: 1, host: 'elsewhere', start: '1' }),
        ageMs: 120_000,
        want: 'held',
        reason: 'expired',
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        await acquireRefLock(file(), policy).then(async (a) => {
          if (a.kind === 'held') await a.lock.release();
        });
        plant(c.text(), c.ageMs);
        const a = await acquireRefLock(file(), policy);
        assert.equal(a.kind, c.want);
        assert.deepEqual(
          reclaimed.map((r) => r.reason),
          c.reason ? [c.reason] : [],
        );
        if (a.kind === 'held') await a.lock.release();
      });
    }

    it('two writers racing for one stale lock: exactly one holds it', async () => {
      await acquireRefLock(file(), policy).then(async (a) => {
        if (a.kind === 'held') await a.lock.release();
      });
      plant('', 120_000);
      const both = await Promise.all([acquireRefLock(file(), policy), acquireRefLock(file(), policy)]);
      assert.deepEqual(both.map((a) => a.kind).sort(), ['busy', 'held']);
      for (const a of both) if (a.kind === 'held') await a.lock.release();
    });

    it('a held lock taken away meanwhile is not renamed over the ref', async () => {
      const a = await acquireRefLock(file(), policy);
      assert.equal(a.kind, 'held');
      rmSync(lockFile());
      plant('');
      if (a.kind === 'held') assert.equal(await a.lock.commit('abc\n'), false);
      assert.ok(!existsSync(file()));
    });
  });
});
