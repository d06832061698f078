/**
 * commandOverrider / argsOverrider: add or remove entries of a named container's `command` or `args`
 * (Karmada pkg/util/overridemanager/commandargsoverride.go). Containers are found only in
 * auto-detected workloads (workload-containers.ts); every container with the name is changed.
 */
import { isPlainObject, type CommandArgsOverrider, type JsonObject } from '../api/index.ts';
import { applyJsonPatch, type PatchOperation } from './json-patch.ts';
import { applied, failed, type StepOutcome } from './outcome.ts';
import { containersPath, lookup, pointerOf } from './workload-containers.ts';

/** Which container field an overrider edits. */
export type CommandOrArgs = 'command' | 'args';

/**
 * Applies one command/args overrider to a copy of the document.
 *
 * | field before   | add [x]          | remove [a]                  |
 * |----------------|------------------|-----------------------------|
 * | absent or null | added as [x]     | added as [] (as Karmada)    |
 * | [a, b, a]      | [a, b, a, x]     | [b] (every occurrence)      |
 */
export function applyCommandArgsOverrider(
  doc: JsonObject,
  field: CommandOrArgs,
  overrider: CommandArgsOverrider,
): StepOutcome {
  const patches = buildPatches(doc, field, overrider);
  if (patches.kind === 'Failed') return patches;
  return applyJsonPatch(doc, patches.value);
}

function buildPatches(doc: JsonObject, field: CommandOrArgs, o: CommandArgsOverrider): StepOutcome<PatchOperation[]> {
  const path = containersPath(String(doc['kind'] ?? ''));
  if (!path) return applied([]);
  const found = lookup(doc, path);
  if (found.kind === 'Absent') return applied([]);
  if (found.kind === 'NotAnObject') return failed(`${found.at} is not an object`);
  if (!Array.isArray(found.value)) return failed(`${pointerOf(path)} is not a list of containers`);
  const patches: PatchOperation[] = [];
  for (const [i, container] of found.value.entries()) {
    if (!isPlainObject(container)) return failed(`${pointerOf([...path, i])} is not a container`);
    if (container['name'] !== o.containerName) continue;
    const at = pointerOf([...path, i, field]);
    const current = container[field];
    if (current === undefined || current === null) {
      patches.push({ op: 'add', path: at, value: edit([], o) });
    } else if (Array.isArray(current)) {
      patches.push({
        op: 'replace',
        path: at,
        value: edit(
          current.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
          o,
        ),
      });
    } else {
      return failed(`${at} is not a list of strings`);
    }
  }
  return applied(patches);
}

/** Karmada overrideCommandArgs: add appends, remove drops every entry equal to one of the values. */
function edit(current: readonly string[], o: CommandArgsOverrider): string[] {
  const values = o.value ?? [];
  switch (o.operator) {
    case 'add':
      return [...current, ...values];
    case 'remove':
      return current.filter((v) => !values.includes(v));
    default:
      return [...current];
  }
}
