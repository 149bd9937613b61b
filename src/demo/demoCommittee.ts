/**
 * The demo committee: an operations group shaped like the real one in our reference minutes
 * (six constituency categories in their fixed order, an operator, a secretariat, advisory and
 * government bodies), with invented people and organisations.
 */
import type { CommitteeSettingsInput } from '../domain';
import { DEMO_USERS, DEMO_WORKPLACE } from './demoTenant';

export const DEMO_COMMITTEE_ID = 'demo-opsg';

const member = (
  id: string,
  name: string,
  categoryId: string,
  extra: { role?: string; organisation?: string; entraObjectId?: string } = {},
) => ({
  id,
  name,
  categoryId,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@members.example`,
  ...extra,
});

export const demoCommitteeSettings: CommitteeSettingsInput = {
  name: 'Operations Group',
  code: 'OPSG',
  timeZone: 'Europe/London',
  categories: [
    { id: 'chair', name: 'Operations Group Chair' },
    { id: 'operator', name: 'CDS' },
    { id: 'network', name: 'Network Parties', memberPhrase: 'a Network Party member' },
    { id: 'large', name: 'Large Suppliers', memberPhrase: 'a Large Supplier member' },
    { id: 'small', name: 'Small Suppliers', memberPhrase: 'a Small Supplier member' },
    { id: 'other', name: 'Other Code Parties', memberPhrase: 'an Other Code Party member' },
  ],
  members: [
    member('m-cole', 'Harriet Cole', 'chair', {
      role: 'Chair',
      entraObjectId: DEMO_USERS.cole.id,
    }),
    member('m-pryce', 'Owen Pryce', 'operator', {
      organisation: 'Central Data Service',
      entraObjectId: DEMO_USERS.pryce.id,
    }),
    member('m-natarajan', 'Priya Natarajan', 'network', { organisation: 'Northbrook Networks' }),
    member('m-reid', 'Callum Reid', 'network', { organisation: 'Eastmere Distribution' }),
    member('m-marsh', 'Fiona Marsh', 'large', { organisation: 'Brightwater Energy' }),
    member('m-nowak', 'Tomasz Nowak', 'large', { organisation: 'Kestrel Power' }),
    member('m-brooks', 'Nadia Brooks', 'large', { organisation: 'Halden Supply' }),
    member('m-achebe', 'Simon Achebe', 'large', { organisation: 'Greystone Energy' }),
    member('m-fairbanks', 'Leo Fairbanks', 'large', { organisation: 'Marlow Gas & Power' }),
    member('m-webb', 'Marcus Webb', 'large', { organisation: 'Northlight Utilities' }),
    member('m-duval', 'Alice Duval', 'large', { organisation: 'Rivington Energy' }),
    member('m-yoon', 'Peter Yoon', 'large', { organisation: 'Castlegate Power' }),
    member('m-stirling', 'Hannah Stirling', 'large', { organisation: 'Wyvern Supply' }),
    member('m-hale', 'Imogen Hale', 'small', { organisation: 'Pennant Energy' }),
    member('m-ashby', 'Colin Ashby', 'small', { organisation: 'Tidewell Power' }),
    member('m-menon', 'Ravi Menon', 'other', { organisation: 'Meterline Services' }),
    member('m-lloyd', 'Bethan Lloyd', 'other', { organisation: 'Signal Data Ltd' }),
    member('m-quinn', 'Zara Quinn', 'other', { organisation: 'Gridwise Agents' }),
  ],
  organisations: [
    {
      id: 'cds',
      name: 'CDS',
      fullName: 'Central Data Service',
      kind: 'operator',
      aliases: ['The CDS'],
      contacts: [
        {
          id: 'c-ross',
          name: 'Megan Ross',
          email: DEMO_USERS.ross.mail,
          entraObjectId: DEMO_USERS.ross.id,
        },
        {
          id: 'c-adeyemi',
          name: 'Olu Adeyemi',
          email: DEMO_USERS.adeyemi.mail,
          entraObjectId: DEMO_USERS.adeyemi.id,
        },
      ],
    },
    {
      id: 'csec',
      name: 'CSEC',
      fullName: 'Code Secretariat',
      kind: 'secretariat',
      aliases: ['The Secretariat'],
      contacts: [
        {
          id: 'c-carvalho',
          name: 'Ines Carvalho',
          email: DEMO_USERS.carvalho.mail,
          entraObjectId: DEMO_USERS.carvalho.id,
        },
      ],
    },
    { id: 'tag', name: 'TAG', fullName: 'Testing Advisory Group', kind: 'advisory' },
    { id: 'dfen', name: 'DfEN', fullName: 'Department for Energy Networks', kind: 'government' },
    {
      id: 'cspn',
      name: 'CSP N',
      fullName: 'Communication Service Provider North',
      kind: 'party',
      contacts: [
        {
          id: 'c-lindqvist',
          name: 'Erik Lindqvist',
          email: DEMO_USERS.lindqvist.mail,
          entraObjectId: DEMO_USERS.lindqvist.id,
        },
      ],
    },
    {
      id: 'opsg',
      name: 'OPSG',
      fullName: 'Operations Group',
      kind: 'committee',
      aliases: ['The OPSG'],
    },
  ],
  classification: {
    level: 'WHITE',
    notice:
      'This document is classified as White. It may be shared with Code Parties and programme stakeholders, but it must not be published, including online.',
  },
  quorum: { minimumMembers: 6, perCategory: [{ categoryId: 'large', minimum: 2 }] },
  decisionVerbs: ['NOTED', 'AGREED', 'APPROVED', 'ENDORSED', 'DECIDED', 'RECOMMENDED'],
  publishing: demoPublishing(),
  minutes: {
    statusTitles: { draft: 'Draft Minutes', circulated: 'Draft Minutes', final: 'Minutes' },
    membersColumnTitle: 'Operations Group Members',
    dateFormat: 'dd/MM/yyyy',
    noteAttribution: 'constituency',
    acronyms: [
      { short: 'CDS', expansion: 'Central Data Service' },
      { short: 'CSP N', expansion: 'Communication Service Provider North' },
      { short: 'CSP C&S', expansion: 'Communication Service Provider Central and South' },
      { short: 'PMR', expansion: 'Performance Measurement Report' },
      { short: 'TAG', expansion: 'Testing Advisory Group' },
    ],
  },
};

/** Where the demo committee publishes: the demo tenant's library, register, plan and list. */
export function demoPublishing(): NonNullable<CommitteeSettingsInput['publishing']> {
  return {
    documentLibrary: {
      driveId: DEMO_WORKPLACE.driveId,
      folder: 'Minutes',
      columns: {
        reference: 'MeetingReference',
        meetingDate: 'MeetingDate',
        classification: 'Classification',
        status: 'MinutesStatus',
      },
    },
    actionRegister: { siteId: DEMO_WORKPLACE.siteId, listId: DEMO_WORKPLACE.actionListId },
    planner: { planId: DEMO_WORKPLACE.planId, bucketId: DEMO_WORKPLACE.openBucketId },
    distributionList: [DEMO_WORKPLACE.distributionList],
    todoReminders: { enabled: true, daysBefore: 2 },
  };
}
