/** The public surface of src/interpreter: Karmada's resource interpreter, native and Lua-customised. */
export { createInterpreter, type InterpreterOptions } from './interpreter.ts';
export {
  InterpreterScriptError,
  operations,
  type AggregatedStatusItem,
  type DependencyRef,
  type Interpreter,
  type Operation,
  type ReplicaInfo,
} from './types.ts';
export { defaultLuaLimits, type LuaLimits } from './lua-limits.ts';
export { resourceTemplateGenerationAnnotation } from './native-reflect.ts';
export { retainReplicasLabel } from './native-retain.ts';
