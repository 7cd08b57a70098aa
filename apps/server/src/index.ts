// What other workspace packages (scripts) use of the server; the server itself starts from main.ts.
export { openStores, type Stores } from './stores/index.ts';
export { DataDirLock } from './lock.ts';
export { AvailabilityService } from './selling/availability.ts';
export { seedDemoCatalog, type DemoCatalogSeeding } from './demo/seed.ts';
export {
  countDemoCatalog,
  DEFAULT_DEMO_SEED,
  demoCatalogSize,
  generateCatalog,
  MAX_DEMO_SCALE,
  type DemoCatalog,
} from './demo/catalog.ts';
export { ConfigError, loadConfig } from './config.ts';
export { backupCommand, CommandError, restoreCommand } from './operations/commands.ts';
export { ArchiveError } from './operations/archive.ts';
export { RestoreRefusedError } from './operations/restore.ts';
export { buildOpenApiDocument, openApiJson } from './http/openapi.ts';
