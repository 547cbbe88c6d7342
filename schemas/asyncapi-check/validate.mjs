// Validates an AsyncAPI document with @asyncapi/parser (the AsyncAPI initiative's reference parser:
// the JSON Schema of the spec, its Spectral rules, $ref resolution) and its Avro schema parser, which
// parses every Avro payload. Prints every diagnostic and a summary line; exits 1 on any error.
//
//   node validate.mjs <document.yaml>
import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node validate.mjs <asyncapi document>');
  process.exit(2);
}
const parser = new Parser();
parser.registerSchemaParser(AvroSchemaParser());

const { document, diagnostics } = await parser.parse(readFileSync(file, 'utf8'));
const names = ['error', 'warning', 'info', 'hint'];
for (const d of diagnostics) {
  console.log(`${names[d.severity]} ${d.code} at ${d.path.join('/')}: ${d.message}`);
}
const errors = diagnostics.filter((d) => d.severity === 0).length;
const warnings = diagnostics.filter((d) => d.severity === 1).length;
if (!document) {
  console.log(`invalid: errors ${errors} warnings ${warnings}`);
  process.exit(1);
}
const channels = document.channels().all();
const messages = document.allMessages().all();
const avro = messages.filter((m) => m.payload()?.schemaFormat()?.startsWith('application/vnd.apache.avro'));
console.log(
  `errors ${errors} warnings ${warnings} channels ${channels.length} messages ${messages.length} avro ${avro.length}` +
    ` operations ${document.operations().all().length}`,
);
process.exit(errors === 0 ? 0 : 1);
