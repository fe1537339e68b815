// Generates the API's types (openapi-typescript) and the runtime values the UI reads from the document
// (enums and schema constraints such as maxLength), so no limit is restated by hand.
import { readFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';

export const SPEC = new URL('../../infra/openapi.json', import.meta.url);
export const TYPES_OUT = new URL('../src/shared/api/schema.d.ts', import.meta.url);
export const VALUES_OUT = new URL('../src/shared/api/openapi-values.ts', import.meta.url);

const CONSTRAINTS = ['maxLength', 'minLength', 'maximum', 'minimum', 'maxItems', 'minItems', 'pattern'];

export async function generate() {
  const spec = JSON.parse(await readFile(SPEC, 'utf8'));
  // The document repeats some operationIds (BACKEND-NEEDS.md asks for unique ones); the types do not use
  // them, so they are left out rather than failing the bundler's validation.
  const forTypes = structuredClone(spec);
  for (const ops of Object.values(forTypes.paths ?? {})) for (const op of Object.values(ops)) delete op.operationId;
  const types = `// Generated from infra/openapi.json by \`npm run api:generate\`. Do not edit.\n${astToString(await openapiTS(forTypes))}`;
  const enums = {};
  const constraints = {};
  for (const [name, schema] of Object.entries(spec.components?.schemas ?? {})) {
    if (Array.isArray(schema.enum)) enums[name] = schema.enum;
    for (const [prop, def] of Object.entries(schema.properties ?? {})) {
      const found = Object.fromEntries(CONSTRAINTS.filter((c) => def[c] !== undefined).map((c) => [c, def[c]]));
      // Bounds of 0 on unsigned integers say nothing a person needs to hear.
      if (found.minimum === 0) delete found.minimum;
      if (Object.keys(found).length) constraints[`${name}.${prop}`] = found;
    }
  }
  // Which staff roles each operation admits (`x-roles`), so the console offers only what a role may use.
  const roles = {};
  for (const [path, ops] of Object.entries(spec.paths ?? {}))
    for (const [method, op] of Object.entries(ops))
      if (Array.isArray(op['x-roles'])) roles[`${method.toUpperCase()} ${path}`] = op['x-roles'];
  const values = [
    '// Generated from infra/openapi.json by `npm run api:generate`. Do not edit.',
    '// The enums, the schema constraints and the staff roles of each operation, as runtime values.',
    `export const enums = ${JSON.stringify(enums, null, 2)} as const;`,
    '',
    `export const constraints: Record<string, { maxLength?: number; minLength?: number; maximum?: number; minimum?: number; maxItems?: number; minItems?: number; pattern?: string }> = ${JSON.stringify(constraints, null, 2)};`,
    '',
    `export const operationRoles: Record<string, readonly string[]> = ${JSON.stringify(roles, null, 2)};`,
    '',
  ].join('\n');
  return { types, values };
}
