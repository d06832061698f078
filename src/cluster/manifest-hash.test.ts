import assert from 'node:assert/strict';
import type { KubeObject } from '../api/index.ts';
import { liveManifestHash, manifestHash, withManifestHash } from './manifest-hash.ts';

const cm = (data: Record<string, string>, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'a', namespace: 'shop', ...(annotations ? { annotations } : {}) },
  data,
});

describe('manifest hash (flotilla.io/manifest-hash)', () => {
  it('is the same for the same content, whatever the key order', () => {
    const a = cm({ x: '1', y: '2' }, { 'flotilla.io/binding': 'b' });
    const b: KubeObject = {
      data: { y: '2', x: '1' },
      metadata: { annotations: { 'flotilla.io/binding': 'b' }, namespace: 'shop', name: 'a' },
      kind: 'ConfigMap',
      apiVersion: 'v1',
    };
    assert.equal(manifestHash(a), manifestHash(b));
  });
  it('changes with any value', () => assert.notEqual(manifestHash(cm({ x: '1' })), manifestHash(cm({ x: '2' }))));
  it('leaves its own annotation out, so a stamped manifest hashes as the bare one', () => {
    const m = cm({ x: '1' }, { 'flotilla.io/binding': 'b' });
    const stamped = withManifestHash(m, manifestHash(m));
    assert.equal(manifestHash(stamped), manifestHash(m));
    assert.equal(liveManifestHash(stamped), manifestHash(m));
    assert.deepEqual(Object.keys(stamped.metadata.annotations ?? {}), [
      'flotilla.io/binding',
      'flotilla.io/manifest-hash',
    ]);
    assert.equal(m.metadata.annotations?.['flotilla.io/manifest-hash'], undefined, 'the input is not changed');
  });
});
