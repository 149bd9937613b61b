/** The personal "My actions" page, loaded on demand. */
export { MyActionsPage as default } from './MyActionsPage';
