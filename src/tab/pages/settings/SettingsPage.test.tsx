/**
 * @jest-environment jsdom
 */
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Committee } from '../../../domain';
import { opsg41Committee } from '../../../../test/fixtures/opsg41';
import type { MeetingListEntry, NewMeetingRequest, TabApi } from '../../app/TabApi';
import { fakeHost, graphCallsNotMade, renderInTab } from '../../app/testSupport';
import { SettingsPage } from './SettingsPage';

const ORIGIN = 'https://minutebook.example.com';

function entry(id: string, reference: string, date: string): MeetingListEntry {
  return {
    id,
    committeeId: 'demo-opsg',
    number: reference.split('_')[1] ?? '',
    reference,
    title: 'Operations Group Meeting',
    date,
    series: 'main',
    status: 'draft',
    lastSeq: 0,
    createdAt: '2021-01-01T00:00:00Z',
  };
}

function fakeApi() {
  const created: NewMeetingRequest[] = [];
  const committee: Committee = {
    ...opsg41Committee(),
    id: 'demo-opsg',
    tenantId: 'local',
    version: 1,
    createdAt: '',
    updatedAt: '',
  };
  const api: TabApi = {
    ...graphCallsNotMade(),
    minutesLinks: async () => {
      throw new Error('Settings never asks for minutes links');
    },
    listCommittees: async () => [committee],
    listMeetings: async () => [
      entry('demo-opsg-41', 'OPSG_41_2501', '2021-01-25'),
      entry('demo-opsg-40', 'OPSG_40_1412', '2020-12-14'),
    ],
    meetingView: async () => {
      throw new Error('not used');
    },
    createMeeting: async (request) => {
      created.push(request);
      return { ...entry(request.id, `OPSG_${request.number}_2202`, request.date) };
    },
  };
  return { api, created };
}

describe('settings page', () => {
  it('saves the chosen meeting as the tab: its page URL, id and reference', async () => {
    const user = userEvent.setup();
    const host = fakeHost({ frameContext: 'settings' });
    renderInTab(<SettingsPage host={host} api={fakeApi().api} origin={ORIGIN} />);
    const meeting = await screen.findByRole('combobox', { name: 'Meeting' });
    await waitFor(() => expect(host.validity.at(-1)).toBe(true));
    await user.selectOptions(meeting, 'OPSG_40_1412 · 2020-12-14 · draft');

    const saved = await host.saveHandler?.();
    expect(saved).toEqual({
      contentUrl: `${ORIGIN}/tab/meeting.html?meetingId=demo-opsg-40`,
      websiteUrl: `${ORIGIN}/tab/meeting.html?meetingId=demo-opsg-40&frame=content`,
      entityId: 'demo-opsg-40',
      suggestedDisplayName: 'OPSG_40_1412',
    });
  });

  it('creates a meeting and makes it the one saved', async () => {
    const user = userEvent.setup();
    const host = fakeHost({ frameContext: 'settings' });
    const { api, created } = fakeApi();
    renderInTab(<SettingsPage host={host} api={api} origin={ORIGIN} />);
    await user.type(await screen.findByRole('textbox', { name: 'Number' }), '42');
    await user.type(screen.getByLabelText('Date'), '2021-02-22');
    await user.click(screen.getByRole('button', { name: 'Create meeting' }));

    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatchObject({
      committeeId: 'demo-opsg',
      number: '42',
      date: '2021-02-22',
    });
    const saved = await act(async () => host.saveHandler?.());
    expect(saved?.entityId).toBe(created[0]?.id);
    expect(saved?.suggestedDisplayName).toBe('OPSG_42_2202');
  });

  it('in a browser, offers its own Save button that opens the meeting page', async () => {
    const user = userEvent.setup();
    const host = fakeHost({ frameContext: 'settings' }, 'browser');
    const browserHost = Object.assign(host, {
      saveConfig: async () => {
        const config = await host.saveHandler?.();
        if (!config) throw new Error('nothing to save');
        return config;
      },
    });
    const navigate = jest.fn();
    renderInTab(
      <SettingsPage host={browserHost} api={fakeApi().api} origin={ORIGIN} navigate={navigate} />,
    );
    await screen.findByRole('combobox', { name: 'Meeting' });
    await user.click(screen.getByRole('button', { name: 'Save and open the meeting' }));
    await waitFor(() =>
      expect(navigate).toHaveBeenCalledWith(`${ORIGIN}/tab/meeting.html?meetingId=demo-opsg-41`),
    );
  });
});
