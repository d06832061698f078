/**
 * `flotilla interpret`: runs one resource interpreter operation on an object, like
 * `karmadactl interpret`, with the ResourceInterpreterCustomizations of a fleet repo taking part.
 * Gather (files, the repo's customisations, the clock), decide (one interpreter call), print.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import {
  FlotillaError,
  isPlainObject,
  UsageError,
  type JsonObject,
  type JsonValue,
  type KubeObject,
} from '../../api/index.ts';
import {
  createInterpreter,
  operations,
  type AggregatedStatusItem,
  type Interpreter,
  type Operation,
} from '../../interpreter/index.ts';
import { loadSnapshot } from '../../plan/index.ts';
import { readRevision } from '../../source/index.ts';
import { defineCommand } from '../command.ts';
import { flag, type FlagValues } from '../flags.ts';
import { exitOk } from '../io.ts';
import { toJsonText, toYamlText } from '../output.ts';
import { integerAtLeast } from '../shared-flags.ts';

/** An input file cannot be read or is not a Kubernetes object. */
export class InterpretInputUnreadable extends FlotillaError<{ file: string }> {}

/** The files an operation reads. */
interface Inputs {
  readonly object?: KubeObject | undefined;
  readonly observed?: KubeObject | undefined;
  /** null without --status-file: no items collected (Lua scripts see nil). */
  readonly statusItems: readonly AggregatedStatusItem[] | null;
  readonly desiredReplica?: number | undefined;
}

const interpretFlags = {
  operation: flag.parsed('OP', toOperation, `the operation (case-insensitive): ${operations.join(', ')}`),
  filename: flag.string('OBJECT', 'the object (YAML or JSON)', { short: 'f' }),
  'observed-file': flag.string('FILE', 'the object as a member reports it'),
  'status-file': flag.string('FILE', 'a list of {clusterName, status, applied, health}'),
  'desired-replica': flag.parsed('N', integerAtLeast(0), 'the replicas ReviseReplica sets'),
  repo: flag.string('DIR', 'fleet repo whose ResourceInterpreterCustomizations take part'),
  output: flag.oneOf(['json', 'yaml'], 'output format', { short: 'o', default: 'json', metavar: 'FORMAT' }),
};

/** `flotilla interpret`: the command definition (K1). */
export const interpretCommand = defineCommand({
  name: 'interpret',
  summary: 'Run one resource interpreter operation on an object',
  maxPositionals: 0,
  flags: interpretFlags,
  about: `Run one resource interpreter operation, as 'karmadactl interpret' does.

Usage: flotilla interpret --operation OP -f OBJECT [--observed-file FILE] [--status-file FILE]
                          [--desired-replica N] [--repo DIR] [-o json|yaml]

Operations (case-insensitive) and what they read and print:
  GetReplicas          -f                     {"replicas": N, "requirements": {...}}
  ReviseReplica        -f, --desired-replica  the revised object
  Retain               -f (desired), --observed-file
                                              the desired object with member-owned fields kept
  AggregateStatus      -f, --status-file      the object with its aggregated status
  InterpretHealth      -f or --observed-file  {"healthy": true|false}
  InterpretDependency  -f or --observed-file  {"dependencies": [...]}
  ReflectStatus        -f or --observed-file  {"status": {...} | null}

Files may be YAML or JSON. --status-file holds a list of {clusterName, status, applied, health}.
With --repo, the ResourceInterpreterCustomizations of that fleet repo override the native
behaviour for their target kinds; Lua scripts run in a sandbox with instruction and memory limits.
Scripts see the current time through os.time/os.date.`,
  footer: `Exit status:
  0  the operation ran; its result is on stdout
  2  usage error, an unreadable file, or a customisation script failed

Examples:
  # Replicas and per-replica requirements of a Deployment
  flotilla interpret --operation GetReplicas -f apps/web.yaml

  # Health of a CloneSet as a member reports it, using the repo's customisations
  flotilla interpret --operation InterpretHealth --observed-file observed.yaml --repo examples/fleet-repo

  # Aggregate the members' statuses into the template's status, as YAML
  flotilla interpret --operation AggregateStatus -f apps/web.yaml --status-file status.yaml -o yaml
`,
  async run(values, _positionals, io) {
    const output = values.output;
    const operation = values.operation;
    if (!operation) throw new UsageError(`--operation is required, one of: ${operations.join(', ')}`);
    const inputs = await readInputs(values, io.cwd);
    const repo = values.repo;
    const customizations = repo
      ? loadSnapshot(await readRevision({ kind: 'directory', dir: path.resolve(io.cwd, repo) })).fleet.customizations
      : [];
    const now = new Date(Date.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const result = interpret(createInterpreter(customizations, { now }), operation, inputs);
    io.stdout(output === 'yaml' ? toYamlText(result) : toJsonText(result));
    return exitOk;
  },
});

function toOperation(s: string): Operation {
  const op = operations.find((o) => o.toLowerCase() === s.toLowerCase());
  if (!op) throw new UsageError(`--operation must be one of: ${operations.join(', ')} (got "${s}")`);
  return op;
}

async function readInputs(values: FlagValues<typeof interpretFlags>, cwd: string): Promise<Inputs> {
  const objectFile = values.filename;
  const observedFile = values['observed-file'];
  const statusFile = values['status-file'];
  return {
    object: objectFile ? asObject(await readDocument(cwd, objectFile), objectFile) : undefined,
    observed: observedFile ? asObject(await readDocument(cwd, observedFile), observedFile) : undefined,
    statusItems: statusFile ? asStatusItems(await readDocument(cwd, statusFile), statusFile) : null,
    desiredReplica: values['desired-replica'],
  };
}

async function readDocument(cwd: string, file: string): Promise<JsonValue> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (err) {
    throw new InterpretInputUnreadable(`cannot read ${file}`, { file }, { cause: err });
  }
  try {
    return (YAML.parse(text, { maxAliasCount: 100 }) ?? null) as JsonValue;
  } catch (err) {
    throw new InterpretInputUnreadable(`${file} is neither YAML nor JSON`, { file }, { cause: err });
  }
}

