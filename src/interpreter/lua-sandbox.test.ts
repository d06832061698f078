import assert from 'node:assert/strict';
import type { KubeObject, Loaded, ResourceInterpreterCustomization } from '../api/index.ts';
import { createInterpreter, InterpreterScriptError } from './index.ts';

function customization(name: string, healthScript: string): Loaded<ResourceInterpreterCustomization> {
  const object = {
    apiVersion: 'config.karmada.io/v1alpha1',
    kind: 'ResourceInterpreterCustomization',
    metadata: { name },
    spec: {
      target: { apiVersion: 'example.io/v1alpha1', kind: 'Workload' },
      customizations: {
        healthInterpretation: { luaScript: `function InterpretHealth(observedObj)\n${healthScript}\nreturn true\nend` },
      },
    },
  };
  return {
    object: object as ResourceInterpreterCustomization,
    source: { file: 'interpreters/x.yaml', line: 1, column: 1, doc: 0 },
  } as unknown as Loaded<ResourceInterpreterCustomization>;
}
const obj = {
  apiVersion: 'example.io/v1alpha1',
  kind: 'Workload',
  metadata: { name: 'w', namespace: 'shop' },
  spec: {},
} as KubeObject;

describe('Lua sandbox: hostile scripts stop with InterpreterScriptError and the process survives', () => {
  const hostile: readonly [string, string, RegExp][] = [
    ['endless loop', 'while true do end', /instruction limit/],
    ['endless recursion in a tail call', 'local function f() return f() end f()', /instruction limit/],
    ['unbounded table growth', 'local t = {} while true do t[#t + 1] = {} end', /memory limit/],
    ['strings kept in a table', 'local t = {} for i = 1, 1e9 do t[i] = "abc" .. i end', /memory limit/],
    ['string doubling', 'local s = "xxxxxxxxxx" while true do s = s .. s end', /string too long/],
    ['huge string.rep', "local s = string.rep('x', 1e9)", /string\.rep is not supported/],
    [
      'table.concat of one string many times',
      'local t, s = {}, ("x"):gsub(".", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx") for i = 1, 30000 do t[i] = s end local c = table.concat(t) local d = table.concat({c, c, c, c, c, c, c, c, c, c, c, c})',
      /string too long/,
    ],
    [
      'gsub blow-up',
      'local s = ("x"):gsub("x", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy") for i = 1, 5 do s = s:gsub(".", s) end',
      /string too long/,
    ],
    ['os.execute', 'os.execute("rm -rf /")', /execute/],
    ['io.open', 'io.open("/etc/passwd")', /io/],
    ['require of another module', 'require("io")', /not found/],
    ['load of a chunk', 'load("return 1")()', /load is not supported/],
    ['dofile', 'dofile("/etc/passwd")', /dofile is not supported/],
    ['debug library', 'debug.getinfo(1)', /debug/],
    ['setmetatable', 'setmetatable({}, {})', /setmetatable is not supported/],
    ['math.random (no randomness in the core)', 'math.random()', /math\.random is not supported/],
    [
      'catching the limit error with pcall',
      'while true do pcall(function() while true do end end) end',
      /instruction limit/,
    ],
    [
      'a backtracking pattern (string.find)',
      'local s = "a" for i = 1, 12 do s = s .. s end string.find(s, ".-.-.-.-b")',
      /pattern "\.-\.-\.-\.-b" over 4096 bytes could backtrack/,
    ],
    [
      'a backtracking pattern (gsub, match, gmatch)',
      'local s = "ab" for i = 1, 11 do s = s .. s end for _ in s:gmatch("a*.-b*.-c") do end',
      /could backtrack/,
    ],
  ];
  for (const [name, script, message] of hostile) {
    it(name, () => {
      const interpreter = createInterpreter([customization('hostile', script)]);
      assert.throws(
        () => interpreter.interpretHealth(obj),
        (err: unknown) => {
          assert.ok(err instanceof InterpreterScriptError);
          assert.deepEqual(err.data, {
            customization: 'hostile',
            operation: 'InterpretHealth',
            resource: 'Workload shop/w',
          });
          assert.match(err.message, message);
          return true;
        },
      );
    });
  }

  it('a script that hit a limit is not run again for the next object of its kind in the same plan', () => {
    const interpreter = createInterpreter([customization('hostile', 'while true do end')]);
    assert.throws(() => interpreter.interpretHealth(obj), /instruction limit/);
    const other = { ...obj, metadata: { name: 'w2', namespace: 'shop' } } as KubeObject;
    assert.throws(
      () => interpreter.interpretHealth(other),
      (err: unknown) => {
        assert.ok(err instanceof InterpreterScriptError);
        assert.equal(err.data.resource, 'Workload shop/w2');
        assert.match(err.message, /not run, the script already exceeded a limit on Workload shop\/w/);
        return true;
      },
    );
  });
  it('ordinary patterns still match', () => {
    const interpreter = createInterpreter([
      customization(
        'patterns',
        'local v = "registry.example.com/app:1.2.3" assert(v:match("^(.-)/") == "registry.example.com") assert(select(2, v:gsub("%.", "")) == 4) assert(string.find(v, ":", 1, true) == 25) for w in ("a=1,b=2"):gmatch("(%w+)=(%w+)") do end',
      ),
    ]);
    assert.equal(interpreter.interpretHealth(obj), true);
  });
  it('bytecode is refused', () => {
    const interpreter = createInterpreter([customization('bytecode', '')]);
    assert.equal(interpreter.interpretHealth(obj), true);
    const binary = {
      ...customization('bin', ''),
      object: {
        ...customization('bin', '').object,
        spec: {
          target: { apiVersion: 'example.io/v1alpha1', kind: 'Workload' },
          customizations: { healthInterpretation: { luaScript: '\u001bLua' } },
        },
      },
    } as Loaded<ResourceInterpreterCustomization>;
    assert.throws(() => createInterpreter([binary]).interpretHealth(obj), InterpreterScriptError);
  });

  it('a failed call leaves the next call unaffected (fresh state per call)', () => {
    const interpreter = createInterpreter([customization('leaky', 'if leaked then error("leak") end leaked = true')]);
    assert.equal(interpreter.interpretHealth(obj), true);
    assert.equal(interpreter.interpretHealth(obj), true);
  });
});

