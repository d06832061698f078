import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { KubeObject } from '../api/index.ts';
import { durationMs, podObservations } from './pod-metrics.ts';

const pod = (name: string, over: Record<string, unknown> = {}): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      containers: [
        { resources: { requests: { cpu: '100m', memory: '64Mi' } } },
        { resources: { requests: { cpu: '0.2' } } },
      ],
    },
    status: {
      phase: 'Running',
      startTime: '2026-01-01T00:00:00Z',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:05Z' }],
    },
    ...over,
  }) as unknown as KubeObject;

const sample = (name: string, cpu: string[]): KubeObject =>
  ({
    apiVersion: 'metrics.k8s.io/v1beta1',
    kind: 'PodMetrics',
    metadata: { name },
    timestamp: '2026-01-01T00:01:00Z',
    window: '20.5s',
    containers: cpu.map((c) => ({ usage: { cpu: c, memory: '10Mi' } })),
  }) as unknown as KubeObject;

describe('cluster: podObservations (pods and metrics.k8s.io samples)', () => {
  it('sums requests and usage over containers; a resource some container does not request is absent', () => {
    const [o] = podObservations('member1', [pod('web-1')], [sample('web-1', ['150m', '50m'])], ['cpu', 'memory']);
    assert.deepEqual(o, {
      cluster: 'member1',
      name: 'web-1',
      phase: 'Running',
      deleting: false,
      ready: { status: 'True', lastTransitionTime: Date.parse('2026-01-01T00:00:05Z') },
      startTime: Date.parse('2026-01-01T00:00:00Z'),
      requestsMilli: { cpu: 300 },
      usage: {
        milli: { cpu: 200, memory: 20 * 1024 * 1024 * 1000 },
        timestamp: Date.parse('2026-01-01T00:01:00Z'),
        windowMs: 20_500,
      },
    });
  });

  it('a pod without a sample has no usage, and a deleting pod says so', () => {
    const [o] = podObservations(
      'member2',
      [pod('web-2', { metadata: { name: 'web-2', deletionTimestamp: '2026-01-01T00:02:00Z' } })],
      [],
      ['cpu'],
    );
    assert.deepEqual([o?.usage, o?.deleting], [undefined, true]);
  });

  const durations: [string, number][] = [
    ['30s', 30_000],
    ['1m0s', 60_000],
    ['20.5s', 20_500],
    ['1h2m3s', 3_723_000],
    ['', 0],
  ];
  for (const [text, ms] of durations)
    it(`durationMs(${JSON.stringify(text)}) = ${ms}`, () => assert.equal(durationMs(text), ms));
});
