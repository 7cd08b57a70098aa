import { describe, expect, it } from 'vitest';
import { breakingChanges, type OpenApiJson } from './openapi-breaking-changes.ts';

/** A document of one operation, `POST /api/things/{id}`, with a body, an answer and shared schemas. */
function doc(
  op: { params?: object[]; body?: object; bodyRequired?: boolean; answer?: object; security?: object[] } = {},
  schemas: Record<string, object> = {},
): OpenApiJson {
  return {
    paths: {
      '/api/things/{id}': {
        post: {
          security: op.security ?? [{ bearerAuth: [] }],
          parameters: op.params ?? [{ in: 'path', name: 'id', required: true, schema: { type: 'string' } }],
          ...(op.body
            ? {
                requestBody: {
                  required: op.bodyRequired ?? true,
                  content: { 'application/json': { schema: op.body } },
                },
              }
            : {}),
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema: op.answer ?? {} } } },
          },
        },
      },
    },
    components: { schemas },
  };
}

const thing = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: ['open', 'paid'] },
    note: { type: 'string' },
    count: { type: 'integer' },
  },
  required: ['id', 'status', 'count'],
};
const request = {
  type: 'object',
  properties: { name: { type: 'string' }, kind: { type: 'string', enum: ['a', 'b'] } },
  required: ['name'],
};

describe('breakingChanges', () => {
  it('finds nothing between a document and itself, nor in additions a client can ignore', () => {
    const before = doc({ body: request, answer: thing });
    expect(breakingChanges(before, before)).toEqual([]);
    const after = doc({
      body: {
        ...request,
        properties: {
          ...request.properties,
          extra: { type: 'string' },
          kind: { type: 'string', enum: ['a', 'b', 'c'] },
        },
      },
      answer: {
        ...thing,
        properties: { ...thing.properties, more: { type: 'string' } },
        required: [...thing.required, 'note'],
      },
      params: [
        { in: 'path', name: 'id', required: true, schema: { type: 'string' } },
        { in: 'query', name: 'page', required: false, schema: { type: 'integer' } },
      ],
    });
    expect(breakingChanges(before, after)).toEqual([]);
  });

  it('finds a removed path or method', () => {
    const before = doc({ answer: thing });
    expect(breakingChanges(before, { paths: {} })).toEqual(['POST /api/things/{id}: removed']);
  });

  it('finds a newly required parameter, body or field', () => {
    const before = doc({ body: request, bodyRequired: false, answer: thing });
    const after = doc({
      body: { ...request, required: ['name', 'kind'] },
      answer: thing,
      params: [
        { in: 'path', name: 'id', required: true, schema: { type: 'string' } },
        { in: 'header', name: 'Idempotency-Key', required: true, schema: { type: 'string' } },
      ],
    });
    expect(breakingChanges(before, after)).toEqual([
      'POST /api/things/{id}: header Idempotency-Key parameter is now required',
      'POST /api/things/{id}: request body is now required',
      'POST /api/things/{id}: request body: field kind is now required',
    ]);
  });

  it('finds an answer field removed or made optional', () => {
    const before = doc({ answer: thing });
    const { note: _note, ...withoutNote } = thing.properties;
    const after = doc({ answer: { ...thing, properties: withoutNote, required: ['id'] } });
    expect(breakingChanges(before, after)).toEqual([
      'POST /api/things/{id}: 200 answer: field status made optional',
      'POST /api/things/{id}: 200 answer: field note removed',
      'POST /api/things/{id}: 200 answer: field count made optional',
    ]);
  });

  it('finds a changed type, either way, through $refs', () => {
    const before = doc(
      { body: { $ref: '#/components/schemas/Req' }, answer: { $ref: '#/components/schemas/Thing' } },
      {
        Req: request,
        Thing: thing,
      },
    );
    const after = doc(
      { body: { $ref: '#/components/schemas/Req' }, answer: { $ref: '#/components/schemas/Thing' } },
      {
        Req: { ...request, properties: { ...request.properties, name: { type: 'integer' } } },
        Thing: { ...thing, properties: { ...thing.properties, count: { type: 'number' } } },
      },
    );
    expect(breakingChanges(before, after)).toEqual([
      'POST /api/things/{id}: request body.name: type changed from string to integer',
      'POST /api/things/{id}: 200 answer.count: type changed from integer to number',
    ]);
    // A request that now takes a wider type, or an answer a narrower one, breaks nobody.
    const integer = doc({ body: { type: 'integer' }, answer: { type: 'number' } });
    const number = doc({ body: { type: 'number' }, answer: { type: ['integer', 'null'] } });
    expect(breakingChanges(integer, number)).toEqual([
      'POST /api/things/{id}: 200 answer: type changed from number to integer|null',
    ]);
    expect(breakingChanges(integer, doc({ body: { type: 'number' }, answer: { type: 'integer' } }))).toEqual(
      [],
    );
  });

  it('finds an enum value removed from a request or added to an answer', () => {
    const before = doc({ body: request, answer: thing });
    const after = doc({
      body: { ...request, properties: { ...request.properties, kind: { type: 'string', enum: ['a'] } } },
      answer: {
        ...thing,
        properties: { ...thing.properties, status: { type: 'string', enum: ['open', 'paid', 'refunded'] } },
      },
    });
    expect(breakingChanges(before, after)).toEqual([
      'POST /api/things/{id}: request body.kind: no longer accepts "b"',
      'POST /api/things/{id}: 200 answer.status: new value "refunded"',
    ]);
  });

  it('finds a union variant added to an answer or dropped from a request', () => {
    const a = { type: 'object', properties: { type: { const: 'hotel' } }, required: ['type'] };
    const b = { type: 'object', properties: { type: { const: 'car' } }, required: ['type'] };
    const before = doc({ body: { anyOf: [a, b] }, answer: { oneOf: [a] } });
    const after = doc({ body: { anyOf: [a] }, answer: { oneOf: [a, b] } });
    expect(breakingChanges(before, after)).toEqual([
      'POST /api/things/{id}: request body: no longer accepts object',
      'POST /api/things/{id}: 200 answer: may now take a shape it could not (object)',
    ]);
  });

  it('finds a public operation that now needs a token, and a success answer gone', () => {
    const before = doc({ security: [], answer: thing });
    const after: OpenApiJson = {
      paths: { '/api/things/{id}': { post: { security: [{ bearerAuth: [] }], responses: { '201': {} } } } },
    };
    expect(breakingChanges(before, after)).toEqual([
      'POST /api/things/{id}: now needs authentication',
      'POST /api/things/{id}: 200 answer removed',
    ]);
  });
});