describe('Lua semantics as in gopher-lua (Karmada, Lua 5.1)', () => {
  const cases: readonly [string, string][] = [
    [
      'whole floats print without a fraction',
      'assert(tostring(6 / 2) == "3") assert(("x" .. 6 / 2) == "x3") assert(string.format("%s", 4 / 2) == "2")',
    ],
    ['fractions print as Go does', 'assert(tostring(7 / 2) == "3.5") assert(tostring(0.00001) == "1e-05")'],
    [
      'JSON numbers are floats and do not wrap at 32 bits',
      'assert(observedObj.spec.big * 2 == 8589934592) assert(tostring(observedObj.spec.big) == "4294967296")',
    ],
    [
      'Lua 5.1 names',
      'assert(unpack({1, 2})) assert(math.pow(2, 3) == 8) assert(table.getn({1, 2}) == 2) assert(string.gfind)',
    ],
    [
      'os.date and os.time read the given now',
      'assert(os.date("!%Y-%m-%dT%H:%M:%SZ") == "2024-05-01T02:03:04Z") assert(os.time() == 1714528984)',
    ],
    [
      'kube.resourceAdd',
      'local kube = require("kube") assert(kube.resourceAdd("1Gi", "512Mi", nil) == "1536Mi") assert(kube.getResourceQuantity("500m") == 0.5)',
    ],
  ];
  for (const [name, script] of cases) {
    it(name, () => {
      const interpreter = createInterpreter([customization('semantics', script)], { now: '2024-05-01T02:03:04Z' });
      assert.equal(interpreter.interpretHealth({ ...obj, spec: { big: 4294967296 } } as KubeObject), true);
    });
  }
});
