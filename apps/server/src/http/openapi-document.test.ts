import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, openApiJson } from './openapi.ts';
import { breakingChanges, type OpenApiJson } from './openapi-breaking-changes.ts';

/**
 * The committed `docs/openapi.json` is what clients are built against: it must be the document the route
 * table generates now, and the generated document must not break it, nor the one on the main branch
 * (OPENAPI_BASE_REF, default `main`) when git can show it. A break a release means to make is made by
 * regenerating the file on purpose and saying so in review: the main branch check then fails until merged.
 */

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const COMMITTED = path.join(ROOT, 'docs/openapi.json');
const REGENERATE = 'pnpm run openapi';

const generated = buildOpenApiDocument() as unknown as OpenApiJson;

/** The document at the base revision, or undefined when there is no git, no such ref or no file there yet. */
function baseDocument(): { ref: string; doc: OpenApiJson } | undefined {
  const ref = process.env.OPENAPI_BASE_REF ?? 'main';
  try {
    const text = execFileSync('git', ['show', `${ref}:docs/openapi.json`], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 << 20,
    });
    return { ref, doc: JSON.parse(text) as OpenApiJson };
  } catch {
    return undefined;
  }
}

describe('the committed OpenAPI document', () => {
  it('is the document the route table generates', () => {
    const committed = readFileSync(COMMITTED, 'utf8');
    expect(
      committed === openApiJson(),
      `docs/openapi.json differs from the route table's document: run \`${REGENERATE}\` and commit it`,
    ).toBe(true);
  });

  it('is not broken by the generated document', () => {
    const committed = JSON.parse(readFileSync(COMMITTED, 'utf8')) as OpenApiJson;
    expect(breakingChanges(committed, generated), 'changes that break clients of docs/openapi.json').toEqual(
      [],
    );
  });

  const base = baseDocument();
  it.skipIf(!base)(`is not broken against the main branch's (${base?.ref ?? 'no git'})`, () => {
    expect(breakingChanges(base!.doc, generated), `changes that break clients of ${base!.ref}`).toEqual([]);
  });
});
