import type { OperationRoutes } from '../openapi.ts';

/** In-app notifications (extension of API.md): their paths in the OpenAPI document. */
export const notificationOperations: OperationRoutes = {};
