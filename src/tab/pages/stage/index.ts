/** The meeting stage view, loaded on demand (its own chunk). */
export { StagePage as default } from './StagePage';
