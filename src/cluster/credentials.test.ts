import assert from 'node:assert/strict';
import { KubeConfig } from '@kubernetes/client-node';
import { UsageError, type Cluster } from '../api/index.ts';
import { memberKubeConfig, parseContextMap } from './credentials.ts';
import { CredentialsMissing } from './errors.ts';

const kc = new KubeConfig();
kc.loadFromOptions({
  clusters: [
    { name: 'c1', server: 'https://127.0.0.1:1', skipTLSVerify: true },
    { name: 'c2', server: 'https://127.0.0.1:2', skipTLSVerify: true },
  ],
  users: [{ name: 'u' }],
  contexts: [
    { name: 'member1', cluster: 'c1', user: 'u' },
    { name: 'prod-eu', cluster: 'c2', user: 'u' },
  ],
  currentContext: 'member1',
});
const cluster = (name: string, spec?: Cluster['spec']): Cluster => ({
  apiVersion: 'cluster.karmada.io/v1alpha1',
  kind: 'Cluster',
  metadata: { name },
  ...(spec ? { spec } : {}),
});

describe('credentials', () => {
  it('parses --context-map', () =>
    assert.deepEqual(
      [...parseContextMap('eu=prod-eu, us = prod-us')],
      [
        ['eu', 'prod-eu'],
        ['us', 'prod-us'],
      ],
    ));
  for (const bad of ['eu', 'eu=', '=x', 'a=b=c', 'a=b,a=c'])
    it(`rejects --context-map "${bad}"`, () => assert.throws(() => parseContextMap(bad), UsageError));
  it('uses the context named after the cluster', async () =>
    assert.equal(
      (await memberKubeConfig(cluster('member1'), { kubeconfig: kc, contextMap: new Map() })).getCurrentCluster()
        ?.server,
      'https://127.0.0.1:1',
    ));
  it('uses a mapped context', async () =>
    assert.equal(
      (
        await memberKubeConfig(cluster('eu'), { kubeconfig: kc, contextMap: new Map([['eu', 'prod-eu']]) })
      ).getCurrentCluster()?.server,
      'https://127.0.0.1:2',
    ));
  it('fails with CredentialsMissing when nothing matches', () =>
    assert.rejects(memberKubeConfig(cluster('nope'), { kubeconfig: kc, contextMap: new Map() }), CredentialsMissing));
  it('builds a client from the hub Secret (token, caBundle) and apiEndpoint', async () => {
    const secrets = async () => ({
      token: Buffer.from('t0k').toString('base64'),
      caBundle: Buffer.from('ca').toString('base64'),
    });
    const out = await memberKubeConfig(
      cluster('edge', {
        apiEndpoint: 'https://10.0.0.1:6443',
        secretRef: { namespace: 'karmada-cluster', name: 'edge' },
      }),
      { contextMap: new Map(), hubSecrets: secrets },
    );
    assert.deepEqual([out.getCurrentCluster()?.server, out.getCurrentUser()?.token], ['https://10.0.0.1:6443', 't0k']);
  });
  it('a hub Secret without token fails with CredentialsMissing', () =>
    assert.rejects(
      memberKubeConfig(cluster('edge', { apiEndpoint: 'https://x', secretRef: { namespace: 'n', name: 's' } }), {
        contextMap: new Map(),
        hubSecrets: async () => ({}),
      }),
      CredentialsMissing,
    ));
});
