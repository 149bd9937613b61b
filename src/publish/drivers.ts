/** The step drivers by step kind (see stepDriver.ts). */
import { chatPostDriver, mailDraftDriver, mailSendDriver } from './announcementDrivers';
import { documentColumnsDriver, documentUploadDriver } from './documentDrivers';
import { plannerDetailsDriver, plannerTaskDriver } from './plannerDrivers';
import type { PublishStep } from './PublishPlan';
import { registerRowDriver } from './registerRowDriver';
import type { StepDriver } from './stepDriver';
import { todoTaskDriver } from './todoTaskDriver';

export const STEP_DRIVERS = {
  'document.upload': documentUploadDriver,
  'document.columns': documentColumnsDriver,
  'chat.post': chatPostDriver,
  'mail.draft': mailDraftDriver,
  'mail.send': mailSendDriver,
  'register.upsert': registerRowDriver,
  'planner.upsert': plannerTaskDriver,
  'planner.details': plannerDetailsDriver,
  'todo.upsert': todoTaskDriver,
} satisfies { [K in PublishStep['kind']]: StepDriver<Extract<PublishStep, { kind: K }>> } as Record<
  PublishStep['kind'],
  StepDriver
>;
