/**
 * Operations as the capture tab makes them: client-made UUID ids, ISO clientTime, realistic text.
 * Also a long meeting's log for the fold: the OPSG-41 capture script's op kinds, repeated with
 * fresh ids until the log is long enough, every op checked by the server's own parser.
 */
import { randomUUID } from 'node:crypto';
import { loadDist } from './dist.mjs';

const domain = loadDist('domain/index.js');
const { CaptureScript } = loadDist('demo/CaptureScript.js');
const { captureDemoMeeting, DEMO_AGENDA, DEMO_MEETING } = loadDist('demo/demoMeeting.js');
const { demoCommitteeSettings, DEMO_COMMITTEE_ID } = loadDist('demo/demoCommittee.js');

export { DEMO_AGENDA, DEMO_MEETING, demoCommitteeSettings };
export const SECRETARY = 'local:secretary';

/** About 200 characters each, in the register of real minutes. */
const NOTE_TEXTS = [
  'The CDS reported that installation volumes recovered in the second half of the month, and that the backlog of failed commissioning requests had been cleared with the help of two Large Suppliers.',
  'CSEC took the group through the variance report. Three parties remained outside tolerance for a second month; the group asked CSEC to write to them and report back at the next main meeting.',
  'A Network Party member asked whether the revised alert routing would reach smaller suppliers in time. The CDS confirmed that the change is scheduled for the March release and will be tested first.',
  'The group discussed the draft incident review. Members welcomed the clearer timeline but asked that the lessons learned section name the owner of each follow-up and the date it is due to complete.',
  'The Chair reminded members that comments on the reporting summary are due by 4 February, and that late comments cannot be reflected in the Panel paper. CSEC will circulate a reminder to all members.',
  'The CDS explained that the firmware delivery measure was missed because of a configuration fault in one region. A fix has been deployed, and the CDS will confirm whether the measure recovered in December.',
  'A Small Supplier member raised concerns about the cost of the proposed testing changes. CSEC noted the concern and agreed to include an impact assessment for smaller parties in the next version.',
  'The group considered the performance measurement report for November. Most service levels were met; the two that were missed relate to the incident already under review and need no separate action.',
];

let noteCounter = 0;
export function noteText() {
  noteCounter += 1;
  return NOTE_TEXTS[noteCounter % NOTE_TEXTS.length];
}

/** A `note.add` op as a client POSTs it. */
export function noteOp(meetingId, itemId) {
  return {
    id: randomUUID(),
    meetingId,
    clientTime: new Date().toISOString(),
    type: 'note.add',
    payload: { id: randomUUID(), itemId, text: noteText() },
  };
}

export const agendaItemId = (number) => `item-${number}`;

/** The demo agenda as `agenda.add` ops, so notes have items to belong to. */
export function agendaOps(meetingId) {
  return DEMO_AGENDA.map(([number, title, presenter]) => {
    const [parent, child] = number.split('.');
    return {
      id: randomUUID(),
      meetingId,
      clientTime: new Date().toISOString(),
      type: 'agenda.add',
      payload: {
        id: agendaItemId(number),
        title,
        presenter,
        parentId: child ? agendaItemId(parent) : null,
        order: Number(child ?? parent),
      },
    };
  });
}

/** Parsed `note.add` NewOperations, as the store receives them from the service. */
export function parsedNoteOps(meetingId, itemId, count) {
  return Array.from({ length: count }, () => {
    const result = domain.parseOperation(noteOp(meetingId, itemId), meetingId, SECRETARY);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.value;
  });
}

/** The demo committee as stored (settings parsed with the server's schema). */
export function demoCommittee(id, tenantId) {
  const at = new Date().toISOString();
  return {
    ...domain.committeeSettingsSchema.parse(demoCommitteeSettings),
    id,
    tenantId,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * The OPSG-41 capture (creation op first, as POST /api/meetings writes it) as raw client ops.
 * Mirrors test/fixtures/opsg41.ts.
 */
function opsg41RawOps(meetingId) {
  const script = new CaptureScript(meetingId, SECRETARY, '2021-01-25T13:05:00Z');
  const committee = domain.committeeSettingsSchema.parse(demoCommitteeSettings);
  const creation = domain.newMeetingFields(
    committee,
    domain.newMeetingSchema.parse({ committeeId: DEMO_COMMITTEE_ID, ...DEMO_MEETING }),
  );
  script.op('meeting.update', creation);
  return captureDemoMeeting(script).requestBodies();
}

/**
 * The script's ops again, for a later pass through the same meeting: the people, agenda items
 * and carried actions already exist, so their adds become updates; notes, decisions and actions
 * are new (fresh ids), and every other note is then amended.
 */
function repeatPass(op, pass) {
  const { payload } = op;
  const fresh = (id) => `${id}.${pass}`;
  switch (op.type) {
    case 'agenda.add':
      return [{ type: 'agenda.update', payload: { id: payload.id, title: payload.title } }];
    case 'participant.add':
      return [{ type: 'participant.update', payload: { id: payload.id, role: 'Presenter' } }];
    case 'meetingMember.add':
      return [{ type: 'meetingMember.update', payload: { id: payload.id, role: 'Alternate' } }];
    case 'outstanding.carry':
      return [
        {
          type: 'outstanding.update',
          payload: { id: payload.id, revisedTargetDate: '2021-03-22' },
        },
      ];
    case 'note.add': {
      const id = fresh(payload.id);
      const add = { type: 'note.add', payload: { ...payload, id } };
      if (pass % 2 === 0) return [add];
      return [add, { type: 'note.update', payload: { id, text: `${payload.text} (Amended.)` } }];
    }
    case 'decision.add':
    case 'action.raise':
      return [{ type: op.type, payload: { ...payload, id: fresh(payload.id) } }];
    default:
      return [{ type: op.type, payload }];
  }
}

/**
 * A meeting log of exactly `count` stored ops (seq 1…count) with the capture script's mix:
 * attendance, agenda, notes, decisions, actions, outstanding-action updates. Every op gets a fresh
 * id and a clientTime one second after the previous, and is parsed exactly as the API parses it.
 */
export function longMeetingLog(meetingId, count) {
  const template = opsg41RawOps(meetingId);
  const start = Date.parse('2021-01-25T09:00:00Z');
  const raw = [];
  for (let pass = 0; raw.length < count; pass += 1) {
    for (const op of template) {
      for (const body of pass === 0 ? [op] : repeatPass(op, pass)) {
        raw.push({
          id: randomUUID(),
          meetingId,
          clientTime: new Date(start + raw.length * 1_000).toISOString(),
          type: body.type,
          payload: body.payload,
        });
      }
    }
  }
  const serverTime = new Date().toISOString();
  return raw.slice(0, count).map((op, index) => {
    const result = domain.parseOperation(op, meetingId, SECRETARY, `ops[${index}]`);
    if (!result.ok) {
      throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    }
    return { ...result.value, seq: index + 1, serverTime };
  });
}

/** How many ops of each type, e.g. {"note.add": 812, …}. */
export function typeCounts(ops) {
  const counts = {};
  for (const op of ops) counts[op.type] = (counts[op.type] ?? 0) + 1;
  return counts;
}
