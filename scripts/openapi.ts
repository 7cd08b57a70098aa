import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApiJson } from '@tripdesk/server';

/**
 * Rewrites docs/openapi.json from the route table (`pnpm run openapi`). Commit the result with the change
 * that made it: a server test fails while the two differ, and on any change that breaks a client.
 */
const file = resolve(import.meta.dirname, '../docs/openapi.json');
writeFileSync(file, openApiJson());
console.log(`wrote ${file}`);
