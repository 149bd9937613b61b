/**
 * A committee's settings: who sits on it (members by constituency category, in the order the
 * minutes list them), the other organisations that attend or own actions, and the committee's
 * own formats and rules. One zod schema is the single source of the type and of its validation.
 */
import { z } from 'zod';
import { templateProblems } from './formatTemplate';
import { entityId, label } from './primitives';

export const CLASSIFICATION_LEVELS = ['WHITE', 'GREEN', 'AMBER', 'RED'] as const;
export type ClassificationLevel = (typeof CLASSIFICATION_LEVELS)[number];

export const ORGANISATION_KINDS = [
  'operator',
  'secretariat',
  'government',
  'advisory',
  'committee',
  'party',
  'other',
] as const;

const email = z.string().email('must be an e-mail address').max(320);
const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');

export const categorySchema = z.strictObject({
  id: entityId,
  name: label,
  /** How minutes name one member of it without naming the person: "a Large Supplier member". */
  memberPhrase: label.optional(),
});

export const memberSchema = z.strictObject({
  id: entityId,
  name: label,
  categoryId: entityId,
  email: email.optional(),
  entraObjectId: guid.optional(),
  /** "Chair", "Deputy Chair", "Alternate"… free text, shown in the roster. */
  role: label.optional(),
  /** The body the member comes from, e.g. their company; not a constituency. */
  organisation: label.optional(),
  /** Members who leave are deactivated, never deleted, so old minutes keep their names. */
  active: z.boolean().default(true),
});

export const contactSchema = z.strictObject({
  id: entityId,
  name: label,
  email: email.optional(),
  entraObjectId: guid.optional(),
  active: z.boolean().default(true),
});

export const organisationSchema = z.strictObject({
  id: entityId,
  /** The short name the minutes use: "DCC", "SECAS", "CSP N". */
  name: label,
  fullName: label.optional(),
  kind: z.enum(ORGANISATION_KINDS).default('other'),
  /** Other ways the minutes name it: "The DCC". */
  aliases: z.array(label).max(20).default([]),
  /** The owner directory: named people who receive this organisation's actions. */
  contacts: z.array(contactSchema).max(200).default([]),
  active: z.boolean().default(true),
});

export const classificationSchema = z.strictObject({
  level: z.enum(CLASSIFICATION_LEVELS),
  notice: z.string().max(2000),
});

export const quorumRuleSchema = z.strictObject({
  /** Members (or alternates for them) present for the meeting to be quorate; 0 = no rule. */
  minimumMembers: z.number().int().min(0).max(1000),
  perCategory: z
    .array(z.strictObject({ categoryId: entityId, minimum: z.number().int().min(1).max(1000) }))
    .max(50)
    .default([]),
});

/** Date patterns for rendered documents: dd, d, MM, M, MMMM, MMM, yyyy, yy and separators. */
export const dateFormatSchema = z
  .string()
  .max(40)
  .regex(
    /^(dd|d|MMMM|MMM|MM|M|yyyy|yy|[\s/.,-])+$/,
    'must use only dd, d, MM, M, MMMM, MMM, yyyy, yy and / . , - or spaces',
  );

export const minutesSettingsSchema = z.strictObject({
  /** The status line of the title block, per status of the minutes. */
  statusTitles: z
    .strictObject({ draft: label, circulated: label, final: label })
    .default({ draft: 'Draft Minutes', circulated: 'Draft Minutes', final: 'Minutes' }),
  /** Heading of the members column; default "<committee name> Members". */
  membersColumnTitle: label.optional(),
  /** How decisions name the committee; default "The <code>". */
  decisionSubject: label.optional(),
  /** Dates in tables; default dd/MM/yyyy. Title and next-meeting lines use d MMMM yyyy. */
  dateFormat: dateFormatSchema.default('dd/MM/yyyy'),
  /** A note's speaker is named by their organisation ("The CDS") or constituency ("A Large Supplier member"). */
  noteAttribution: z.enum(['organisation', 'constituency']).default('organisation'),
  /** Expanded on first use in the narrative: "Communication Service Provider North (CSP N)". */
  acronyms: z
    .array(z.strictObject({ short: z.string().min(1).max(40), expansion: label }))
    .max(500)
    .default([]),
});
export type MinutesSettings = z.output<typeof minutesSettingsSchema>;

/** Where published minutes and tasks go in Microsoft 365; each part is optional. */
export const publishingSettingsSchema = z.strictObject({
  /** SharePoint document library (a drive) and the folder the minutes go in: "{folder}/{year}/". */
  documentLibrary: z
    .strictObject({
      driveId: z.string().min(1).max(200),
      folder: z.string().min(1).max(200).default('Minutes'),
      /** Library column internal names to fill; leave one out to skip it. */
      columns: z
        .strictObject({
          reference: z.string().max(100).optional(),
          meetingDate: z.string().max(100).optional(),
          classification: z.string().max(100).optional(),
          status: z.string().max(100).optional(),
        })
        .default({}),
    })
    .nullable()
    .default(null),
  /** SharePoint list holding one row per action (columns ActionId, Title, Owner, DueDate, Status). */
  actionRegister: z
    .strictObject({ siteId: z.string().min(1).max(300), listId: z.string().min(1).max(200) })
    .nullable()
    .default(null),
  /** Planner plan and bucket for one task per action. */
  planner: z
    .strictObject({ planId: z.string().min(1).max(200), bucketId: z.string().min(1).max(200) })
    .nullable()
    .default(null),
  /** Who receives the minutes by e-mail. */
  distributionList: z.array(email).max(500).default([]),
  /** A To Do task with a reminder for each named contact of an action's owners. */
  todoReminders: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Days before the due date at 09:00 in the committee's time zone. */
      daysBefore: z.number().int().min(0).max(60).default(2),
    })
    .default({ enabled: true, daysBefore: 2 }),
});
export type PublishingSettings = z.output<typeof publishingSettingsSchema>;

