/** Starts one real mesh for the whole e2e run, loads a signed constitution, and stops the mesh afterwards. */

import type { TestProject } from "vitest/node";
import { type MeshInfo, loadSignedConstitution, startMesh } from "./mesh";

declare module "vitest" {
  export interface ProvidedContext {
    mesh: MeshInfo;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mesh = await startMesh();
  try {
    await loadSignedConstitution(mesh);
  } catch (error) {
    await mesh.stop();
    throw error;
  }
  project.provide("mesh", { url: mesh.url, home: mesh.home, adminToken: mesh.adminToken, logPath: mesh.logPath });
  return async () => {
    const code = await mesh.stop();
    if (code !== 0) throw new Error(`soma up exited with ${code}; its log: ${mesh.logPath}`);
  };
}