function asObject(v: JsonValue, file: string): KubeObject {
  if (!isPlainObject(v) || typeof v['apiVersion'] !== 'string' || typeof v['kind'] !== 'string') {
    throw new InterpretInputUnreadable(`${file} is not a Kubernetes object (apiVersion and kind are required)`, {
      file,
    });
  }
  return { ...v, metadata: isPlainObject(v['metadata']) ? v['metadata'] : {} } as unknown as KubeObject;
}

function asStatusItems(v: JsonValue, file: string): AggregatedStatusItem[] {
  const list = Array.isArray(v) ? v : isPlainObject(v) && Array.isArray(v['items']) ? v['items'] : undefined;
  if (!list)
    throw new InterpretInputUnreadable(`${file} must hold a list of {clusterName, status, applied, health}`, { file });
  return list.map((item) => {
    const o = isPlainObject(item) ? item : {};
    return {
      clusterName: typeof o['clusterName'] === 'string' ? o['clusterName'] : '',
      ...(isPlainObject(o['status']) ? { status: o['status'] as JsonObject } : {}),
      ...(o['applied'] === true ? { applied: true } : {}),
      ...(typeof o['health'] === 'string' ? { health: o['health'] } : {}),
    };
  });
}

function need<T>(v: T | undefined, flag: string, op: Operation): T {
  if (v === undefined) throw new UsageError(`${op} needs ${flag}`);
  return v;
}

/** Runs the operation and shapes its result as karmadactl prints it (FORMAT.md). */
function interpret(interpreter: Interpreter, op: Operation, inputs: Inputs): unknown {
  const either = inputs.object ?? inputs.observed;
  switch (op) {
    case 'GetReplicas':
      return interpreter.getReplicas(need(inputs.object, '-f', op));
    case 'ReviseReplica':
      return interpreter.reviseReplica(
        need(inputs.object, '-f', op),
        need(inputs.desiredReplica, '--desired-replica', op),
      );
    case 'Retain':
      return interpreter.retain(need(inputs.object, '-f', op), need(inputs.observed, '--observed-file', op));
    case 'AggregateStatus':
      return interpreter.aggregateStatus(need(inputs.object, '-f', op), inputs.statusItems);
    case 'InterpretHealth':
      return {
        healthy: interpreter.interpretHealth(need(inputs.observed ?? inputs.object, '-f or --observed-file', op)),
      };
    case 'InterpretDependency':
      return { dependencies: interpreter.interpretDependency(need(either, '-f or --observed-file', op)) };
    case 'ReflectStatus':
      return { status: interpreter.reflectStatus(need(inputs.observed ?? inputs.object, '-f or --observed-file', op)) };
  }
}
