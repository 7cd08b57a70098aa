import { answerCodes, apiRoutes, errorStatus, ProblemSchema, routeTags } from '@tripdesk/shared';
import type { ErrorCode, RouteSpec } from '@tripdesk/shared';
import { z } from 'zod';
import { createDocument } from 'zod-openapi';
import type {
  ZodOpenApiOperationObject,
  ZodOpenApiPathsObject,
  ZodOpenApiResponseObject,
  ZodOpenApiResponsesObject,
} from 'zod-openapi';

/**
 * The OpenAPI 3.1 document served at `GET /api/openapi.json`, generated from the route table in
 * `@tripdesk/shared` (the same entries the server mounts), so it cannot say something the server does
 * not parse. `openapi.test.ts` checks it against API.md both ways (drift), and against the committed
 * `docs/openapi.json` (regenerate with `pnpm --filter @tripdesk/server run openapi`).
 */

const IdempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  .meta({
    description:
      'Repeat a POST safely: the same key with the same body replays the first response; with another body ' +
      'it is 422 idempotency_key_reused; while the first is in flight, 409 idempotency_conflict. Kept 24 h.',
    example: '5b0f6a8e-4b8e-4f5e-9a77-2f4c8f1e0c3a',
  });

const RetryAfterSchema = z.string().meta({ description: 'Seconds to wait before trying again.' });

/** One problem+json response per status, naming the codes that travel with it. */
function problemResponses(codes: Iterable<ErrorCode>): ZodOpenApiResponsesObject {
  const byStatus = new Map<number, Set<ErrorCode>>();
  for (const code of codes) {
    const status = errorStatus[code];
    byStatus.set(status, (byStatus.get(status) ?? new Set()).add(code));
  }
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, set] of [...byStatus].sort(([a], [b]) => a - b)) {
    const list = [...set].map((c) => `\`${c}\``).join(', ');
    responses[String(status)] = {
      description: `Problem details; \`code\` is ${list}.`,
      content: { 'application/problem+json': { schema: ProblemSchema } },
      ...(status === 429 || status === 503 ? { headers: z.object({ 'Retry-After': RetryAfterSchema }) } : {}),
    };
  }
  return responses;
}

function operation(operationId: string, spec: RouteSpec): ZodOpenApiOperationObject {
  const { status, description, schema, mediaType = 'application/json', alsoAs } = spec.success;
  const header = spec.idempotencyKey
    ? z.object({
        'Idempotency-Key':
          spec.idempotencyKey === 'required'
            ? IdempotencyKeySchema
            : IdempotencyKeySchema.optional().meta({ description: IdempotencyKeySchema.description }),
      })
    : undefined;
  const content = schema
    ? {
        content: {
          [mediaType]: { schema },
          ...Object.fromEntries(Object.entries(alsoAs ?? {}).map(([type, s]) => [type, { schema: s }])),
        },
      }
    : {};
  const extra = Object.fromEntries(
    Object.entries(spec.extraResponses ?? {}).map(([code, r]) => [
      code,
      { description: r.description, content: { [r.mediaType ?? 'application/json']: { schema: r.schema } } },
    ]),
  );

  return {
    operationId,
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    security: spec.access === 'public' ? [] : [{ bearerAuth: [] }],
    requestParams: {
      ...(spec.params ? { path: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(header ? { header } : {}),
    },
    ...(spec.body
      ? {
          requestBody: {
            required: spec.bodyRequired ?? true,
            content: { 'application/json': { schema: spec.body } },
          },
        }
      : {}),
    responses: {
      [`${status}`]: { description, ...content },
      ...extra,
      ...problemResponses(answerCodes(spec)),
    },
  };
}

export type OpenApiDocument = ReturnType<typeof createDocument>;

/**
 * Builds the document. Pure and somewhat costly (every schema is converted), so the server builds it
 * once at start-up and serves the same object.
 */
export function buildOpenApiDocument(): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  for (const [operationId, spec] of Object.entries(apiRoutes) as [string, RouteSpec][]) {
    paths[spec.path] = { ...paths[spec.path], [spec.method]: operation(operationId, spec) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Tripdesk API',
      version: '1.0.0',
      description:
        'Booking desk for travel agents and hotel front desks: trips of hotel, flight and car holds paid at ' +
        'once. Money is integer minor units with an ISO 4217 currency; stay and rental dates are calendar ' +
        'dates with an exclusive end; errors are RFC 9457 problem details.',
    },
    tags: Object.entries(routeTags).map(([name, description]) => ({ name, description })),
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'The token from `POST /api/auth/login`.',
        },
      },
    },
    paths,
  });
}

/** The document as committed in `docs/openapi.json` (scripts/openapi.ts writes it; a test compares). */
export function openApiJson(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}
