/** The meeting tab's content page (before and after the meeting), loaded on demand. */
export { ContentPage as default } from './ContentPage';
