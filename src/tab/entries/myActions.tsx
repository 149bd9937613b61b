/** /tab/my-actions.html: the personal "My actions" page. */
import { rootElement, startPage } from '../app/startPage';

startPage(rootElement(), {
  kind: 'plain',
  load: async () =>
    (await import(/* webpackChunkName: "page-my-actions" */ '../pages/myActions')).default,
});
