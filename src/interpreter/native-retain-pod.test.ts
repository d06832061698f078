/**
 * Pod retention writes the member's fields as Karmada's typed Pod does (retain.go retainPodFields
 * round-trips through corev1.Pod): an empty volumes or volumeMounts list is omitted (`omitempty`),
 * like an empty nodeName or serviceAccountName.
 */
import assert from 'node:assert/strict';
import { native, obj } from './karmada-native.test-support.ts';

describe('native Retain of a Pod: empty member fields are omitted', () => {
  it('empty volumes and volumeMounts on the member leave none on the desired Pod', () => {
    const desired = obj('v1', 'Pod', {
      spec: {
        nodeName: 'n2',
        volumes: [{ name: 'v', emptyDir: {} }],
        containers: [{ name: 'a', volumeMounts: [{ name: 'v', mountPath: '/v' }] }],
        initContainers: [{ name: 'i', volumeMounts: [{ name: 'v', mountPath: '/v' }] }],
      },
    });
    const observed = obj('v1', 'Pod', {
      spec: {
        nodeName: '',
        volumes: [],
        containers: [{ name: 'a', volumeMounts: [] }],
        initContainers: [{ name: 'i', volumeMounts: [] }],
      },
    });
    assert.deepEqual(
      native.retain(desired, observed),
      obj('v1', 'Pod', { spec: { containers: [{ name: 'a' }], initContainers: [{ name: 'i' }] } }),
    );
  });
});
