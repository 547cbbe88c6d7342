// Checks instances against Eventline's generated JSON Schemas (jsonschema/events.json, draft 2020-12)
// with Ajv. The samples file lists {"schema": <name under $defs>, "instance": ..., "valid": true|false};
// every sample must come out as it says. Prints one line per sample that does not, then a summary;
// exits 1 if any.
//
//   node check-json-schemas.mjs <events.json> <samples.json>
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const [schemaFile, samplesFile] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addSchema(JSON.parse(readFileSync(schemaFile, 'utf8')), 'events');

let wrong = 0;
const samples = JSON.parse(readFileSync(samplesFile, 'utf8'));
for (const sample of samples) {
  const validate = ajv.getSchema(`events#/$defs/${sample.schema}`);
  if (!validate) {
    console.log(`missing schema ${sample.schema}`);
    wrong += 1;
    continue;
  }
  const valid = validate(sample.instance);
  if (valid !== sample.valid) {
    wrong += 1;
    console.log(`${sample.schema}: expected ${sample.valid ? 'valid' : 'invalid'}: ${JSON.stringify(sample.instance)}`
      + ` ${JSON.stringify(validate.errors)}`);
  }
}
console.log(`samples ${samples.length} wrong ${wrong}`);
process.exit(wrong === 0 ? 0 : 1);
