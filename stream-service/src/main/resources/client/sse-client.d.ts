// Types of the Eventline browser client (sse-client.js). Event types come from
// eventline-events.d.ts, generated from the platform's schemas at every build.
import type { EventlineEvent, EventsByType, EventType } from './eventline-events';

export type * from './eventline-events';

/** The states a subscription goes through; onState is called on every change. */
export declare const State: Readonly<{
  CONNECTING: 'connecting';
  OPEN: 'open';
  RECONNECTING: 'reconnecting';
  POLLING: 'polling';
  PAUSED: 'paused';
  FAILED: 'failed';
  CLOSED: 'closed';
}>;
export type SubscriptionState = (typeof State)[keyof typeof State];

/** A problem+json body (RFC 9457). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  traceId?: string;
  errors?: { pointer: string; reason: string }[];
}

/** The server refused a request; `retryable` for 429 and 5xx. */
export declare class RefusedError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  retryable?: boolean;
}

export interface ClientOptions {
  /** The stream service, e.g. 'https://stream.example.org'; '' for the page's own origin. */
  baseUrl?: string;
  /** A token, or a function giving one (asked again for every connection); omit to use the cookie. */
  token?: string | (() => string | Promise<string>);
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  failuresBeforePolling?: number;
  pollIntervalMs?: number;
  sseRetryWhilePollingMs?: number;
  heartbeatMs?: number;
  pageLimit?: number;
  /** Poll GET /v1/events when streams keep failing (default true). */
  pollingFallback?: boolean;
  /** Close streams while the page is hidden and resume from the cursor when shown (default false). */
  pauseWhenHidden?: boolean;
  /** Tabs of this origin that subscribe alike share one stream (BroadcastChannel and Web Locks; default false). */
  shareAcrossTabs?: boolean;
  EventSource?: typeof EventSource;
  fetch?: typeof fetch;
}

/** What a handler gets besides the event. */
export interface EventMeta<T extends string = string> {
  /** The cursor after this event: save it to resume from it. */
  id: string;
  type: T;
}

/** Events whose type starts with a prefix ending in '.'. */
export type EventsWithPrefix<P extends string> = Extract<EventlineEvent, { type: `${P}${string}` }>;

/** Handlers by exact type, by prefix ending in '.', or '*' for every event. */
export type Handlers = {
  [T in EventType]?: (event: EventsByType[T], meta: EventMeta<T>) => void;
} & {
  [prefix: `${string}.`]: ((event: EventlineEvent, meta: EventMeta) => void) | undefined;
} & {
  '*'?: (event: EventlineEvent, meta: EventMeta) => void;
};

export interface Reset {
  partition: string;
  requestedOffset: number;
  earliestOffset: number;
  /** The position the stream continues from. */
  cursor: string;
}

export interface StateInfo {
  lastEventId: string | null;
  error?: Error | RefusedError | null;
  reason?: string;
  subscriptionId?: string;
}

export interface SubscriptionSpec {
  topics: string[];
  /** Exact types or prefixes ending in '.', filtered by the server. */
  types?: string[];
  /** Only events about this record id. */
  record?: string;
  /** Only events addressed to these 'group:<name>' entries of the token. */
  scope?: string[];
  /** A cursor to resume after, or 'earliest'. */
  lastEventId?: string;
  /** Start at a time: ISO-8601 or epoch milliseconds. */
  since?: string | number;
  /** Share one stream with the other tabs subscribing alike; overrides the client's shareAcrossTabs. */
  shared?: boolean;
  on?: Handlers;
  onState?: (state: SubscriptionState, info: StateInfo) => void;
  onReset?: (reset: Reset) => void;
  onControl?: (name: 'shutdown' | 'dropped' | 'auth-expired', data: Record<string, unknown>) => void;
}

export interface ConnectionStats {
  state: SubscriptionState | null;
  transport: 'sse' | 'polling' | null;
  isPolling: boolean;
  /** Epoch ms of the last stream opened. */
  connectedAt: number | null;
  /** The same, by the name other clients use. */
  lastConnected: number | null;
  /** Streams opened after the first. */
  reconnects: number;
  /** Failed attempts since the last stream opened. */
  reconnectAttempts: number;
  /** Events handed to handlers. */
  events: number;
  lastEventId: string | null;
  lastEventAt: number | null;
  /** Epoch ms of the server's last sign of life (event or heartbeat). */
  lastHeartbeat: number | null;
  /** Receipt time minus the last event's emittedAt, clocks allowing. */
  lagMs: number | null;
  /** In a tab group: whether this tab holds the stream ('leader') or gets events from it ('follower'). */
  shared: 'leader' | 'follower' | null;
}

export declare class Subscription {
  readonly state: SubscriptionState | null;
  readonly lastEventId: string | null;
  /** Adds a handler; returns a function removing it. */
  on<T extends EventType>(type: T, handler: (event: EventsByType[T], meta: EventMeta<T>) => void): () => void;
  on(type: `${string}.` | '*', handler: (event: EventlineEvent, meta: EventMeta) => void): () => void;
  unsubscribe(): void;
  getStats(): ConnectionStats;
  isConnected(): boolean;
  reconnect(): void;
  setPollingFallback(enabled: boolean): void;
}

export declare class EventlineClient {
  constructor(options?: ClientOptions);
  subscribe(spec: SubscriptionSpec): Subscription;
  /** A JSON request to the stream service with the client's token (snapshots, pages). */
  request<T = unknown>(path: string, init?: RequestInit): Promise<T>;
  getStats(): ConnectionStats[];
  isConnected(): boolean;
  reconnect(): void;
  setPollingFallback(enabled: boolean): void;
  close(): void;
}
