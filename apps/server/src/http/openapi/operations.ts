import type { OperationRoutes } from '../openapi.ts';

/** Backups, restore and the consistency checker (extension of API.md): their paths in the OpenAPI document. */
export const operationsOperations: OperationRoutes = {};
