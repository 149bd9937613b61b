/** The pure domain: committees, meetings, the operation log and its fold. */
export * from './agendaOutline';
export * from './applyOperation';
export * from './committee';
export * from './DomainError';
export * from './evaluateQuorum';
export * from './foldOperations';
export * from './formatActionId';
export * from './formatTemplate';
export * from './meetingState';
export * from './meetingStatus';
export * from './meetingSummary';
export * from './meetingView';
export * from './operation';
export * from './operationSchemas';
export * from './primitives';
export * from './deterministicUuid';
export * from './meetingSettings';