const timeZone = z
  .string()
  .refine(isKnownTimeZone, 'must be an IANA time zone such as Europe/London');

const committeeFields = {
  name: label,
  /** Short code used in references and action IDs: "OPSG". */
  code: z.string().regex(/^[A-Za-z0-9]{1,12}$/, 'must be 1-12 letters or digits'),
  categories: z.array(categorySchema).min(1).max(50),
  members: z.array(memberSchema).max(500).default([]),
  organisations: z.array(organisationSchema).max(200).default([]),
  classification: classificationSchema,
  meetingReferenceFormat: z.string().min(1).max(80).default('{code}_{number}_{DDMM}'),
  actionIdFormat: z.string().min(1).max(80).default('{code} {number}/{seq:2}'),
  timeZone: timeZone.default('Europe/London'),
  quorum: quorumRuleSchema.default({ minimumMembers: 0, perCategory: [] }),
  /** The controlled verbs decisions may use, in capitals. */
  decisionVerbs: z
    .array(z.string().regex(/^[A-Z][A-Z -]{1,29}$/, 'must be a verb in capitals, e.g. NOTED'))
    .min(1)
    .max(30)
    .default(['NOTED', 'AGREED', 'APPROVED', 'ENDORSED', 'DECIDED', 'RECOMMENDED']),
  publishing: publishingSettingsSchema.default({
    documentLibrary: null,
    actionRegister: null,
    planner: null,
    distributionList: [],
    todoReminders: { enabled: true, daysBefore: 2 },
  }),
  minutes: minutesSettingsSchema.default({
    statusTitles: { draft: 'Draft Minutes', circulated: 'Draft Minutes', final: 'Minutes' },
    dateFormat: 'dd/MM/yyyy',
    noteAttribution: 'organisation',
    acronyms: [],
  }),
};

export const committeeSettingsSchema = z.strictObject(committeeFields).superRefine(checkReferences);

export type CommitteeSettings = z.output<typeof committeeSettingsSchema>;
export type CommitteeSettingsInput = z.input<typeof committeeSettingsSchema>;
export type Category = z.output<typeof categorySchema>;
export type Member = z.output<typeof memberSchema>;
export type Organisation = z.output<typeof organisationSchema>;
export type Contact = z.output<typeof contactSchema>;
export type QuorumRule = z.output<typeof quorumRuleSchema>;

export interface Committee extends CommitteeSettings {
  id: string;
  tenantId: string;
  /** Increases by one on every update; sent as the ETag. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

type Ctx = z.RefinementCtx;

function checkReferences(settings: z.output<z.ZodObject<typeof committeeFields>>, ctx: Ctx): void {
  checkUnique(settings.categories, ['categories'], ctx);
  checkUnique(settings.members, ['members'], ctx);
  checkUnique(settings.organisations, ['organisations'], ctx);
  checkUnique(
    settings.organisations.flatMap((organisation) => organisation.contacts),
    ['organisations', 'contacts'],
    ctx,
  );
  const categoryIds = new Set(settings.categories.map((category) => category.id));
  settings.members.forEach((member, index) => {
    if (!categoryIds.has(member.categoryId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['members', index, 'categoryId'],
        message: `names category "${member.categoryId}", which is not in categories`,
      });
    }
  });
  settings.quorum.perCategory.forEach((rule, index) => {
    if (!categoryIds.has(rule.categoryId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['quorum', 'perCategory', index, 'categoryId'],
        message: `names category "${rule.categoryId}", which is not in categories`,
      });
    }
  });
  for (const problem of templateProblems(settings.meetingReferenceFormat, ['number'])) {
    ctx.addIssue({ code: 'custom', path: ['meetingReferenceFormat'], message: problem });
  }
  for (const problem of templateProblems(settings.actionIdFormat, ['number', 'seq'])) {
    ctx.addIssue({ code: 'custom', path: ['actionIdFormat'], message: problem });
  }
}

function checkUnique(items: readonly { id: string }[], path: (string | number)[], ctx: Ctx): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, index, 'id'],
        message: `repeats id "${item.id}"`,
      });
    }
    seen.add(item.id);
  });
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Ids that a committee update may not drop, because meetings and minutes refer to them. */
export function removedIds(before: CommitteeSettings, after: CommitteeSettings): string[] {
  const ids = (settings: CommitteeSettings) => [
    ...settings.members.map((member) => `members/${member.id}`),
    ...settings.organisations.map((organisation) => `organisations/${organisation.id}`),
    ...settings.organisations.flatMap((organisation) =>
      organisation.contacts.map((contact) => `contacts/${contact.id}`),
    ),
  ];
  const kept = new Set(ids(after));
  return ids(before).filter((id) => !kept.has(id));
}
