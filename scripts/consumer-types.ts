// Every import point of the packed package but calling-cycle/zod (consumer-types-zod.ts), type-checked as a CRM codebase compiles it: this file
// is copied into a fresh folder where only the tarball is installed (no fast-check, no vitest, no
// jest, no @types/node) and compiled under moduleResolution node10, node16 (CommonJS and ESM) and
// bundler, with esModuleInterop and skipLibCheck off (scripts/check-package.sh).
import { type DueItem, evaluate, type Policy, parsePolicy, plan, PolicyError } from 'calling-cycle';
import { callListToCsv } from 'calling-cycle/csv';
import { toHubSpotTasks } from 'calling-cycle/hubspot';
import { toICalendar } from 'calling-cycle/ical';
import { evaluateParallel } from 'calling-cycle/parallel';
import { fromPipedrive } from 'calling-cycle/pipedrive';
import { fromSalesforce } from 'calling-cycle/salesforce';
import { compileSql } from 'calling-cycle/sql';
import { BookBuilder, type FastCheck, runScenario } from 'calling-cycle/testing';

const policy: Policy = parsePolicy({ version: 1, tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P14D' } }] }], defaultTier: 'A' });
const items: DueItem[] = evaluate({ policy, contacts: [], touches: [], now: '2026-03-01T00:00:00Z' }).items;
const error: PolicyError | undefined = undefined;
export const used = [items, error, plan, callListToCsv, toHubSpotTasks, toICalendar, evaluateParallel, fromPipedrive, fromSalesforce, compileSql];
export const kit = [BookBuilder, runScenario];
export type Kit = FastCheck;
