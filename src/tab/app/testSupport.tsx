/** Test support for page and component tests: render inside the tab's Fluent provider; a fake host. */
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { HostContext, HostPort, HostTheme, TabConfiguration } from '../teams/HostPort';
import type { TabApi } from './TabApi';

export function renderInTab(ui: ReactElement): RenderResult {
  return render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);
}

/** A host port for page tests: a fixed context, and what the page registered or asked for. */
export interface FakeHost extends HostPort {
  saveHandler: (() => Promise<TabConfiguration>) | null;
  validity: boolean[];
  setTheme(theme: HostTheme): void;
}

export function fakeHost(
  overrides: Partial<HostContext> = {},
  kind: 'teams' | 'browser' = 'teams',
): FakeHost {
  const themeListeners = new Set<(theme: HostTheme) => void>();
  let theme: HostTheme = overrides.theme ?? 'default';
  const host: FakeHost = {
    kind,
    saveHandler: null,
    validity: [],
    context: () => ({
      hostName: kind === 'teams' ? 'Teams' : 'Browser',
      frameContext: 'content',
      teamsMeetingId: null,
      chatId: null,
      user: { id: 'u-1', displayName: 'Ines Carvalho', tenantId: null },
      locale: 'en-GB',
      ...overrides,
      theme,
    }),
    onThemeChange: (listener) => {
      themeListeners.add(listener);
      return () => themeListeners.delete(listener);
    },
    authHeaders: async () => ({}),
    canShareToStage: async () => false,
    shareToStage: async () => undefined,
    onConfigSave: (save) => {
      host.saveHandler = save;
    },
    setConfigValid: (valid) => {
      host.validity.push(valid);
    },
    setTheme: (next) => {
      theme = next;
      for (const listener of themeListeners) listener(next);
    },
  };
  return host;
}

/** The TabApi calls that reach Microsoft 365, for fakes of pages that never make them. */
export function graphCallsNotMade(): Pick<
  TabApi,
  'attendanceProposals' | 'apologyProposals' | 'publishStatus' | 'startPublish' | 'followPublish'
> {
  const notMade = (name: string) => () =>
    Promise.reject(new Error(`${name} is not expected on this page`));
  return {
    attendanceProposals: notMade('attendanceProposals'),
    apologyProposals: notMade('apologyProposals'),
    publishStatus: notMade('publishStatus'),
    startPublish: notMade('startPublish'),
    followPublish: notMade('followPublish'),
  };
}
