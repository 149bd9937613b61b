/**
 * On the first start in local mode, the demo committee and its meeting 41, captured through the
 * same services and op parser as the API, so a newcomer sees a realistic meeting at once.
 */
import { CaptureScript } from '../demo/CaptureScript';
import { DEMO_COMMITTEE_ID, demoCommitteeSettings } from '../demo/demoCommittee';
import { captureDemoMeeting, DEMO_MEETING } from '../demo/demoMeeting';
import { MAX_OPS_PER_BATCH } from '../domain';
import type { CommitteeService } from './CommitteeService';
import { LOCAL_TENANT, type Identity } from './Identity';
import type { MeetingService } from './MeetingService';

export const DEMO_MEETING_ID = 'demo-opsg-41';
export const DEMO_SECRETARY: Identity = {
  tenantId: LOCAL_TENANT,
  userId: 'local:ines.carvalho',
  displayName: 'Ines Carvalho',
};

/** Creates the demo data unless the local tenant already has a committee. Returns whether it did. */
export async function seedDemoData(
  committees: CommitteeService,
  meetings: MeetingService,
): Promise<boolean> {
  if ((await committees.list(DEMO_SECRETARY)).length > 0) return false;
  await committees.create(DEMO_SECRETARY, { id: DEMO_COMMITTEE_ID, ...demoCommitteeSettings });
  await meetings.create(DEMO_SECRETARY, {
    id: DEMO_MEETING_ID,
    committeeId: DEMO_COMMITTEE_ID,
    ...DEMO_MEETING,
  });
  const script = captureDemoMeeting(
    new CaptureScript(DEMO_MEETING_ID, DEMO_SECRETARY.userId, '2021-01-25T13:05:00Z'),
  );
  const ops = script.requestBodies();
  for (let start = 0; start < ops.length; start += MAX_OPS_PER_BATCH) {
    await meetings.appendBatch(DEMO_SECRETARY, DEMO_MEETING_ID, {
      ops: ops.slice(start, start + MAX_OPS_PER_BATCH),
    });
  }
  return true;
}
