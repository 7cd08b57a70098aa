import { addDays, todayIn } from '@tripdesk/shared';

/**
 * Requests generated from the OpenAPI document, valid enough to reach the code behind the validation
 * and then broken in the ways an attacker or a buggy client breaks them: wrong types, huge numbers,
 * NULs, deep nesting, bad dates, reversed ranges, wrong media types, unknown and missing fields.
 * Deterministic for a seed, so a failure can be replayed.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Schema = { [key: string]: unknown };

export interface Operation {
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly { in: string; name: string; required?: boolean; schema?: Schema }[];
  readonly body?: Schema;
}

export interface FuzzRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** mulberry32: small, fast and good enough to pick test cases. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function operationsOf(doc: { paths: Record<string, Record<string, Schema>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'patch', 'put', 'delete']) {
      const op = item[method] as
        | {
            parameters?: Operation['parameters'];
            requestBody?: { content?: Record<string, { schema?: Schema }> };
          }
        | undefined;
      if (!op) continue;
      const body = op.requestBody?.content?.['application/json']?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        ...(body ? { body } : {}),
      });
    }
  }
  return ops;
}

/** Known ids by the parameter or field name that carries them: requests reach real records too. */
export type IdPool = Record<string, string[]>;

const NASTY: readonly (() => Json)[] = [
  () => null,
  () => true,
  () => -1,
  () => 0,
  () => 1e308,
  () => -1e308,
  () => 2 ** 53 + 1,
  () => 5e15,
  () => 1.5,
  () => '',
  () => ' ',
  () => 'x'.repeat(5000),
  () => '\u0000',
  () => 'a\u0000b',
  () => '😀🏨✈️',
  () => '<script>alert(1)</script>',
  () => "' OR 1=1 --",
  () => '=HYPERLINK("http://x")',
  () => [],
  () => ({}),
  () => nest(40),
  () => '2026-02-30',
  () => '9999-12-31',
  () => '10000-01-01',
  () => '0000-01-01',
  () => '2026-13-01',
  () => '2026-12-01T25:00:00Z',
  () => 'NaN',
  () => '-0',
  () => '1e309',
  () => '../../etc/passwd',
  () => '%00',
  () => ['a', 1, null],
];

function nest(depth: number): Json {
  let v: Json = 'deep';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { n: v };
  return v;
}

export class RequestFuzzer {
  readonly #random: () => number;
  readonly #pool: IdPool;
  readonly #components: Record<string, Schema>;
  readonly #today: string;

  constructor(seed: number, pool: IdPool, components: Record<string, Schema>, now: Date) {
    this.#random = prng(seed);
    this.#pool = pool;
    this.#components = components;
    this.#today = todayIn('UTC', now);
  }

  chance(p: number): boolean {
    return this.#random() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.#random() * list.length)]!;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.#random() * (max - min + 1));
  }

  /** One request for `op`: mostly well-formed, broken in one to three places half of the time. */
  request(op: Operation, token: string | undefined): FuzzRequest {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (this.chance(0.05))
      headers.authorization = this.pick(['Bearer ', 'Basic eA==', 'Bearer tdk_x\u00ff', 'x'.repeat(9000)]);
    if (op.method === 'POST' && this.chance(0.6)) {
      headers['idempotency-key'] = this.chance(0.9)
        ? `fuzz-${this.int(0, 1e9)}`
        : this.pick(['', ' ', 'ü', 'k'.repeat(300)]);
    }
    let path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
      encodeURIComponent(this.#pathValue(name)),
    );
    if (this.chance(0.03)) path += this.pick(['/', '//x', '/..', '%2F..']);
    const query = this.#query(op);
    const url = query ? `${path}?${query}` : path;
    if (!op.body && !(op.method !== 'GET' && this.chance(0.1))) return { method: op.method, url, headers };

    const body = op.body ? this.#mutate(this.value(op.body, 'body')) : this.value({ type: 'object' }, 'body');
    const media = this.#random();
    if (media < 0.8) {
      headers['content-type'] = 'application/json';
      return { method: op.method, url, headers, body: JSON.stringify(body) };
    }
    const [type, text] = this.pick<[string, string]>([
      ['application/json', '{"broken": '],
      ['application/json', ''],
      ['application/json', JSON.stringify([body])],
      ['application/json', `{"a":${'['.repeat(3000)}${']'.repeat(3000)}}`],
      ['application/json; charset=latin1', JSON.stringify(body)],
      ['text/plain', JSON.stringify(body)],
      ['application/x-www-form-urlencoded', 'email=a%40b.c&password=x'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--',
      ],
      ['application/xml', '<a>1</a>'],
      ['application/json', '\u0000'],
    ]);
    headers['content-type'] = type;
    return { method: op.method, url, headers, body: text };
  }

