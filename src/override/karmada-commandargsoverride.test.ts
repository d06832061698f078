/**
 * Karmada's tables for the command and args overriders, ported case by case:
 * pkg/util/overridemanager/commandargsoverride_test.go :: TestParseJSONPatchesByCommandOverrider
 * and :: TestParseJSONPatchesByArgsOverrider. Karmada asserts the patches
 * buildCommandArgsPatches returns; flotilla applies them, so each case asserts the lists of every
 * container afterwards. No case is skipped. Two upstream names repeat; a `#2` tells them apart.
 */
import assert from 'node:assert/strict';
import type { CommandArgsOverrider, JsonObject } from '../api/index.ts';
import { applyCommandArgsOverrider } from './command-args-overrider.ts';

const cmdSrc = 'commandargsoverride_test.go :: TestParseJSONPatchesByCommandOverrider';
const argsSrc = 'commandargsoverride_test.go :: TestParseJSONPatchesByArgsOverrider';
const image = 'fictional.registry.example/imagename:v1.0.0';

function workload(kind: string, containers: JsonObject[]): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name: 'nginx', labels: { app: 'nginx' } },
    spec: {
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers } },
    },
  };
}
const nvt = ['nginx', '-v', '-t'];
const commandDeployment = workload('Deployment', [{ image: 'nginx', name: 'nginx', command: nvt }]);
const argsDeployment = workload('Deployment', [{ image: 'nginx', name: 'nginx', args: nvt }]);
const commandPod: JsonObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx', labels: { app: 'nginx' } },
  spec: { containers: [{ image, name: 'nginx', command: nvt }] },
};
// Karmada's generateTestCommandDaemonSetYaml builds a ReplicaSet; the case keeps that input.
const commandReplicaSet = workload('ReplicaSet', [{ image, name: 'nginx', command: nvt }]);
const commandStatefulSet = workload('StatefulSet', [{ image, name: 'nginx', command: nvt }]);
const twoContainers = workload('Deployment', [
  { name: 'nginx', command: nvt },
  { name: 'nginx1', command: nvt },
]);

type Case = {
  name: string;
  field: 'command' | 'args';
  doc: JsonObject;
  o: CommandArgsOverrider;
  want: Record<string, unknown>[];
};
const add = (value: string[]): CommandArgsOverrider => ({ containerName: 'nginx', operator: 'add', value });
const remove = (value: string[]): CommandArgsOverrider => ({ containerName: 'nginx', operator: 'remove', value });
const hello = "echo 'hello karmada'";

const cases: Case[] = [
  {
    name: `${cmdSrc} :: CommandArgsOverrider, resource kind: Deployment, operator: add`,
    field: 'command',
    doc: commandDeployment,
    o: add([`&& ${hello}`]),
    want: [{ command: [...nvt, `&& ${hello}`] }],
  },
  {
    name: `${cmdSrc} :: CommandArgsOverrider, resource kind: Deployment, operator: remove`,
    field: 'command',
    doc: commandDeployment,
    o: remove(['-t']),
    want: [{ command: ['nginx', '-v'] }],
  },
  {
    name: `${cmdSrc} :: CommandArgsOverrider, remove value is empty, resource kind: Deployment, operator: remove`,
    field: 'command',
    doc: commandDeployment,
    o: remove([]),
    want: [{ command: nvt }],
  },
  {
    name: `${cmdSrc} :: CommandArgsOverrider, resource has more than one container`,
    field: 'command',
    doc: twoContainers,
    o: add([hello]),
    want: [{ command: [...nvt, hello] }, { command: nvt }],
  },
  {
    name: `${cmdSrc} :: CommandArgsOverrider, resource has more than one container #2`,
    field: 'command',
    doc: twoContainers,
    o: remove(['-t']),
    want: [{ command: ['nginx', '-v'] }, { command: nvt }],
  },
  {
    name: `${cmdSrc} :: CommandArgsOverrider resource kind: Pod, operator: add`,
    field: 'command',
    doc: commandPod,
    o: add([hello]),
    want: [{ command: [...nvt, hello] }],
  },
  {
    name: `${cmdSrc} :: CommandArgsOverrider, resource kind: StatefulSet, operator: add`,
    field: 'command',
    doc: commandStatefulSet,
    o: add([hello]),
    want: [{ command: [...nvt, hello] }],
  },
  {
    name: `${cmdSrc} :: CommandArgsOverrider, resource kind: ReplicaSet, operator: remove`,
    field: 'command',
    doc: commandReplicaSet,
    o: remove(['-t']),
    want: [{ command: ['nginx', '-v'] }],
  },
  {
    name: `${cmdSrc} :: CommandArgsOverrider, resource kind: DaemonSet, operator: remove`,
    field: 'command',
    doc: commandReplicaSet,
    o: remove(['-t']),
    want: [{ command: ['nginx', '-v'] }],
  },
  {
    name: `${argsSrc} :: CommandArgsOverrider, resource kind: Deployment, operator: replace`,
    field: 'args',
    doc: argsDeployment,
    o: add([`&& ${hello}`]),
    want: [{ args: [...nvt, `&& ${hello}`] }],
  },
  {
    name: `${argsSrc} :: CommandArgsOverrider, resource kind: Deployment, operator: replace #2`,
    field: 'args',
    doc: argsDeployment,
    o: remove(['-t']),
    want: [{ args: ['nginx', '-v'] }],
  },
  {
    // A container without args gets the added list as its args; its command is untouched.
    name: `${argsSrc} :: CommandArgsOverrider, resource kind: Deployment, operator: add`,
    field: 'args',
    doc: commandDeployment,
    o: add(['-t']),
    want: [{ command: nvt, args: ['-t'] }],
  },
];

function containersOf(doc: JsonObject): Record<string, unknown>[] {
  const spec = doc['spec'] as Record<string, unknown>;
  const podSpec = doc['kind'] === 'Pod' ? spec : ((spec['template'] as Record<string, unknown>)['spec'] as JsonObject);
  return podSpec['containers'] as Record<string, unknown>[];
}

describe('Karmada commandargsoverride_test.go', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = applyCommandArgsOverrider(c.doc, c.field, c.o);
      assert.equal(got.kind, 'Applied', got.kind === 'Failed' ? got.reason : '');
      if (got.kind !== 'Applied') return;
      const containers = containersOf(got.value as JsonObject);
      assert.equal(containers.length, c.want.length);
      for (const [i, want] of c.want.entries()) {
        for (const [field, list] of Object.entries(want))
          assert.deepEqual(containers[i]?.[field], list, `${i}.${field}`);
        if (!('args' in want)) assert.equal(containers[i]?.['args'], undefined);
      }
    });
  }
});
