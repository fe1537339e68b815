// Fails when the committed API types or values differ from what infra/openapi.json generates.
import { readFile } from 'node:fs/promises';
import { generate, TYPES_OUT, VALUES_OUT } from './api-values.mjs';

const { types, values } = await generate();
const drifted = [];
if ((await readFile(TYPES_OUT, 'utf8').catch(() => '')) !== types) drifted.push('src/shared/api/schema.d.ts');
if ((await readFile(VALUES_OUT, 'utf8').catch(() => '')) !== values) drifted.push('src/shared/api/openapi-values.ts');
if (drifted.length) {
  console.error(
    `API types drifted from infra/openapi.json: ${drifted.join(', ')}. Run \`npm run api:generate\` and commit.`,
  );
  process.exit(1);
}
console.log('API types match infra/openapi.json');
