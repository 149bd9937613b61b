/**
 * Test helper: runs one function of scripts/lib/appPackage.mjs in a real Node ESM process (jest
 * runs CommonJS and cannot load .mjs) with the network switched off, and prints the outcome as JSON.
 *
 * stdin:  {"fn": "validateManifest", "args": [...]}; an argument {"$file": "/path"} becomes that
 *         file's bytes (a Buffer).
 * stdout: {"result": ..., "error": "message" | null, "networkAttempts": ["what was tried", ...]}
 */
import fs from 'node:fs';
import net from 'node:net';

const networkAttempts = [];
// Installed before the library is imported, so even import-time network use would be caught.
globalThis.fetch = async (input) => {
  networkAttempts.push(`fetch ${String(input?.url ?? input)}`);
  throw new Error('The network is disabled in this test.');
};
net.Socket.prototype.connect = function connect(...args) {
  const [target] = Array.isArray(args[0]) ? args[0] : args;
  const where =
    target && typeof target === 'object'
      ? `${target.host ?? target.path}:${target.port ?? ''}`
      : String(target);
  networkAttempts.push(`socket ${where}`);
  throw new Error('The network is disabled in this test.');
};

function decode(value) {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    if (typeof value.$file === 'string') return fs.readFileSync(value.$file);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { fn, args } = JSON.parse(input);

const output = { result: null, error: null, networkAttempts };
try {
  const lib = await import('../../scripts/lib/appPackage.mjs');
  if (typeof lib[fn] !== 'function') throw new Error(`appPackage.mjs has no function ${fn}`);
  output.result = await lib[fn](...decode(args));
} catch (error) {
  output.error = error instanceof Error ? error.message : String(error);
}
process.stdout.write(JSON.stringify(output));
