// Cadenya wire shapes, as read after validation (see mapping.ts). Per cadenya.md, proto3
// JSON leaves optional fields out, so nearly everything is optional here; ids are the
// exception, since de-duplication and navigation cannot work without them.

export type Labels = Record<string, string>;

export interface WireMetadata {
  id: string;
  accountId?: string;
  createdAt?: string;
  name?: string;
  profileId?: string;
  workspaceId?: string;
  externalId?: string;
  labels?: Labels;
}

export interface WireWorkspace {
  metadata: WireMetadata;
  spec: { description?: string };
  /** e.g. `STATUS_ENABLED`. */
  status?: string;
  raw: unknown;
}

export interface WireAgent {
  metadata: WireMetadata;
  spec: {
    description?: string;
    webhookEventsUrl?: string;
    /** Older API versions: `AGENT_STATUS_DRAFT|PUBLISHED|ARCHIVED`. */
    status?: string;
  };
  /** Newer API versions: `STATE_DRAFT|PUBLISHED|ARCHIVED`. */
  state?: string;
  raw: unknown;
}

/** Objectives have no title: `firstUserMessage` is what reads as one. */
export interface WireObjective {
  metadata: WireMetadata;
  agentId?: string;
  state?: string;
  stateMessage?: string;
  firstUserMessage?: string;
  raw: unknown;
}

export interface WireList<T> {
  items: T[];
  nextCursor?: string;
  total?: number;
}
