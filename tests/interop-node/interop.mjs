// A client written by someone else: grpc-js + proto-loader drive a RaftTower node through the public
// tower.proto only (no RaftTower code). Every step is asserted; any mismatch exits non-zero with a message.
//
// usage: node interop.mjs ENDPOINT PROTO_PATH [KEY_PREFIX]
//   ENDPOINT    a node's client URL (http://127.0.0.1:PORT or 127.0.0.1:PORT); give a follower to test redirection
//   PROTO_PATH  src/Protocol/Protos/tower.proto
//   KEY_PREFIX  prefix of every key written (default "interop")
//
// Keys left behind for the caller to check: PREFIX:str = "grpc-js naïve ✓", PREFIX:int = 42,
// PREFIX:cas = "after-cas"; PREFIX:gone is deleted.

import { randomBytes } from 'node:crypto';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const [endpointArg, protoPath, prefix = 'interop'] = process.argv.slice(2);
if (!endpointArg || !protoPath) {
  console.error('usage: node interop.mjs ENDPOINT PROTO_PATH [KEY_PREFIX]');
  process.exit(2);
}

const CALL_DEADLINE_MS = 10_000;
const MAX_ATTEMPTS = 30;
const RETRY_DELAY_MS = 200;

const definition = protoLoader.loadSync(protoPath, { keepCase: false, longs: String, enums: String, defaults: false, oneofs: true });
const v1 = grpc.loadPackageDefinition(definition).rafttower.v1;

const address = (url) => url.replace(/^https?:\/\//, '').replace(/\/+$/, '');
const clients = new Map();
function towerAt(url) {
  const key = address(url);
  if (!clients.has(key)) {
    clients.set(key, {
      tower: new v1.Tower(key, grpc.credentials.createInsecure()),
      cluster: new v1.Cluster(key, grpc.credentials.createInsecure()),
    });
  }
  return clients.get(key);
}

class InteropFailure extends Error {}
function check(condition, what, detail) {
  if (!condition) {
    throw new InteropFailure(`${what}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`);
  }
}

function unary(client, method, request) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: Date.now() + CALL_DEADLINE_MS }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The session header: a random non-zero client id and a per-client increasing sequence (SPEC §4 exactly-once).
const clientId = BigInt.asUintN(64, randomBytes(8).readBigUInt64LE()) | 1n;
let sequence = 0n;
let target = endpointArg;
let redirects = 0;

/**
 * Sends one request, following NOT_LEADER's leader_hint and retrying UNAVAILABLE with the SAME header, as the
 * proto's ErrorCode comments say. Returns the final ExecuteResponse (which may carry a domain error).
 */
async function execute(op, { header = nextHeader() } = {}) {
  const request = { header, ...op };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const response = await unary(towerAt(target).tower, 'Execute', request);
    const code = response.error?.code;
    if (code === 'ERROR_CODE_NOT_LEADER' && response.error.leaderHint) {
      console.log(`  NOT_LEADER from ${target} (term ${response.error.term}): following leader_hint ${response.error.leaderHint}`);
      check(address(response.error.leaderHint) !== address(target), 'leader_hint must name another node', response.error);
      target = response.error.leaderHint;
      redirects++;
      continue;
    }
    if (code === 'ERROR_CODE_NOT_LEADER' || code === 'ERROR_CODE_UNAVAILABLE') {
      await sleep(RETRY_DELAY_MS);
      continue;
    }
    return response;
  }
  throw new InteropFailure(`no answer other than NOT_LEADER/UNAVAILABLE after ${MAX_ATTEMPTS} attempts: ${JSON.stringify(op)}`);
}

function nextHeader() {
  sequence += 1n;
  return { clientId: clientId.toString(), sequence: sequence.toString() };
}

function ok(response, what) {
  check(!response.error, `${what} must succeed`, response);
  return response.result ?? null;
}

function expectResult(response, kind, value, what) {
  const result = ok(response, what);
  check(result !== null && result.kind === kind, `${what} must return a ${kind}`, response);
  check(String(result[kind]) === String(value), `${what} must return ${JSON.stringify(value)}`, response);
  console.log(`  ${what} -> ${kind} ${JSON.stringify(result[kind])}`);
}

