// Preloaded (node --require / NODE_OPTIONS) into the server or the CLI by the security tests.
// Records, then blocks, every attempt to reach the network or to run a program, and records every
// file read, as JSON lines appended to $ISTIO_LENS_TRAP_LOG. Appends are synchronous so a crash
// loses nothing.
'use strict';
const fs = require('node:fs');
const LOG = process.env.ISTIO_LENS_TRAP_LOG;
if (!LOG) throw new Error('trap.cjs: set ISTIO_LENS_TRAP_LOG');
const appendFileSync = fs.appendFileSync;
let recording = false;
function record(kind, what, detail) {
  if (recording) return;
  recording = true;
  try {
    appendFileSync(
      LOG,
      JSON.stringify({ kind, what, detail: String(detail ?? '').slice(0, 300), pid: process.pid }) + '\n',
    );
  } finally {
    recording = false;
  }
}
function blocked(what) {
  const e = new Error(`istio-lens trap: ${what} blocked`);
  e.code = 'ECONNREFUSED';
  return e;
}

function trapFn(mod, name, kind, detail = (args) => JSON.stringify(args[0] ?? null)) {
  const orig = mod[name];
  if (typeof orig !== 'function') return;
  mod[name] = function trapped(...args) {
    record(kind, name, detail(args));
    throw blocked(`${kind} ${name}`);
  };
  void orig;
}

// --- network ---------------------------------------------------------------------------------
const net = require('node:net');
const origConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function trappedConnect(...args) {
  record('net', 'Socket.connect', JSON.stringify(args[0] ?? null));
  const self = this;
  process.nextTick(() => self.destroy(blocked('net connect')));
  return this;
};
void origConnect;
for (const name of ['connect', 'createConnection']) trapFn(net, name, 'net');
trapFn(require('node:tls'), 'connect', 'net');
for (const mod of [require('node:http'), require('node:https')])
  for (const name of ['request', 'get'])
    trapFn(mod, name, 'net', (a) =>
      typeof a[0] === 'string' ? a[0] : JSON.stringify(a[0]?.host ?? a[0]?.hostname ?? a[0]?.href ?? null),
    );
trapFn(require('node:http2'), 'connect', 'net');
const dgram = require('node:dgram');
trapFn(dgram, 'createSocket', 'net');
const dns = require('node:dns');
for (const name of [
  'lookup',
  'lookupService',
  'resolve',
  'resolve4',
  'resolve6',
  'resolveAny',
  'resolveCname',
  'resolveMx',
  'resolveNs',
  'resolveSrv',
  'resolveTxt',
  'reverse',
]) {
  trapFn(dns, name, 'dns');
  if (dns.promises) trapFn(dns.promises, name, 'dns');
}
for (const name of ['fetch', 'WebSocket', 'EventSource']) {
  if (typeof globalThis[name] === 'function') {
    globalThis[name] = function trappedGlobal(...args) {
      record('net', name, String(args[0]));
      throw blocked(name);
    };
  }
}

// --- programs --------------------------------------------------------------------------------
const cp = require('node:child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'])
  trapFn(cp, name, 'exec', (a) => String(a[0]));
try {
  const wt = require('node:worker_threads');
  const W = wt.Worker;
  wt.Worker = function TrappedWorker(f) {
    record('exec', 'Worker', String(f));
    throw blocked('Worker');
  };
  void W;
} catch {
  /* none */
}

// --- file reads (recorded, not blocked) ------------------------------------------------------
function pathOf(p) {
  if (typeof p === 'number') return `fd:${p}`;
  if (p instanceof URL) return p.pathname;
  return Buffer.isBuffer(p) ? p.toString() : String(p);
}
for (const name of [
  'readFileSync',
  'openSync',
  'readFile',
  'open',
  'createReadStream',
  'readdirSync',
  'readdir',
  'opendirSync',
]) {
  const orig = fs[name];
  if (typeof orig !== 'function') continue;
  fs[name] = function recordedRead(p, ...rest) {
    record('read', name, pathOf(p));
    return orig.call(this, p, ...rest);
  };
}
for (const name of ['readFile', 'open', 'readdir', 'opendir']) {
  const orig = fs.promises[name];
  if (typeof orig !== 'function') continue;
  fs.promises[name] = function recordedRead(p, ...rest) {
    record('read', `promises.${name}`, pathOf(p));
    return orig.call(this, p, ...rest);
  };
}
