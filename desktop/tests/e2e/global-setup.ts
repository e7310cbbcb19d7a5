/** Starts one real mesh for the whole e2e run, loads a signed constitution, and stops the mesh afterwards. */

import type { TestProject } from "vitest/node";
import { type MeshInfo, loadSignedConstitution, startMesh } from "./mesh";
import { startIssuer } from "./oidc-issuer";

declare module "vitest" {
  export interface ProvidedContext {
    mesh: MeshInfo;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The issuer tenants trust for single sign-on; the console's content security policy must let it connect there.
  const issuer = await startIssuer();
  const mesh = await startMesh(150_000, { SOMA_CONSOLE_SSO_ORIGINS: JSON.stringify([issuer.url]) });
  try {
    await loadSignedConstitution(mesh);
  } catch (error) {
    await mesh.stop();
    await issuer.close();
    throw error;
  }
  project.provide("mesh", { url: mesh.url, issuer: issuer.url, home: mesh.home, adminToken: mesh.adminToken, logPath: mesh.logPath });
  return async () => {
    await issuer.close();
    const code = await mesh.stop();
    if (code !== 0) throw new Error(`soma up exited with ${code}; its log: ${mesh.logPath}`);
  };
}
