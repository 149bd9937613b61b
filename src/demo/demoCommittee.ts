/**
 * The demo committee: an operations group shaped like the real one in our reference minutes
 * (six constituency categories in their fixed order, an operator, a secretariat, advisory and
 * government bodies), with invented people and organisations.
 */
import type { CommitteeSettingsInput } from '../domain';

export const DEMO_COMMITTEE_ID = 'demo-opsg';

const member = (
  id: string,
  name: string,
  categoryId: string,
  extra: { role?: string; organisation?: string } = {},
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
    member('m-cole', 'Harriet Cole', 'chair', { role: 'Chair' }),
    member('m-pryce', 'Owen Pryce', 'operator', { organisation: 'Central Data Service' }),
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
        { id: 'c-ross', name: 'Megan Ross', email: 'megan.ross@cds.example' },
        { id: 'c-adeyemi', name: 'Olu Adeyemi', email: 'olu.adeyemi@cds.example' },
      ],
    },
    {
      id: 'csec',
      name: 'CSEC',
      fullName: 'Code Secretariat',
      kind: 'secretariat',
      aliases: ['The Secretariat'],
      contacts: [{ id: 'c-carvalho', name: 'Ines Carvalho', email: 'ines.carvalho@csec.example' }],
    },
    { id: 'tag', name: 'TAG', fullName: 'Testing Advisory Group', kind: 'advisory' },
    { id: 'dfen', name: 'DfEN', fullName: 'Department for Energy Networks', kind: 'government' },
    {
      id: 'cspn',
      name: 'CSP N',
      fullName: 'Communication Service Provider North',
      kind: 'party',
      contacts: [
        { id: 'c-lindqvist', name: 'Erik Lindqvist', email: 'erik.lindqvist@cspn.example' },
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
