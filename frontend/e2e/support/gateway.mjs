// Starts the local gateway (java -jar) for a test run and stops it by its PID.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const frontendDir = resolve(here, '../..');
export const repoRoot = resolve(frontendDir, '..');
export const resultsDir = resolve(frontendDir, 'test-results');

export function gatewayJar() {
  return process.env.GATEWAY_JAR ?? resolve(repoRoot, 'functions/local-gateway/target/local-gateway-all.jar');
}

export function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/**
 * Starts the gateway with embedded MariaDB and Redis and waits for its "ready" line.
 * `env` adds settings (e.g. QUEUE_CAPACITY). Returns { baseUrl, port, pid, stop() }.
 */
export async function startGateway(name, env = {}, { timeoutMs = 180_000 } = {}) {
  const jar = gatewayJar();
  if (!existsSync(jar)) {
    throw new Error(`${jar} is missing: build it with ./mvnw -q -B install -DskipTests from the repository root`);
  }
  const dist = resolve(frontendDir, 'dist');
  if (!existsSync(resolve(dist, 'index.html'))) throw new Error(`${dist} is not built: run npm run build`);
  mkdirSync(resultsDir, { recursive: true });
  const port = await freePort();
  const childEnv = { ...process.env };
  // Embedded stores: never the machine's own servers.
  delete childEnv.DATABASE_URL;
  delete childEnv.REDIS_URL;
  delete childEnv.REDIS_READER_URL;
  Object.assign(
    childEnv,
    {
      PORT: String(port),
      FRONTEND_DIR: dist,
      ADVANCE_INTERVAL_SECONDS: '1',
      // These tests check behaviour, not latency: on a busy 2-core machine the default Redis time-outs
      // (100 ms to connect, 250 ms a command) can fail a start-up or a tick.
      REDIS_CONNECT_TIMEOUT_MS: '5000',
      REDIS_COMMAND_TIMEOUT_MS: '5000',
    },
    env,
  );
  const logPath = resolve(resultsDir, `gateway-${name}.log`);
  const log = createWriteStream(logPath);
  const child = spawn('java', ['-jar', jar], { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = null;
  const exit = new Promise((done) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      done(exited);
    });
  });
  const ready = new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`gateway not ready after ${timeoutMs} ms; see ${logPath}`)), timeoutMs);
    let buffer = '';
    const onData = (chunk) => {
      log.write(chunk);
      buffer = (buffer + chunk.toString()).slice(-4096);
      if (buffer.includes('ready: open http://localhost:')) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exit.then(({ code, signal }) => {
      clearTimeout(timer);
      fail(new Error(`gateway exited (${code ?? signal}) before it was ready; see ${logPath}`));
    });
  });

  async function stop() {
    if (exited) return exited;
    child.kill('SIGTERM');
    const timeout = new Promise((done) => setTimeout(() => done('timeout'), 30_000));
    if ((await Promise.race([exit, timeout])) === 'timeout') {
      child.kill('SIGKILL');
      await exit;
    }
    log.end();
    return exited;
  }

  try {
    await ready;
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl: `http://127.0.0.1:${port}`, port, pid: child.pid, stop, logPath };
}
