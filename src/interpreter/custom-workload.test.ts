/** A customisation of our own, in Karmada's format, for a custom workload kind: every operation. */
import assert from 'node:assert/strict';
import type { KubeObject, Loaded, ResourceInterpreterCustomization } from '../api/index.ts';
import { createInterpreter } from './index.ts';

const scripts = {
  replicaResource: `
local kube = require("kube")
function GetReplicas(obj)
  local replica = obj.spec.replicas or 1
  return replica, kube.accuratePodRequirements(obj.spec.template)
end`,
  replicaRevision: `
function ReviseReplica(obj, desiredReplica)
  obj.spec.replicas = desiredReplica
  return obj
end`,
  retention: `
function Retain(desiredObj, observedObj)
  if observedObj.spec.paused ~= nil then desiredObj.spec.paused = observedObj.spec.paused end
  return desiredObj
end`,
  statusAggregation: `
function AggregateStatus(desiredObj, statusItems)
  if statusItems == nil then return desiredObj end
  local ready, clusters = 0, {}
  for i = 1, #statusItems do
    if statusItems[i].status ~= nil and statusItems[i].status.readyReplicas ~= nil then
      ready = ready + statusItems[i].status.readyReplicas
    end
    table.insert(clusters, statusItems[i].clusterName)
  end
  desiredObj.status = { readyReplicas = ready, clusters = table.concat(clusters, ","), conditions = {} }
  return desiredObj
end`,
  healthInterpretation: `
function InterpretHealth(observedObj)
  return observedObj.status ~= nil and observedObj.status.readyReplicas == observedObj.spec.replicas
end`,
  statusReflection: `
function ReflectStatus(observedObj)
  if observedObj.status == nil then return {} end
  return { readyReplicas = observedObj.status.readyReplicas, note = "ready " .. observedObj.status.readyReplicas / 1 }
end`,
  dependencyInterpretation: `
local kube = require("kube")
function GetDependencies(desiredObj)
  local refs = kube.getPodDependencies(desiredObj.spec.template, desiredObj.metadata.namespace) or {}
  table.insert(refs, { apiVersion = "v1", kind = "ConfigMap", namespace = desiredObj.metadata.namespace, name = "workload-settings" })
  return refs
end`,
};

const customization = {
  object: {
    apiVersion: 'config.karmada.io/v1alpha1',
    kind: 'ResourceInterpreterCustomization',
    metadata: { name: 'example-workload' },
    spec: {
      target: { apiVersion: 'example.io/v1alpha1', kind: 'Workload' },
      customizations: Object.fromEntries(Object.entries(scripts).map(([k, v]) => [k, { luaScript: v }])),
    },
  },
  source: { file: 'interpreters/workload.yaml', line: 1, column: 1, doc: 0 },
} as unknown as Loaded<ResourceInterpreterCustomization>;

const workload = {
  apiVersion: 'example.io/v1alpha1',
  kind: 'Workload',
  metadata: { name: 'web', namespace: 'shop', generation: 2 },
  spec: {
    replicas: 3,
    paused: false,
    strategy: {},
    template: {
      spec: {
        serviceAccountName: 'web',
        containers: [
          {
            name: 'app',
            image: 'app:1',
            envFrom: [{ secretRef: { name: 'web-env' } }],
            resources: { requests: { cpu: '250m', memory: '256Mi' } },
          },
        ],
      },
    },
  },
} as unknown as KubeObject;

describe('a custom workload kind with a customisation for every operation', () => {
  const interpreter = createInterpreter([customization]);

  it('GetReplicas: the script replicas and kube.accuratePodRequirements', () => {
    assert.deepEqual(interpreter.getReplicas(workload), {
      replicas: 3,
      requirements: { resourceRequest: { cpu: '250m', memory: '256Mi' } },
    });
    assert.equal(interpreter.hasReplicas('example.io/v1alpha1', 'Workload'), true);
  });
  it('ReviseReplica: the object with the new count, empty objects kept as {}', () => {
    const out = interpreter.reviseReplica(workload, 5) as unknown as { spec: { replicas: number; strategy: unknown } };
    assert.equal(out.spec.replicas, 5);
    assert.deepEqual(out.spec.strategy, {});
  });
  it('Retain: the member-owned field is kept', () => {
    const observed = { ...workload, spec: { ...(workload['spec'] as object), paused: true } } as KubeObject;
    assert.equal(
      (interpreter.retain(workload, observed) as unknown as { spec: { paused: boolean } }).spec.paused,
      true,
    );
  });
  it('AggregateStatus: summed, and empty tables the inputs never had are dropped', () => {
    const out = interpreter.aggregateStatus(workload, [
      { clusterName: 'member1', status: { readyReplicas: 2 } },
      { clusterName: 'member2', status: { readyReplicas: 1 } },
    ]);
    assert.deepEqual(out['status'], { clusters: 'member1,member2', readyReplicas: 3 });
    assert.equal(interpreter.aggregateStatus(workload, null)['status'], undefined);
  });
  it('InterpretHealth: from the observed status', () => {
    assert.equal(interpreter.interpretHealth({ ...workload, status: { readyReplicas: 3 } } as KubeObject), true);
    assert.equal(interpreter.interpretHealth({ ...workload, status: { readyReplicas: 1 } } as KubeObject), false);
  });
  it('ReflectStatus: integers stay integers', () => {
    assert.deepEqual(interpreter.reflectStatus({ ...workload, status: { readyReplicas: 3 } } as KubeObject), {
      note: 'ready 3',
      readyReplicas: 3,
    });
    assert.deepEqual(interpreter.reflectStatus(workload), {});
  });
  it('InterpretDependency: kube.getPodDependencies plus the script own, sorted', () => {
    assert.deepEqual(interpreter.interpretDependency(workload), [
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'workload-settings' },
      { apiVersion: 'v1', kind: 'Secret', namespace: 'shop', name: 'web-env' },
      { apiVersion: 'v1', kind: 'ServiceAccount', namespace: 'shop', name: 'web' },
    ]);
  });
  it('native kinds are untouched by a customisation for another kind', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { replicas: 2, template: { spec: { containers: [] } } },
    } as unknown as KubeObject;
    assert.deepEqual(interpreter.getReplicas(deployment), { replicas: 2 });
  });
});
