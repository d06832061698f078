/**
 * imageOverrider: rewrites the Registry, Repository or Tag of images (Karmada
 * pkg/util/overridemanager/imageoverride.go). Without a predicate it rewrites every container image
 * of an auto-detected workload; with one it rewrites the single image at `predicate.path`.
 */
import { isPlainObject, type ImageOverrider, type JsonObject, type JsonValue } from '../api/index.ts';
import {
  formatImage,
  parseImage,
  tagOrDigest,
  withTagOrDigest,
  withoutTagOrDigest,
  type ImageComponents,
} from './image-reference.ts';
import { applyJsonPatch, type PatchOperation } from './json-patch.ts';
import { applied, failed, pathMissing, type StepOutcome } from './outcome.ts';
import { containersPath, lookup, pointerOf } from './workload-containers.ts';

/** Applies one image overrider to a copy of the document. */
export function applyImageOverrider(doc: JsonObject, overrider: ImageOverrider): StepOutcome {
  const patches = overrider.predicate
    ? predicatePatches(doc, overrider, overrider.predicate.path)
    : autoDetectedPatches(doc, overrider);
  if (patches.kind === 'Failed') return patches;
  return applyJsonPatch(doc, patches.value);
}

/** Every `containers[i].image` of a Pod or pod-template workload; nothing for other kinds. */
function autoDetectedPatches(doc: JsonObject, overrider: ImageOverrider): StepOutcome<PatchOperation[]> {
  const path = containersPath(String(doc['kind'] ?? ''));
  if (!path) return applied([]);
  const found = lookup(doc, path);
  if (found.kind === 'Absent') return applied([]);
  if (found.kind === 'NotAnObject') return failed(`${found.at} is not an object`);
  const containers = found.value;
  if (!Array.isArray(containers)) return failed(`${pointerOf(path)} is not a list of containers`);
  const patches: PatchOperation[] = [];
  for (const [i, container] of containers.entries()) {
    const imagePath = pointerOf([...path, i, 'image']);
    if (!isPlainObject(container)) return failed(`${pointerOf([...path, i])} is not a container`);
    const image = container['image'] ?? '';
    if (typeof image !== 'string') return failed(`${imagePath} is not a string`);
    const next = overrideImage(image, overrider, imagePath);
    if (next.kind === 'Failed') return next;
    patches.push({ op: 'replace', path: imagePath, value: next.value });
  }
  return applied(patches);
}

function predicatePatches(doc: JsonObject, overrider: ImageOverrider, path: string): StepOutcome<PatchOperation[]> {
  if (!path.startsWith('/')) return failed(`predicate path ${path} must start with "/"`);
  const image = imageAt(doc, path);
  if (image.kind === 'Failed') return image;
  const next = overrideImage(image.value, overrider, path);
  if (next.kind === 'Failed') return next;
  return applied([{ op: 'replace', path, value: next.value }]);
}

/**
 * Reads the image at a predicate path the way Karmada's obtainImageValue walks it: segments split on
 * '/' without pointer unescaping, a list consumes the next segment as its index, and the last
 * segment must name a string field of an object.
 */
function imageAt(doc: JsonObject, path: string): StepOutcome<string> {
  const segments = path.replace(/^\/+|\/+$/g, '').split('/');
  let current: JsonObject = doc;
  for (let i = 0; i < segments.length - 1; i++) {
    const seg = segments[i] ?? '';
    const next: JsonValue | undefined = current[seg];
    if (isPlainObject(next)) {
      current = next;
    } else if (Array.isArray(next)) {
      const index = segments[i + 1] ?? '';
      if (!/^[+-]?\d+$/.test(index)) return failed(`predicate path ${path}: segment ${index} is not a list index`);
      const element = next[Number(index)];
      if (element === undefined) return pathMissing(`predicate path ${path} does not exist`);
      if (!isPlainObject(element)) return failed(`predicate path ${path}: element ${index} of ${seg} is not an object`);
      current = element;
      i++;
    } else if (next === undefined) {
      return pathMissing(`predicate path ${path} does not exist`);
    } else {
      return failed(`predicate path ${path}: ${seg} is neither an object nor a list`);
    }
  }
  const value = current[segments[segments.length - 1] ?? ''];
  if (value === undefined) return pathMissing(`predicate path ${path} does not exist`);
  if (typeof value !== 'string') return failed(`predicate path ${path} is not a string`);
  return applied(value);
}

/**
 * The new image text. `add` appends to the component's text (Registry `registry.io` + `.test`
 * → `registry.io.test`; an empty registry + `registry.k8s.io` → `registry.k8s.io`); Tag edits go
 * through SetTagOrDigest, so a result that is neither a valid tag nor a digest leaves the image as is.
 */
function overrideImage(image: string, o: ImageOverrider, at: string): StepOutcome<string> {
  const parsed = parseImage(image);
  if (parsed.kind === 'Invalid') return failed(`image "${image}" at ${at} cannot be parsed: ${parsed.reason}`);
  const value = o.value ?? '';
  return applied(formatImage(overrideComponent(parsed.image, o.component, o.operator, value)));
}

function overrideComponent(
  c: ImageComponents,
  component: ImageOverrider['component'],
  op: ImageOverrider['operator'],
  value: string,
): ImageComponents {
  switch (component) {
    case 'Registry':
      return op === 'add'
        ? { ...c, hostname: c.hostname + value }
        : op === 'replace'
          ? { ...c, hostname: value }
          : { ...c, hostname: '' };
    case 'Repository':
      return op === 'add'
        ? { ...c, repository: c.repository + value }
        : op === 'replace'
          ? { ...c, repository: value }
          : { ...c, repository: '' };
    case 'Tag':
      return op === 'add'
        ? withTagOrDigest(c, tagOrDigest(c) + value)
        : op === 'replace'
          ? withTagOrDigest(c, value)
          : withoutTagOrDigest(c);
    default:
      return c;
  }
}
