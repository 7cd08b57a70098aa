import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as tar from 'tar';
import { z } from 'zod';
import {
  BackupDialectSchema,
  BackupIdSchema,
  BackupReasonSchema,
  STORE_NAMES,
  StoreNameSchema,
  type BackupReason,
} from '@tripdesk/shared';

/** Version of the archive layout; a restore refuses archives of a format it does not know. */
export const ARCHIVE_FORMAT = 1;
export const MANIFEST = 'manifest.json';

const FileEntrySchema = z.object({
  name: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FileEntry = z.infer<typeof FileEntrySchema>;

const StoreEntrySchema = z.object({
  /** SQLite: one file, the store's database. PostgreSQL: one NDJSON file per table. */
  files: z.array(FileEntrySchema),
  /** Names of the migrations applied to the store when it was copied, in order. */
  migrations: z.array(z.string()),
  /** Rows per table at the copy (knex's own tables left out). */
  rows: z.record(z.string(), z.number().int().nonnegative()),
  /** PostgreSQL: the tables in an order that inserts parents before children. */
  tableOrder: z.array(z.string()).optional(),
});
export type StoreEntry = z.infer<typeof StoreEntrySchema>;

export const ManifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  product: z.literal('tripdesk'),
  id: BackupIdSchema,
  createdAt: z.iso.datetime({ offset: true }),
  serverVersion: z.string(),
  dialect: BackupDialectSchema,
  reason: BackupReasonSchema,
  pauseMs: z.number().nonnegative(),
  stores: z.record(StoreNameSchema, StoreEntrySchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Only these paths are ever written to or read from an archive; anything else in one is refused. */
const ENTRY_PATH = /^(?:manifest\.json|sqlite\/[a-z]+\.sqlite|pg\/[a-z]+\/[a-z0-9_]+\.ndjson)$/;

/** `tripdesk-20261122T101500Z-manual-k3x9q2`: sortable by time, says why, unique. */
export function newBackupId(at: Date, reason: BackupReason): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const suffix = [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('');
  return BackupIdSchema.parse(`tripdesk-${stamp}-${reason}-${suffix}`);
}

export const archiveFileName = (id: string): string => `${id}.tar.gz`;

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function fileEntry(dir: string, name: string): Promise<FileEntry> {
  const path = join(dir, name);
  return { name, sizeBytes: (await stat(path)).size, sha256: await sha256File(path) };
}

/**
 * Packs `staging` (manifest.json first, then `files`) into `outFile`. Written under a temporary name and
 * renamed, so a listed archive is always a whole one.
 */
export async function writeArchive(
  staging: string,
  files: readonly string[],
  outFile: string,
): Promise<void> {
  for (const f of files) if (!ENTRY_PATH.test(f)) throw new Error(`not an archive path: ${f}`);
  const partial = `${outFile}.partial`;
  try {
    await tar.c({ gzip: true, file: partial, cwd: staging, portable: true }, [MANIFEST, ...files]);
    await rename(partial, outFile);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

/** The manifest of an archive, validated; reads the archive through. */
export async function readManifest(archive: string): Promise<Manifest> {
  let text: string | undefined;
  await tar.t({
    file: archive,
    onReadEntry(entry) {
      if (entry.path !== MANIFEST) {
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => (text = Buffer.concat(chunks).toString('utf8')));
    },
  });
  if (text === undefined) throw new ArchiveError('the archive has no manifest.json: not a Tripdesk backup');
  return parseManifest(text);
}

export function parseManifest(text: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ArchiveError('manifest.json is not JSON');
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== ARCHIVE_FORMAT) {
    throw new ArchiveError(
      `archive format ${String(format)} is not one this server reads (${ARCHIVE_FORMAT})`,
    );
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success)
    throw new ArchiveError(`manifest.json is not valid: ${parsed.error.issues[0]?.message}`);
  for (const s of STORE_NAMES) {
    if (!parsed.data.stores[s]) throw new ArchiveError(`the archive has no ${s} store`);
  }
  return parsed.data;
}

/**
 * Unpacks an archive into `dir` (which must be empty) and checks every file against the manifest's
 * size and sha256. Entries outside the known layout (other names, links, absolute or `..` paths) are
 * refused, not skipped.
 */
export async function extractArchive(archive: string, dir: string): Promise<Manifest> {
  const refused: string[] = [];
  await tar.x({
    file: archive,
    cwd: dir,
    strict: true,
    filter: (path, entry) => {
      const ok = ENTRY_PATH.test(path) && (entry as { type?: string }).type === 'File';
      if (!ok) refused.push(path);
      return ok;
    },
  });
  if (refused.length > 0)
    throw new ArchiveError(`the archive holds unexpected entries: ${refused.join(', ')}`);
  const manifest = await readManifestFile(dir);
  for (const s of STORE_NAMES) {
    for (const f of manifest.stores[s]!.files) {
      let actual: FileEntry;
      try {
        actual = await fileEntry(dir, f.name);
      } catch {
        throw new ArchiveError(`the archive lacks ${f.name}, which its manifest lists`);
      }
      if (actual.sha256 !== f.sha256 || actual.sizeBytes !== f.sizeBytes) {
        throw new ArchiveError(`${f.name} does not match its sha256 in the manifest: the archive is damaged`);
      }
    }
  }
  return manifest;
}

async function readManifestFile(dir: string): Promise<Manifest> {
  try {
    return parseManifest(await readFile(join(dir, MANIFEST), 'utf8'));
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') {
      throw new ArchiveError('the archive has no manifest.json: not a Tripdesk backup');
    }
    throw err;
  }
}

/** An archive that cannot be restored: damaged, foreign, or from a newer server. */
export class ArchiveError extends Error {}
