import { z } from 'zod';
import { StoreNameSchema } from './health.ts';

/**
 * The consistency checker (extension, admins): checks the five stores against each other, reports, and
 * repairs what is safe to repair. Reports are kept on the server (the last hundred).
 */

/** The checks, in the order they run. */
export const CONSISTENCY_CHECK_NAMES = [
  'inventory_counts',
  'sold_items_paid',
  'payments_match_items',
  'stores_agree',
  'expired_holds_released',
] as const;
export const ConsistencyCheckNameSchema = z.enum(CONSISTENCY_CHECK_NAMES);
export type ConsistencyCheckName = z.infer<typeof ConsistencyCheckNameSchema>;

/** ok: nothing wrong; repaired: something was wrong and all of it was repaired; problem: something is left. */
export const ConsistencyCheckStatusSchema = z.enum(['ok', 'repaired', 'problem']);
export type ConsistencyCheckStatus = z.infer<typeof ConsistencyCheckStatusSchema>;

export const ConsistencyTriggerSchema = z.enum(['admin', 'schedule', 'start']);
export type ConsistencyTrigger = z.infer<typeof ConsistencyTriggerSchema>;

export const ConsistencyDetailSchema = z
  .object({
    store: StoreNameSchema,
    entity: z
      .string()
      .meta({ description: 'What kind of record: `room_night`, `flight_hold`, `trip_item`, …' }),
    id: z.string().meta({ description: 'The record: its id, or its key (`roomTypeId/night`).' }),
    message: z.string(),
    repaired: z.boolean().meta({ description: 'True when this run repaired it.' }),
  })
  .meta({ id: 'ConsistencyDetail' });
export type ConsistencyDetail = z.infer<typeof ConsistencyDetailSchema>;

export const ConsistencyCheckResultSchema = z
  .object({
    name: ConsistencyCheckNameSchema,
    title: z.string().meta({ description: 'What the check verifies, in words.' }),
    status: ConsistencyCheckStatusSchema,
    checked: z.number().int().nonnegative().meta({ description: 'Records examined.' }),
    problems: z.number().int().nonnegative().meta({ description: 'Records found wrong.' }),
    repaired: z.number().int().nonnegative().meta({ description: 'Of those, repaired by this run.' }),
    details: z.array(ConsistencyDetailSchema).meta({ description: 'The problems, at most 100.' }),
    truncated: z.boolean().meta({ description: 'True when there were more problems than details.' }),
  })
  .meta({ id: 'ConsistencyCheckResult' });
export type ConsistencyCheckResult = z.infer<typeof ConsistencyCheckResultSchema>;

const Instant = z.iso.datetime({ offset: true });

export const ConsistencyReportSchema = z
  .object({
    id: z.string(),
    startedAt: Instant,
    finishedAt: Instant,
    trigger: ConsistencyTriggerSchema,
    repair: z.boolean().meta({ description: 'Whether safe repairs were made.' }),
    ok: z.boolean().meta({ description: 'True when no check left a problem (repaired ones are ok).' }),
    checks: z.array(ConsistencyCheckResultSchema),
  })
  .meta({ id: 'ConsistencyReport' });
export type ConsistencyReport = z.infer<typeof ConsistencyReportSchema>;

export const ConsistencyReportSummarySchema = z
  .object({
    id: z.string(),
    startedAt: Instant,
    finishedAt: Instant,
    trigger: ConsistencyTriggerSchema,
    repair: z.boolean(),
    ok: z.boolean(),
    problems: z.number().int().nonnegative().meta({ description: 'Problems found, over every check.' }),
    repaired: z.number().int().nonnegative().meta({ description: 'Of those, repaired.' }),
  })
  .meta({ id: 'ConsistencyReportSummary' });
export type ConsistencyReportSummary = z.infer<typeof ConsistencyReportSummarySchema>;

export const ConsistencyReportListSchema = z
  .object({ items: z.array(ConsistencyReportSummarySchema) })
  .meta({ id: 'ConsistencyReportList' });
export type ConsistencyReportList = z.infer<typeof ConsistencyReportListSchema>;

export const RunConsistencyCheckRequestSchema = z
  .object({
    repair: z
      .boolean()
      .default(false)
      .meta({ description: 'Repair what is safe to repair (default: only check and report).' }),
  })
  .meta({ id: 'RunConsistencyCheckRequest' });
export type RunConsistencyCheckRequest = z.infer<typeof RunConsistencyCheckRequestSchema>;

/** Path of `/api/admin/consistency-checks/{checkId}`. */
export const ConsistencyCheckParamsSchema = z.object({ checkId: z.string().min(1).max(100) });
export type ConsistencyCheckParams = z.infer<typeof ConsistencyCheckParamsSchema>;
