import type { OperationRoutes } from '../openapi.ts';

/** Reports (extension of API.md): their paths in the OpenAPI document. */
export const reportOperations: OperationRoutes = {};
