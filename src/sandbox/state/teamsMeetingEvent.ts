/**
 * One calendar event of a Teams meeting as Outlook stores it, in the organiser's calendar or an
 * invitee's copy (same iCalUId, each with its own id and response). The sandbox's test seed and
 * the demo tenant both build their invitations from this.
 */
import type { IdFactory } from '../core/ids';
import type { GraphObject } from './SandboxState';
import { outlookDateTime } from './outlookDates';

/** Outlook's "no time" for a response never given (and for the organiser's own). */
export const NO_RESPONSE_TIME = '0001-01-01T00:00:00Z';

export interface TeamsMeetingInvitation {
  iCalUId: string;
  subject: string;
  joinWebUrl: string;
  start: Date;
  end: Date;
  /** When invitees answered (and the event last changed). */
  respondedAt: string;
  organizer: { name: string; address: string };
  attendees: GraphObject[];
}

export function teamsMeetingEvent(
  ids: IdFactory,
  meeting: TeamsMeetingInvitation,
  id: string,
  response: string,
  isOrganizer: boolean,
): GraphObject {
  return {
    id,
    '@odata.etag': `W/"${ids.opaque(18)}"`,
    createdDateTime: new Date(meeting.start.getTime() - 14 * 86_400_000).toISOString(),
    lastModifiedDateTime: meeting.respondedAt,
    changeKey: ids.opaque(18),
    categories: [],
    iCalUId: meeting.iCalUId,
    subject: meeting.subject,
    bodyPreview: 'Microsoft Teams meeting',
    importance: 'normal',
    sensitivity: 'normal',
    isAllDay: false,
    isCancelled: false,
    isOrganizer,
    responseRequested: true,
    seriesMasterId: null,
    showAs: 'busy',
    type: 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    onlineMeetingUrl: null,
    onlineMeeting: { joinUrl: meeting.joinWebUrl },
    responseStatus: { response, time: isOrganizer ? NO_RESPONSE_TIME : meeting.respondedAt },
    start: outlookDateTime(meeting.start),
    end: outlookDateTime(meeting.end),
    location: {
      displayName: 'Microsoft Teams Meeting',
      locationType: 'default',
      uniqueIdType: 'unknown',
    },
    organizer: { emailAddress: meeting.organizer },
    attendees: meeting.attendees,
  };
}
