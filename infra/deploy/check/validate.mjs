// Validates every Kubernetes resource in the YAML files of a folder against the API's own schemas
// (the kubernetes-models package: the OpenAPI schemas of Kubernetes, compiled). A stand-in for
// kubeconform that installs from npm. Usage: node validate.mjs <folder>; exits 1 on any invalid
// resource, naming each and what is wrong.
import { readFileSync, readdirSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const folder = process.argv[2];
// Core resources (v1) live at the package's root, the others under their group and version.
const modelPath = (apiVersion, kind) =>
  `kubernetes-models/${apiVersion.includes("/") ? apiVersion : "v1"}/${kind}`;

let checked = 0;
let invalid = 0;
for (const file of readdirSync(folder).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml")) {
  for (const document of parseAllDocuments(readFileSync(`${folder}/${file}`, "utf8"))) {
    const resource = document.toJS();
    if (!resource) {
      continue;
    }
    const where = `${file}: ${resource.kind} ${resource.metadata?.name}`;
    let Model;
    try {
      Model = (await import(modelPath(resource.apiVersion, resource.kind)))[resource.kind];
    } catch (e) {
      console.log(`${where}: no schema for ${resource.apiVersion} ${resource.kind}`);
      invalid++;
      continue;
    }
    try {
      new Model(resource).validate();
      checked++;
    } catch (e) {
      console.log(`${where}: ${e.message}`);
      invalid++;
    }
  }
}
console.log(`valid ${checked}, invalid ${invalid}`);
process.exit(invalid === 0 && checked > 0 ? 0 : 1);
