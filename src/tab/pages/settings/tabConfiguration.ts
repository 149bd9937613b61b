/** What the settings page saves for a meeting: the meeting page's URL and the tab's name. */
import type { TabConfiguration } from '../../teams/HostPort';

export function tabConfiguration(
  origin: string,
  meeting: { id: string; reference: string },
): TabConfiguration {
  const id = encodeURIComponent(meeting.id);
  return {
    contentUrl: `${origin}/tab/meeting.html?meetingId=${id}`,
    // Opened outside Teams ("open in browser"): the pre/post-meeting page, not the side panel.
    websiteUrl: `${origin}/tab/meeting.html?meetingId=${id}&frame=content`,
    entityId: meeting.id,
    suggestedDisplayName: meeting.reference,
  };
}