async function step(title, body) {
  console.log(`step: ${title}`);
  await body();
}

async function main() {
  console.log(`grpc-js interop against ${endpointArg} (client_id ${clientId}, keys ${prefix}:*)`);
  const str = `${prefix}:str`;
  const int = `${prefix}:int`;
  const cas = `${prefix}:cas`;
  const gone = `${prefix}:gone`;
  let startedOnFollower = false;

  await step('Cluster.Status on the given endpoint', async () => {
    const status = await unary(towerAt(endpointArg).cluster, 'Status', {});
    check(status.nodeId && status.nodeId !== '0', 'Status must name the node', status);
    check(Array.isArray(status.members) && status.members.length >= 1, 'Status must list the members', status);
    startedOnFollower = status.role !== 'MEMBER_ROLE_LEADER';
    console.log(`  node ${status.nodeId} role ${status.role}, leader ${status.leaderId} at ${status.leaderClientAddress || '?'}, term ${status.term}, ${status.members.length} members`);
  });

  await step('StringOp SET then GET (NOT_LEADER is followed to the leader when the endpoint is a follower)', async () => {
    const set = await execute({ string: { op: 'STRING_OP_CODE_SET', key: str, value: 'grpc-js naïve ✓' } });
    ok(set, 'SET');
    if (startedOnFollower) {
      check(redirects >= 1, 'a write sent to a follower must be answered NOT_LEADER with a leader_hint that was followed', `redirects=${redirects}`);
    }
    expectResult(await execute({ string: { op: 'STRING_OP_CODE_GET', key: str } }), 'string', 'grpc-js naïve ✓', 'GET');
  });

  await step('IntOp ADD from a missing key, and a retried ADD answered from the session (exactly-once)', async () => {
    expectResult(await execute({ int: { op: 'INT_OP_CODE_ADD', key: int, operand: '5' } }), 'int', 5, 'ADD 5');
    const header = nextHeader();
    expectResult(await execute({ int: { op: 'INT_OP_CODE_ADD', key: int, operand: '37' } }, { header }), 'int', 42, 'ADD 37');
    expectResult(await execute({ int: { op: 'INT_OP_CODE_ADD', key: int, operand: '37' } }, { header }), 'int', 42, 'ADD 37 retried with the same header');
    expectResult(await execute({ int: { op: 'INT_OP_CODE_GET', key: int } }), 'int', 42, 'GET');
  });

  await step('StringOp COMPARE_AND_SET success and failure', async () => {
    expectResult(await execute({ string: { op: 'STRING_OP_CODE_COMPARE_AND_SET', key: cas, value: 'before-cas' } }), 'bool', true, 'CAS absent -> before-cas');
    expectResult(await execute({ string: { op: 'STRING_OP_CODE_COMPARE_AND_SET', key: cas, expected: 'before-cas', value: 'after-cas' } }), 'bool', true, 'CAS before-cas -> after-cas');
    expectResult(await execute({ string: { op: 'STRING_OP_CODE_COMPARE_AND_SET', key: cas, expected: 'before-cas', value: 'lost' } }), 'bool', false, 'CAS with a stale expected value');
    expectResult(await execute({ string: { op: 'STRING_OP_CODE_GET', key: cas } }), 'string', 'after-cas', 'GET after the failed CAS');
  });

  await step('KeyOp DELETE, EXISTS and GET of the deleted key', async () => {
    ok(await execute({ string: { op: 'STRING_OP_CODE_SET', key: gone, value: 'short-lived' } }), 'SET');
    expectResult(await execute({ key: { op: 'KEY_OP_CODE_DELETE', key: gone } }), 'bool', true, 'DELETE');
    expectResult(await execute({ key: { op: 'KEY_OP_CODE_DELETE', key: gone } }), 'bool', false, 'DELETE again');
    expectResult(await execute({ key: { op: 'KEY_OP_CODE_EXISTS', key: gone } }), 'bool', false, 'EXISTS');
    const get = ok(await execute({ string: { op: 'STRING_OP_CODE_GET', key: gone } }), 'GET of a deleted key');
    check(get === null, 'GET of a deleted key must carry no result', get);
    console.log('  GET of a deleted key -> no result');
  });

  await step('In-band errors: WRONG_TYPE and INVALID_ARGUMENT change nothing', async () => {
    const wrong = await execute({ int: { op: 'INT_OP_CODE_ADD', key: str, operand: '1' } });
    check(wrong.error?.code === 'ERROR_CODE_WRONG_TYPE', 'IntOp ADD on a string key must fail WRONG_TYPE', wrong);
    check(!wrong.result, 'an error carries no result', wrong);
    console.log(`  ADD on a string -> ${wrong.error.code} "${wrong.error.message}"`);
    const huge = await execute({ string: { op: 'STRING_OP_CODE_SET', key: 'k'.repeat(64 * 1024 + 1), value: 'x' } });
    check(huge.error?.code === 'ERROR_CODE_INVALID_ARGUMENT', 'a key over 64 KiB must fail INVALID_ARGUMENT', huge.error ?? huge);
    console.log(`  SET with a 64 KiB + 1 key -> ${huge.error.code}`);
    expectResult(await execute({ string: { op: 'STRING_OP_CODE_GET', key: str } }), 'string', 'grpc-js naïve ✓', 'GET after the failed ADD');
  });

  await step('Tower.ExecuteBatch: one answer per request, in order, each with its own header and its own error', async () => {
    const batchKey = `${prefix}:batch`;
    const header = nextHeader();
    const add = { header, int: { op: 'INT_OP_CODE_ADD', key: batchKey, operand: '8' } };
    const batch = await unary(towerAt(target).tower, 'ExecuteBatch', {
      requests: [
        add,
        { string: { op: 'STRING_OP_CODE_GET', key: str } },
        { string: { op: 'STRING_OP_CODE_SET', key: 'k'.repeat(64 * 1024 + 1), value: 'x' } },
        add,
      ],
    });
    check(Array.isArray(batch.responses) && batch.responses.length === 4, 'ExecuteBatch must answer each of its 4 requests', batch);
    if (batch.responses[0].error?.code === 'ERROR_CODE_NOT_LEADER') {
      throw new InteropFailure(`ExecuteBatch went to ${target}, which is not the leader: ${JSON.stringify(batch.responses[0].error)}`);
    }
    expectResult(batch.responses[0], 'int', 8, 'batch[0] ADD 8');
    expectResult(batch.responses[1], 'string', 'grpc-js naïve ✓', 'batch[1] GET');
    check(batch.responses[2].error?.code === 'ERROR_CODE_INVALID_ARGUMENT', 'batch[2] with a 64 KiB + 1 key must fail INVALID_ARGUMENT on its own', batch.responses[2]);
    console.log(`  batch[2] SET with a 64 KiB + 1 key -> ${batch.responses[2].error.code}`);
    expectResult(batch.responses[3], 'int', 8, 'batch[3] the same ADD 8 with the same header (applied once)');
  });

  await step('gRPC status errors: an unknown method is a call failure (status 12), not an in-band result', async () => {
    const client = towerAt(target).tower;
    const unknown = await new Promise((resolve) => {
      client.makeUnaryRequest('/rafttower.v1.Tower/Nope', (x) => x, (x) => x, Buffer.alloc(0), { deadline: Date.now() + CALL_DEADLINE_MS }, (error) => resolve(error));
    });
    check(unknown?.code === grpc.status.UNIMPLEMENTED, 'an unknown method must fail with status 12 UNIMPLEMENTED', unknown ? `${unknown.code} ${unknown.details}` : 'it succeeded');
    console.log(`  /rafttower.v1.Tower/Nope -> status ${unknown.code} "${unknown.details}"`);
  });

  console.log(`interop OK: ${sequence} session requests, ${redirects} redirect(s), final endpoint ${target}`);
}

try {
  await main();
  process.exitCode = 0;
} catch (error) {
  const message = error instanceof InteropFailure ? error.message : `unexpected ${error?.code !== undefined ? `gRPC status ${error.code} ` : ''}${error?.stack ?? error}`;
  console.error(`interop FAILED: ${message}`);
  process.exitCode = 1;
} finally {
  for (const { tower, cluster } of clients.values()) {
    tower.close();
    cluster.close();
  }
}
