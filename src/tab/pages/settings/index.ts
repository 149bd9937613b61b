/** The tab's settings page, loaded on demand. */
export { SettingsPage as default } from './SettingsPage';
