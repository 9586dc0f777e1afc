import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildContractSchema, contractSchemaText } from './contract-schema.js';

/** `npm run schema`: writes the API's GraphQL contract to `schema.graphql` at the repository root (the working directory). */
const target = resolve(process.argv[2] ?? 'schema.graphql');
writeFileSync(target, contractSchemaText(await buildContractSchema()));
process.stdout.write(`wrote ${target}\n`);
