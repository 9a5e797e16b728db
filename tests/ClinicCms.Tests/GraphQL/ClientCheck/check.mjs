// Usage: node check.mjs introspection.json queries.json
// Builds a client schema from ClinicCms's introspection result with the reference implementation (graphql-js),
// asserts that it is a valid schema, then validates every sample query against it.
import { readFileSync } from 'node:fs';
import { assertValidSchema, buildClientSchema, parse, validate } from 'graphql';

const [introspectionPath, queriesPath] = process.argv.slice(2);
const introspection = JSON.parse(readFileSync(introspectionPath, 'utf8'));
const schema = buildClientSchema(introspection.data ?? introspection);
assertValidSchema(schema);

const queries = JSON.parse(readFileSync(queriesPath, 'utf8'));
let invalid = 0;
for (const [name, query] of Object.entries(queries)) {
  const errors = validate(schema, parse(query));
  if (errors.length > 0) {
    invalid++;
    console.error(`${name}: ${errors.map((e) => e.message).join('; ')}`);
  }
}
console.log(`${Object.keys(queries).length - invalid} valid, ${invalid} invalid`);
process.exit(invalid > 0 ? 1 : 0);