  #pathValue(name: string): string {
    const known = this.#pool[name] ?? this.#pool[name.replace(/Id$/, '')] ?? [];
    if (known.length > 0 && this.chance(0.6)) return this.pick(known);
    return this.pick([
      `${name.slice(0, 3)}_${this.int(0, 1e6)}`,
      'x'.repeat(this.int(1, 400)),
      '..',
      '😀',
      ' ',
      '0',
      '-1',
      'null',
      "'; drop table trips; --",
    ]);
  }

  #query(op: Operation): string {
    const parts: string[] = [];
    for (const p of op.parameters.filter((x) => x.in === 'query')) {
      if (!p.required && this.chance(0.5)) continue;
      if (p.required && this.chance(0.05)) continue;
      let v: Json = p.schema ? this.value(p.schema, p.name) : 'x';
      if (this.chance(0.15)) v = this.pick(NASTY)();
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      parts.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(text)}`);
      // The same parameter twice: an array where a string is expected.
      if (this.chance(0.03)) parts.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(text)}`);
    }
    if (this.chance(0.05)) parts.push(`unknown=${this.int(0, 9)}`);
    // Reversed ranges: two dates swapped.
    const dates = parts.filter((s) => /=\d{4}-\d{2}-\d{2}$/.test(s));
    if (dates.length === 2 && this.chance(0.2)) {
      const [a, b] = dates as [string, string];
      const [ka, va] = a.split('=') as [string, string];
      const [kb, vb] = b.split('=') as [string, string];
      parts[parts.indexOf(a)] = `${ka}=${vb}`;
      parts[parts.indexOf(b)] = `${kb}=${va}`;
    }
    return parts.join('&');
  }

  #resolve(schema: Schema): Schema {
    let s = schema;
    for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) {
      const name = (s.$ref as string).replace('#/components/schemas/', '');
      s = {
        ...this.#components[name],
        ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$ref')),
      };
    }
    return s;
  }

  /** A value the schema describes; field names steer ids and dates towards real ones. */
  value(raw: Schema, name: string, depth = 0): Json {
    const schema = this.#resolve(raw);
    if (depth > 8) return null;
    if ('const' in schema) return schema.const as Json;
    if (Array.isArray(schema.enum)) return this.pick(schema.enum as Json[]);
    const union = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
    if (union) return this.value(this.pick(union), name, depth + 1);
    if (Array.isArray(schema.allOf)) return this.value(schema.allOf[0] as Schema, name, depth + 1);
    const type = Array.isArray(schema.type) ? this.pick(schema.type as string[]) : schema.type;
    const known = this.#pool[name];
    if (known && known.length > 0 && this.chance(0.7)) return this.pick(known);
    switch (type) {
      case 'object': {
        const out: Record<string, Json> = {};
        const props = (schema.properties ?? {}) as Record<string, Schema>;
        const required = new Set((schema.required ?? []) as string[]);
        for (const [key, prop] of Object.entries(props)) {
          if (required.has(key) || this.chance(0.5)) out[key] = this.value(prop, key, depth + 1);
        }
        return out;
      }
      case 'array': {
        const min = Number(schema.minItems ?? 0);
        const max = Math.min(Number(schema.maxItems ?? 4), min + 4);
        return Array.from({ length: this.int(min, Math.max(min, max)) }, () =>
          this.value((schema.items ?? {}) as Schema, name, depth + 1),
        );
      }
      case 'integer':
      case 'number': {
        const min = Number(
          schema.minimum ?? (schema.exclusiveMinimum !== undefined ? Number(schema.exclusiveMinimum) + 1 : 0),
        );
        const max = Number(schema.maximum ?? Math.max(min + 100, 1000));
        return this.int(min, Math.min(max, min + 100_000));
      }
      case 'boolean':
        return this.chance(0.5);
      case 'string':
        return this.#string(schema, name);
      default:
        return null;
    }
  }

  #string(schema: Schema, name: string): string {
    const format = schema.format as string | undefined;
    // A traveller's birth: long ago, at the edges of the kinds' ages, on the 1900 limit, or after today.
    if (name === 'dateOfBirth' && format === 'date') {
      return this.pick([
        addDays(this.#today, -this.int(0, 40_000)),
        addDays(this.#today, -this.int(1, 3) * 365),
        addDays(this.#today, -12 * 365),
        '1900-01-01',
        '1899-12-31',
        '2020-02-29',
        addDays(this.#today, this.int(1, 3)),
      ]);
    }
    if (format === 'date') return addDays(this.#today, this.int(-3, 60));
    if (format === 'date-time')
      return new Date(Date.parse(`${addDays(this.#today, this.int(1, 60))}T10:00:00Z`)).toISOString();
    if (format === 'email') return `fuzz${this.int(0, 1e6)}@example.test`;
    if (/currency/i.test(name)) return this.pick(['USD', 'EUR', 'usd', 'XXX']);
    if (/^(from|to)$/.test(name)) return this.pick(['LIS', 'JFK', 'LHR', 'lis', 'XXXX']);
    const min = Number(schema.minLength ?? 1);
    const max = Math.min(Number(schema.maxLength ?? 20), 40);
    return 'fz'.repeat(Math.ceil(Math.max(min, this.int(min, max)) / 2)).slice(0, Math.max(min, max));
  }

  /** One to three breakages of a well-formed body, half of the time. */
  #mutate(body: Json): Json {
    if (this.chance(0.5)) return body;
    let out = structuredClone(body);
    for (let n = this.int(1, 3); n > 0; n--) {
      const paths = leafPaths(out);
      if (paths.length === 0 || this.chance(0.1)) return this.pick(NASTY)();
      const path = this.pick(paths);
      const action = this.#random();
      if (action < 0.6) out = setAt(out, path, this.pick(NASTY)());
      else if (action < 0.8) out = deleteAt(out, path);
      else out = setAt(out, [...path.slice(0, -1), `unknown_${this.int(0, 99)}`], this.pick(NASTY)());
    }
    // Reversed ranges: the two dates of a stay or a rental swapped.
    if (out && typeof out === 'object' && !Array.isArray(out) && this.chance(0.2)) {
      for (const [a, b] of [
        ['checkIn', 'checkOut'],
        ['pickUp', 'dropOff'],
        ['from', 'to'],
        ['departureAt', 'arrivalAt'],
      ] as const) {
        if (a in out && b in out) [out[a], out[b]] = [out[b]!, out[a]!];
      }
    }
    return out;
  }
}

function leafPaths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return prefix.length ? [prefix] : [];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  const inner = entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  return prefix.length ? [prefix, ...inner] : inner;
}

function setAt(root: Json, path: (string | number)[], v: Json): Json {
  if (path.length === 0) return v;
  if (root === null || typeof root !== 'object') return root;
  let node = root as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') return root;
    node = next as Record<string | number, Json>;
  }
  node[path.at(-1)!] = v;
  return root;
}

function deleteAt(root: Json, path: (string | number)[]): Json {
  if (path.length === 0 || root === null || typeof root !== 'object') return root;
  let node = root as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') return root;
    node = next as Record<string | number, Json>;
  }
  if (Array.isArray(node)) node.splice(Number(path.at(-1)), 1);
  else delete node[path.at(-1)!];
  return root;
}
