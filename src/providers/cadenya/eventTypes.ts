// The objective event types Cadenya documents (across API versions), for filter pickers.
// Values outside this list are still valid: the API adds types, and they are shown as sent.
export const CADENYA_EVENT_TYPES: readonly string[] = [
  'USER_MESSAGE',
  'ASSISTANT_MESSAGE',
  'REASONING',
  'TOOL_APPROVAL_REQUESTED',
  'TOOL_APPROVED',
  'TOOL_DENIED',
  'TOOL_CALLED',
  'TOOL_RESULT',
  'TOOL_ERROR',
  'SUB_OBJECTIVE_CREATED',
  'SUB_AGENT_SPAWNED',
  'SUB_AGENT_UPDATED',
  'CONTEXT_WINDOW_COMPACTED',
  'MEMORY_READ',
  'NOTICE',
  'ERROR',
  'CANCELLED',
  'TIMED_OUT',
  'FINALIZED',
].map((name) => `OBJECTIVE_EVENT_TYPE_${name}`);
