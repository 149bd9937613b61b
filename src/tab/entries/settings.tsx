/** /tab/settings.html: the tab's configuration page (choose or create the meeting). */
import { rootElement, startPage } from '../app/startPage';

startPage(rootElement(), {
  kind: 'plain',
  load: async () =>
    (await import(/* webpackChunkName: "page-settings" */ '../pages/settings')).default,
});
