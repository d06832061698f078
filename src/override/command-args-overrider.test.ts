import assert from 'node:assert/strict';
import type { CommandArgsOverrider, JsonObject, JsonValue } from '../api/index.ts';
import { configMap, deployment, pod } from './builders.test.ts';
import { applyCommandArgsOverrider, type CommandOrArgs } from './command-args-overrider.ts';

const toolbox = pod('t', [
  { name: 'toolbox', image: 'busybox', command: ['sleep', '3600', 'sleep'] },
  { name: 'side', image: 'busybox' },
]);

const cases: {
  name: string;
  doc: JsonObject;
  field: CommandOrArgs;
  o: CommandArgsOverrider;
  want: { index: number; value: JsonValue | undefined };
}[] = [
  {
    name: 'add appends',
    doc: toolbox,
    field: 'command',
    o: { containerName: 'toolbox', operator: 'add', value: ['7200'] },
    want: { index: 0, value: ['sleep', '3600', 'sleep', '7200'] },
  },
  {
    name: 'remove drops every occurrence',
    doc: toolbox,
    field: 'command',
    o: { containerName: 'toolbox', operator: 'remove', value: ['sleep'] },
    want: { index: 0, value: ['3600'] },
  },
  {
    name: 'add creates the field',
    doc: toolbox,
    field: 'args',
    o: { containerName: 'side', operator: 'add', value: ['-v'] },
    want: { index: 1, value: ['-v'] },
  },
  {
    name: 'remove on an absent field adds an empty list (as Karmada)',
    doc: toolbox,
    field: 'args',
    o: { containerName: 'side', operator: 'remove', value: ['-v'] },
    want: { index: 1, value: [] },
  },
  {
    name: 'another container is untouched',
    doc: toolbox,
    field: 'command',
    o: { containerName: 'side', operator: 'add', value: ['x'] },
    want: { index: 0, value: ['sleep', '3600', 'sleep'] },
  },
  {
    name: 'an unknown container name changes nothing',
    doc: toolbox,
    field: 'args',
    o: { containerName: 'nope', operator: 'add', value: ['x'] },
    want: { index: 1, value: undefined },
  },
  {
    name: 'Deployment containers are auto-detected',
    doc: deployment('d', [{ name: 'web', image: 'nginx', args: ['-c'] }]),
    field: 'args',
    o: { containerName: 'web', operator: 'add', value: ['x'] },
    want: { index: 0, value: ['-c', 'x'] },
  },
];

function containers(doc: JsonObject): JsonObject[] {
  const spec = doc['spec'] as JsonObject;
  const podSpec = doc['kind'] === 'Pod' ? spec : ((spec['template'] as JsonObject)['spec'] as JsonObject);
  return podSpec['containers'] as JsonObject[];
}

describe('applyCommandArgsOverrider', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = applyCommandArgsOverrider(c.doc, c.field, c.o);
      assert.equal(got.kind, 'Applied');
      if (got.kind === 'Applied')
        assert.deepEqual(containers(got.value as JsonObject)[c.want.index]?.[c.field], c.want.value);
    });
  }
  it('does nothing for kinds Karmada does not auto-detect', () => {
    const cm = configMap('c', { a: 'b' });
    assert.deepEqual(applyCommandArgsOverrider(cm, 'command', { containerName: 'x', operator: 'add', value: ['y'] }), {
      kind: 'Applied',
      value: cm,
    });
  });
  it('fails when the field is not a list', () => {
    const got = applyCommandArgsOverrider(pod('p', [{ name: 'a', command: 'sleep' }]), 'command', {
      containerName: 'a',
      operator: 'add',
      value: ['1'],
    });
    assert.equal(got.kind === 'Failed' && got.code, 'OverrideFailed');
  });
  it('leaves its input alone', () => {
    const before = JSON.stringify(toolbox);
    applyCommandArgsOverrider(toolbox, 'command', { containerName: 'toolbox', operator: 'add', value: ['x'] });
    assert.equal(JSON.stringify(toolbox), before);
  });
});
