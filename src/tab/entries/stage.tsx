/** /tab/stage.html: the read-only meeting stage view. */
import { rootElement, startPage } from '../app/startPage';

startPage(rootElement(), {
  kind: 'meeting',
  load: async () => (await import(/* webpackChunkName: "page-stage" */ '../pages/stage')).default,
});
