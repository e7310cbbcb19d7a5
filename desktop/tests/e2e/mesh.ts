/**
 * A real `soma up` for the end-to-end run, started as a user starts it: dev stage, its own SOMA_HOME in a temp
 * directory, free ports (the same environment services/somastack/testing.py mesh_env gives the Python tests).
 */

import { type ChildProcess, spawn } from "node:child_process";
import { createPrivateKey, sign } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createSomaClient } from "@soma/proto";
import { constitutionChecksum } from "../../src/lib/canonical";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The access-token lifetime of the end-to-end mesh: the console refreshes after 80 % of it. */
export const ACCESS_TOKEN_TTL_SECONDS = 20;

/** What the tests need to reach the mesh; plain data, handed from the global setup to the test files. */
export interface MeshInfo {
  readonly url: string;
  /** The local OIDC issuer (oidc-issuer.ts) tenants may trust, and its control URL. */
  readonly issuer: string;
  readonly home: string;
  readonly adminToken: string;
  readonly logPath: string;
}

function bindable(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once("error", () => done(false));
    server.listen(port, "127.0.0.1", () => server.close(() => done(true)));
  });
}

/**
 * `count` consecutive free ports on 127.0.0.1 (the registry gives services consecutive ports), below the kernel's
 * ephemeral range (32768 and up on Linux), where outgoing connections take their client ports.
 */
export async function freePorts(count: number): Promise<number[]> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = 15000 + Math.floor(Math.random() * (17000 - count));
    const ports = Array.from({ length: count }, (_, i) => base + i);
    const free = await Promise.all(ports.map(bindable));
    if (free.every(Boolean)) return ports;
  }
  throw new Error("no block of free ports found");
}

export interface RunningMesh extends MeshInfo {
  readonly process: ChildProcess;
  stop(): Promise<number | null>;
}

/** Starts `soma up` and resolves once it printed its table of endpoints (every service healthy). */
export async function startMesh(within = 150_000, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningMesh> {
  const python = process.env.SOMA_PYTHON ?? join(REPO, ".venv", "bin", "python");
  if (!existsSync(python)) throw new Error(`no Python at ${python}: run \`make install\` (or set SOMA_PYTHON)`);
  const home = mkdtempSync(join(tmpdir(), "soma-console-e2e-"));
  const [envoy, admin] = await freePorts(2);
  // More than the registry's services, so a service added later still fits.
  const [portBase] = await freePorts(16);
  const [metricsBase] = await freePorts(16);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SOMA_HOME: home,
    SOMA_STAGE: "dev",
    SOMA_ENVOY_PORT: String(envoy),
    SOMA_ENVOY_ADMIN_PORT: String(admin),
    SOMA_PORT_BASE: String(portBase),
    SOMA_METRICS_PORT_BASE: String(metricsBase),
    SOMA_DRAIN_GRACE_SECONDS: "2",
    // Short-lived access tokens, so that the console's refresh runs within the story.
    SOMA_IDENTITY_ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TOKEN_TTL_SECONDS),
    ...extraEnv,
  };
  delete env.SOMA_CHANNEL;
  const logPath = join(home, "soma-up.log");
  const log = createWriteStream(logPath);
  const child = spawn(python, ["-m", "somastack", "up", "--timeout", String(Math.floor(within / 1000))], {
    cwd: REPO,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      log.write(chunk);
    });
  }
  // If this process exits without stopping the mesh (a crash, Ctrl-C), take the mesh down with it.
  const orphanGuard = () => child.kill("SIGKILL");
  process.once("exit", orphanGuard);

  const stop = async (): Promise<number | null> => {
    process.removeListener("exit", orphanGuard);
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    child.kill("SIGTERM"); // soma up drains and stops on SIGTERM as on Ctrl-C
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const code = await exited;
    clearTimeout(timer);
    log.end();
    return code;
  };

  const deadline = Date.now() + within;
  while (!output.includes("healthy in")) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`soma up did not become healthy:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  const adminToken = readFileSync(join(home, "dev", "admin.token"), "utf8").trim();
  return { url: `http://127.0.0.1:${envoy}`, issuer: "", home, adminToken, logPath, process: child, stop };
}

/** The rules `soma demo` loads: ordinary sessions pass, risky ones (context.risk >= 0.5) wait for a second person. */
export const E2E_CONSTITUTION = {
  version: "console-e2e-1",
  title: "Console end-to-end constitution",
  principles: [{ id: "oversight", text: "A human co-signs what is risky." }],
  rules: [
    {
      id: "risky-session",
      description: "Sessions the caller marks as risky need a second person",
      expression: "has(context.risk) && context.risk >= 0.5",
      weight: 0.5,
      reasonCode: "HIGH_RISK",
    },
  ],
  thresholds: { allowBelow: 0.3, denyAbove: 0.7 },
};

/**
 * Loads E2E_CONSTITUTION signed by the dev signer (the key the dev stage writes into its data dir), through Envoy,
 * as a platform operator does with `soma demo`: signing is the signers' job, not the console's.
 */
export async function loadSignedConstitution(mesh: MeshInfo): Promise<string> {
  const checksum = await constitutionChecksum(E2E_CONSTITUTION);
  const key = createPrivateKey(readFileSync(join(mesh.home, "dev", "constitution-dev-signer.key")));
  const signature = sign(null, Buffer.from(`soma.constitution.v1:${checksum}`, "ascii"), key);
  const api = createSomaClient({ baseUrl: mesh.url, token: mesh.adminToken });
  const loaded = await api.constitution.load({
    constitution: E2E_CONSTITUTION,
    signatures: [{ signerId: "dev", signature: new Uint8Array(signature) }],
  });
  if (loaded.constitutionVersion?.checksum !== checksum) {
    throw new Error(`the mesh computed checksum ${loaded.constitutionVersion?.checksum}, the console ${checksum}`);
  }
  return checksum;
}
