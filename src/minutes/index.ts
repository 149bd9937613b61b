/** Minutes: the house-format document and its renderers. Pure. */
export * from './AcronymExpander';
export * from './buildMinutesDocument';
export * from './formatDates';
export * from './MinutesDocument';
export * from './escapeHtml';
export * from './renderMinutesHtml';
export { httpsUrl } from './httpsUrl';
export { renderMinutesChat, DEFAULT_CHAT_MAX_BYTES, type ChatOptions } from './renderMinutesChat';
export * from './renderMinutesText';
export * from './renderMinutesDocx';
