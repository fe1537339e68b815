import { writeFile } from 'node:fs/promises';
import { generate, TYPES_OUT, VALUES_OUT } from './api-values.mjs';

const { types, values } = await generate();
await writeFile(TYPES_OUT, types);
await writeFile(VALUES_OUT, values);
console.log('wrote src/shared/api/schema.d.ts and src/shared/api/openapi-values.ts from infra/openapi.json');
