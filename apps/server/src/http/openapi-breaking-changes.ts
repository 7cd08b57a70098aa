/**
 * What a new OpenAPI document breaks for clients written against an older one. Requests must still be
 * accepted as they were (no operation or media type gone, no parameter or field newly required, no
 * type narrowed, no enum value dropped); answers must still read as they did (no field removed or made
 * optional, no type widened, no enum value added, no success status or media type gone). Additions a
 * client can ignore are not breaks. Our own small module: it reads the two JSON documents only, so it
 * runs offline in the test suite (no OpenAPI diff tool on npm does that and is kept up).
 */

type Json = Record<string, unknown>;
export interface OpenApiJson {
  readonly paths?: Record<string, Record<string, unknown>>;
  readonly components?: { readonly schemas?: Record<string, unknown> };
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'] as const;
type Direction = 'request' | 'response';

export function breakingChanges(before: OpenApiJson, after: OpenApiJson): string[] {
  const found: string[] = [];
  const resolve = { before: refResolver(before), after: refResolver(after) };
  for (const [path, oldItem] of Object.entries(before.paths ?? {})) {
    const newItem = after.paths?.[path];
    for (const method of METHODS) {
      const oldOp = oldItem[method] as Json | undefined;
      if (!oldOp) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const newOp = newItem?.[method] as Json | undefined;
      if (!newOp) {
        found.push(`${where}: removed`);
        continue;
      }
      const ctx: Ctx = { ...resolve, found, seen: new Set() };
      compareOperation(ctx, where, oldOp, newOp);
    }
  }
  return found;
}

interface Ctx {
  readonly before: (s: unknown) => Json;
  readonly after: (s: unknown) => Json;
  readonly found: string[];
  /** Pairs of $refs being compared, so a recursive schema ends. */
  readonly seen: Set<string>;
}

function compareOperation(ctx: Ctx, where: string, oldOp: Json, newOp: Json): void {
  const wasPublic = Array.isArray(oldOp.security) && oldOp.security.length === 0;
  const isPublic = Array.isArray(newOp.security) && newOp.security.length === 0;
  if (wasPublic && !isPublic) ctx.found.push(`${where}: now needs authentication`);

  // Parameters, by where they go and their name.
  const params = (op: Json) =>
    new Map(
      ((op.parameters as Json[] | undefined) ?? []).map((p) => [`${String(p.in)} ${String(p.name)}`, p]),
    );
  const oldParams = params(oldOp);
  for (const [key, p] of params(newOp)) {
    const old = oldParams.get(key);
    if (p.required === true && old?.required !== true)
      ctx.found.push(`${where}: ${key} parameter is now required`);
    if (old) compareSchema(ctx, `${where}: ${key} parameter`, old.schema, p.schema, 'request');
  }

  // The request body.
  const oldBody = oldOp.requestBody as Json | undefined;
  const newBody = newOp.requestBody as Json | undefined;
  if (newBody?.required === true && oldBody?.required !== true)
    ctx.found.push(`${where}: request body is now required`);
  if (oldBody && newBody) {
    const newContent = (newBody.content ?? {}) as Record<string, Json>;
    for (const [type, media] of Object.entries((oldBody.content ?? {}) as Record<string, Json>)) {
      const next = newContent[type];
      if (!next) ctx.found.push(`${where}: request body no longer accepts ${type}`);
      else compareSchema(ctx, `${where}: request body`, media.schema, next.schema, 'request');
    }
  } else if (oldBody && !newBody) {
    ctx.found.push(`${where}: request body no longer accepted`);
  }

  // Success answers: what a client reads.
  const newResponses = (newOp.responses ?? {}) as Record<string, Json>;
  for (const [status, oldResponse] of Object.entries((oldOp.responses ?? {}) as Record<string, Json>)) {
    if (!status.startsWith('2')) continue;
    const next = newResponses[status];
    if (!next) {
      ctx.found.push(`${where}: ${status} answer removed`);
      continue;
    }
    const newContent = (next.content ?? {}) as Record<string, Json>;
    for (const [type, media] of Object.entries((oldResponse.content ?? {}) as Record<string, Json>)) {
      const media2 = newContent[type];
      if (!media2) ctx.found.push(`${where}: ${status} answer no longer in ${type}`);
      else compareSchema(ctx, `${where}: ${status} answer`, media.schema, media2.schema, 'response');
    }
  }
}

function refResolver(doc: OpenApiJson): (s: unknown) => Json {
  return (schema) => {
    let s = (schema ?? {}) as Json;
    for (let i = 0; typeof s.$ref === 'string' && i < 32; i++) {
      const name = s.$ref.replace('#/components/schemas/', '');
      s = (doc.components?.schemas?.[name] ?? {}) as Json;
    }
    return s;
  };
}

/** The JSON types a schema allows, or undefined when it does not say (any). */
function typesOf(s: Json): Set<string> | undefined {
  if (typeof s.type === 'string') return new Set([s.type]);
  if (Array.isArray(s.type)) return new Set(s.type as string[]);
  return undefined;
}

/** The values a schema allows when it is an enum or a constant. */
function valuesOf(s: Json): unknown[] | undefined {
  if (Array.isArray(s.enum)) return s.enum as unknown[];
  if ('const' in s) return [s.const];
  return undefined;
}

function variantsOf(s: Json): unknown[] | undefined {
  return (s.anyOf ?? s.oneOf) as unknown[] | undefined;
}

/** Whether `b` breaks nothing against `a`: what a union variant is matched by. */
function compatible(ctx: Ctx, a: unknown, b: unknown, direction: Direction): boolean {
  const probe: Ctx = { ...ctx, found: [], seen: new Set(ctx.seen) };
  compareSchema(probe, '', a, b, direction);
  return probe.found.length === 0;
}

function compareSchema(
  ctx: Ctx,
  where: string,
  oldRaw: unknown,
  newRaw: unknown,
  direction: Direction,
): void {
  const oldRef = (oldRaw as Json | undefined)?.$ref;
  const newRef = (newRaw as Json | undefined)?.$ref;
  if (typeof oldRef === 'string' || typeof newRef === 'string') {
    const pair = `${String(oldRef)}|${String(newRef)}|${direction}`;
    if (ctx.seen.has(pair)) return;
    ctx.seen.add(pair);
  }
  const a = ctx.before(oldRaw);
  const b = ctx.after(newRaw);

  // Unions: in an answer every new shape must read as an old one; in a request every old shape must
  // still be accepted by a new one.
  const oldVariants = variantsOf(a);
  const newVariants = variantsOf(b);
  if (oldVariants || newVariants) {
    const olds = oldVariants ?? [oldRaw];
    const news = newVariants ?? [newRaw];
    if (direction === 'response') {
      for (const v of news) {
        if (!olds.some((o) => compatible(ctx, o, v, direction))) {
          ctx.found.push(`${where}: may now take a shape it could not (${describe(ctx.after(v))})`);
        }
      }
    } else {
      for (const o of olds) {
        if (!news.some((v) => compatible(ctx, o, v, direction))) {
          ctx.found.push(`${where}: no longer accepts ${describe(ctx.before(o))}`);
        }
      }
    }
    return;
  }

  const oldTypes = typesOf(a);
  const newTypes = typesOf(b);
  if (oldTypes && newTypes) {
    const widened = direction === 'response' ? [...newTypes].filter((t) => !covers(oldTypes, t)) : [];
    const narrowed = direction === 'request' ? [...oldTypes].filter((t) => !covers(newTypes, t)) : [];
    if (widened.length > 0 || narrowed.length > 0) {
      ctx.found.push(`${where}: type changed from ${[...oldTypes].join('|')} to ${[...newTypes].join('|')}`);
      return;
    }
  } else if (oldTypes && !newTypes && direction === 'response' && !valuesOf(b)) {
    ctx.found.push(`${where}: type changed from ${[...oldTypes].join('|')} to any`);
    return;
  } else if (!oldTypes && newTypes && direction === 'request' && !valuesOf(a)) {
    ctx.found.push(`${where}: type changed from any to ${[...newTypes].join('|')}`);
    return;
  }

  const oldValues = valuesOf(a);
  const newValues = valuesOf(b);
  if (direction === 'response' && newValues) {
    const added = newValues.filter((v) => !oldValues || !oldValues.includes(v));
    if (added.length > 0) ctx.found.push(`${where}: new value${added.length > 1 ? 's' : ''} ${list(added)}`);
  }
  if (direction === 'request' && oldValues) {
    const removed = oldValues.filter((v) => newValues && !newValues.includes(v));
    if (removed.length > 0) ctx.found.push(`${where}: no longer accepts ${list(removed)}`);
  }

  // Objects, field by field.
  const oldProps = (a.properties ?? {}) as Record<string, unknown>;
  const newProps = (b.properties ?? {}) as Record<string, unknown>;
  const oldRequired = new Set((a.required as string[] | undefined) ?? []);
  const newRequired = new Set((b.required as string[] | undefined) ?? []);
  if (direction === 'response') {
    for (const name of Object.keys(oldProps)) {
      if (!(name in newProps)) ctx.found.push(`${where}: field ${name} removed`);
      else if (oldRequired.has(name) && !newRequired.has(name))
        ctx.found.push(`${where}: field ${name} made optional`);
    }
  } else {
    for (const name of newRequired) {
      if (!oldRequired.has(name)) ctx.found.push(`${where}: field ${name} is now required`);
    }
  }
  for (const name of Object.keys(oldProps)) {
    if (name in newProps) compareSchema(ctx, `${where}.${name}`, oldProps[name], newProps[name], direction);
  }
  if (a.items !== undefined && b.items !== undefined)
    compareSchema(ctx, `${where}[]`, a.items, b.items, direction);
}

/** `integer` values are numbers too. */
function covers(types: Set<string>, type: string): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'));
}

function list(values: unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function describe(s: Json): string {
  const values = valuesOf(s);
  if (values) return list(values);
  const types = typesOf(s);
  return types ? [...types].join('|') : 'any value';
}
