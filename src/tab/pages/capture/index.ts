/** The capture side panel, loaded on demand (its own chunk). */
export { CapturePage as default } from './CapturePage';
