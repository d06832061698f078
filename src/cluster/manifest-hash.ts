/**
 * `flotilla.io/manifest-hash`: what flotilla's apply stamps on each object instead of the source
 * revision. It is a hash of the manifest as rendered (before Retain), so it changes exactly when
 * the desired content does: an unchanged object is never rewritten by a new commit, and a live
 * object whose hash matches but whose fields differ was changed by someone else (drift).
 */
import { createHash } from 'node:crypto';
import { canonicalJson, manifestHashAnnotation, sortRecord, type KubeObject } from '../api/index.ts';

/** SHA-256 (hex) of the manifest's canonical JSON, its own hash annotation left out. */
export function manifestHash(manifest: KubeObject): string {
  const { [manifestHashAnnotation]: _own, ...annotations } = manifest.metadata.annotations ?? {};
  const bare = { ...manifest, metadata: { ...manifest.metadata, annotations } };
  return createHash('sha256').update(canonicalJson(bare)).digest('hex');
}

/** The manifest with its hash annotation set (annotations sorted, D5); the input is not changed. */
export function withManifestHash(manifest: KubeObject, hash: string): KubeObject {
  const annotations = sortRecord({ ...manifest.metadata.annotations, [manifestHashAnnotation]: hash });
  return { ...manifest, metadata: { ...manifest.metadata, annotations } };
}

/** The hash a live object carries, if any. */
export function liveManifestHash(live: KubeObject): string | undefined {
  return live.metadata.annotations?.[manifestHashAnnotation];
}
