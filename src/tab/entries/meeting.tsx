/**
 * /tab/meeting.html, the meeting tab: the capture side panel during the meeting, the content
 * page before and after it, the stage view when shared to the stage. Each is its own chunk.
 */
import type { PageChoice, PageResolver } from '../app/pageProps';
import { rootElement, startPage } from '../app/startPage';

const capture: PageChoice = {
  kind: 'meeting',
  load: async () =>
    (await import(/* webpackChunkName: "page-capture" */ '../pages/capture')).default,
};
const content: PageChoice = {
  kind: 'meeting',
  load: async () =>
    (await import(/* webpackChunkName: "page-content" */ '../pages/content')).default,
};
const stage: PageChoice = {
  kind: 'meeting',
  load: async () => (await import(/* webpackChunkName: "page-stage" */ '../pages/stage')).default,
};
const settings: PageChoice = {
  kind: 'plain',
  load: async () =>
    (await import(/* webpackChunkName: "page-settings" */ '../pages/settings')).default,
};

export const meetingTabPage: PageResolver = (context) => {
  switch (context.frameContext) {
    case 'sidePanel':
      return capture;
    case 'meetingStage':
      return stage;
    case 'settings':
      return settings;
    default:
      return content;
  }
};

startPage(rootElement(), meetingTabPage);
