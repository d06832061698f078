import assert from 'node:assert/strict';
import { FlotillaError, InternalError, isTransient } from '../api/index.ts';
import { CommentPostFailed } from '../cli/post-comment.ts';
import { ClusterRequestFailed, ClusterUnreachable, CredentialsMissing } from '../cluster/errors.ts';
import {
  GitAuthFailed,
  GitBranchMissing,
  GitPushRejected,
  GitRemoteHeadUnborn,
  GitRemoteInvalid,
  GitRemoteUnreachable,
  GitRepositoryBroken,
} from '../git/index.ts';
import { gatherStep, proceed, runSteps, type Step } from './step-engine.ts';

type Trace = string[];
const step = (name: string, run: (t: Trace) => 'continue' | 'stop' | Error): Step<null, Trace, string> => ({
  name,
  failureReason: `${name}Failed`,
  async run(_ctx, t) {
    t.push(name);
    const r = run(t);
    if (r instanceof Error) throw r;
    return r === 'stop' ? { kind: 'stop', outcome: `stopped at ${name}` } : proceed;
  },
});

describe('step engine (controller/step-engine.ts)', () => {
  it('runs the steps in order and ends with the outcome of the first that stops', async () => {
    const trace: Trace = [];
    const end = await runSteps(
      [step('a', () => 'continue'), step('b', () => 'stop'), step('c', () => 'continue')],
      null,
      trace,
    );
    assert.equal(end.kind, 'stopped');
    assert.equal(end.kind === 'stopped' ? end.outcome : '', 'stopped at b');
    assert.deepEqual(trace, ['a', 'b']);
    assert.match(end.stepsMs, /^a:\d+,b:\d+$/);
  });
  it('stops at the first step that throws, naming it and its reason', async () => {
    const trace: Trace = [];
    const error = new GitAuthFailed('no', { url: 'u', status: 401 });
    const end = await runSteps(
      [step('a', () => 'continue'), step('b', () => error), step('c', () => 'stop')],
      null,
      trace,
    );
    assert.deepEqual(end.kind === 'failed' ? end.failure : undefined, {
      step: 'b',
      reason: 'bFailed',
      error,
      transient: false,
    });
    assert.deepEqual(trace, ['a', 'b']);
  });
  it('running out of steps is a failure with reason NoOutcome', async () => {
    const end = await runSteps([step('a', () => 'continue')], null, []);
    assert.deepEqual(end.kind === 'failed' ? [end.failure.step, end.failure.reason, end.failure.transient] : [], [
      'end',
      'NoOutcome',
      false,
    ]);
  });
  it('gatherStep takes a step of another pass and always goes on', async () => {
    const trace: Trace = [];
    const end = await runSteps(
      [gatherStep<null, Trace, string>(step('a', () => 'stop')), step('b', () => 'stop')],
      null,
      trace,
    );
    assert.equal(end.kind === 'stopped' ? end.outcome : '', 'stopped at b');
  });
});

describe('transient or terminal: the error type says (FlotillaError.transient, E6)', () => {
  const status = (code: number) => ({ code, reason: 'R', message: 'm', causes: [] });
  const cases: { name: string; error: unknown; transient: boolean }[] = [
    { name: 'GitRemoteUnreachable', error: new GitRemoteUnreachable('x', { url: 'u' }), transient: true },
    { name: 'GitRemoteInvalid', error: new GitRemoteInvalid('x', { url: 'u' }), transient: true },
    { name: 'GitPushRejected', error: new GitPushRejected('x', { branch: 'b', attempts: 3 }), transient: true },
    { name: 'GitBranchMissing', error: new GitBranchMissing('x', { branch: 'b', location: 'l' }), transient: true },
    { name: 'GitAuthFailed', error: new GitAuthFailed('x', { url: 'u', status: 401 }), transient: false },
    { name: 'GitRepositoryBroken', error: new GitRepositoryBroken('x', { gitdir: 'g' }), transient: false },
    { name: 'GitRemoteHeadUnborn', error: new GitRemoteHeadUnborn('x', { url: 'u' }), transient: false },
    {
      name: 'ClusterUnreachable',
      error: new ClusterUnreachable({ cluster: 'm1', reason: 'refused' }),
      transient: true,
    },
    {
      name: 'ClusterRequestFailed 409',
      error: new ClusterRequestFailed({ cluster: 'm1', what: 'apply', status: status(409) }),
      transient: true,
    },
    {
      name: 'ClusterRequestFailed 503',
      error: new ClusterRequestFailed({ cluster: 'm1', what: 'apply', status: status(503) }),
      transient: true,
    },
    {
      name: 'ClusterRequestFailed 422',
      error: new ClusterRequestFailed({ cluster: 'm1', what: 'apply', status: status(422) }),
      transient: false,
    },
    {
      name: 'CredentialsMissing',
      error: new CredentialsMissing({ cluster: 'm1', detail: 'no context' }),
      transient: false,
    },
    {
      name: 'CommentPostFailed 502',
      error: new CommentPostFailed('x', { provider: 'github', method: 'POST', url: 'u', status: 502, transient: true }),
      transient: true,
    },
    {
      name: 'CommentPostFailed 404',
      error: new CommentPostFailed('x', {
        provider: 'github',
        method: 'POST',
        url: 'u',
        status: 404,
        transient: false,
      }),
      transient: false,
    },
    { name: 'InternalError', error: new InternalError('bug'), transient: false },
    { name: 'a plain FlotillaError', error: new FlotillaError('x', {}), transient: false },
    { name: 'a plain Error', error: new Error('x'), transient: false },
    { name: 'a thrown string', error: 'x', transient: false },
  ];
  for (const c of cases)
    it(`${c.name}: ${c.transient ? 'transient' : 'terminal'}`, () => assert.equal(isTransient(c.error), c.transient));
});
