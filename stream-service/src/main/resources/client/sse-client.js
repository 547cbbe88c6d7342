// Eventline browser client: a dependency-free ES module, served by stream-service at
// /client/sse-client.js and packed for npm (package.json, types in sse-client.d.ts). See
// docs/client.md for the full contract.
//
//   import { EventlineClient } from '/client/sse-client.js';
//   const client = new EventlineClient({ baseUrl: 'http://localhost:8090', token: () => getJwt() });
//   const sub = client.subscribe({
//     topics: ['assignments', 'submissions'],
//     on: { 'submission.updated': (event) => render(event), 'assignment.': (event) => list(event) },
//     onState: (state, info) => badge(state),
//     onReset: async (reset) => rehydrate(reset),
//   });
//   sub.unsubscribe(); client.close();
//
// Positions are the server's cursors (the SSE ids); the client keeps the last one and resumes from
// it whenever it reconnects or falls back to polling, so nothing is lost or repeated.

/** The states a subscription goes through; onState is called on every change. */
export const State = Object.freeze({
  CONNECTING: 'connecting',
  OPEN: 'open',
  RECONNECTING: 'reconnecting',
  POLLING: 'polling',
  PAUSED: 'paused',
  FAILED: 'failed',
  CLOSED: 'closed',
});

const DEFAULTS = Object.freeze({
  baseUrl: '',
  backoffBaseMs: 500,
  backoffMaxMs: 30000,
  failuresBeforePolling: 3,
  pollIntervalMs: 2000,
  sseRetryWhilePollingMs: 15000,
  heartbeatMs: 15000,
  pageLimit: 500,
  pollingFallback: true,
  pauseWhenHidden: false,
  shareAcrossTabs: false,
});

// Event ids remembered per subscription to drop an event delivered twice when tabs hand the stream
// over; more than a takeover can repeat (events since the last cursor the new leader had seen).
const REMEMBERED_EVENT_IDS = 4096;

/** Thrown (and passed to onState as info.error) when the server refuses the subscription. */
export class RefusedError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `refused with HTTP ${status}`);
    this.name = 'RefusedError';
    this.status = status;
    this.problem = problem;
  }
}

/**
 * A client for one stream-service. Options: baseUrl; token (a string, or a function returning a
 * string or a promise of one, called again when a token expires; omit it to authenticate with the
 * eventline_token cookie); backoffBaseMs, backoffMaxMs, failuresBeforePolling, pollIntervalMs,
 * sseRetryWhilePollingMs, pageLimit; pollingFallback (true: poll GET /v1/events when streams keep
 * failing; change it later with setPollingFallback); pauseWhenHidden (false: a hidden page closes
 * its streams and resumes from its cursor when shown); shareAcrossTabs (false: when true, tabs of this
 * origin with the same subscription share one stream, see Subscription); EventSource and fetch.
 */
export class EventlineClient {
  constructor(options = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.options.baseUrl = String(this.options.baseUrl).replace(/\/$/, '');
    this.EventSource = options.EventSource || globalThis.EventSource;
    this.fetch = options.fetch || globalThis.fetch.bind(globalThis);
    this.subscriptions = new Set();
    // Back online: every waiting subscription tries at once instead of sitting out its backoff.
    this.onOnline = () => this.subscriptions.forEach((subscription) => subscription.wake());
    this.onVisibility = () => this.subscriptions.forEach((subscription) => subscription.visibilityChanged());
    globalThis.addEventListener?.('online', this.onOnline);
    globalThis.document?.addEventListener?.('visibilitychange', this.onVisibility);
  }

  /** The statistics of every subscription (see Subscription.getStats). */
  getStats() {
    return [...this.subscriptions].map((subscription) => subscription.getStats());
  }

  /** Whether every subscription is receiving events (over the stream or by polling). */
  isConnected() {
    return this.subscriptions.size > 0 && [...this.subscriptions].every((subscription) => subscription.isConnected());
  }

  /** Reconnects every subscription at once, from its cursor. */
  reconnect() {
    this.subscriptions.forEach((subscription) => subscription.reconnect());
  }

  /** Allows or forbids the polling fallback for every subscription, now and for new ones. */
  setPollingFallback(enabled) {
    this.options.pollingFallback = Boolean(enabled);
    this.subscriptions.forEach((subscription) => subscription.setPollingFallback(enabled));
  }

  /**
   * Starts a subscription. Spec: topics (array), types (array of exact types or prefixes ending in
   * '.'), record (a record id), scope (array of 'group:<name>' entries: only events addressed to
   * these groups, each one of the token's groups), lastEventId (a cursor to resume from, or 'earliest'), since (ISO-8601
   * or epoch ms), on ({type or prefix or '*': handler(event, meta)}), onState(state, info),
   * onReset(reset) (data before the new position was lost: re-hydrate), onControl(name, data).
   */
  subscribe(spec) {
    const subscription = new Subscription(this, spec);
    this.subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  /** Ends every subscription and stops listening to the page. */
  close() {
    for (const subscription of [...this.subscriptions]) {
      subscription.unsubscribe();
    }
    globalThis.removeEventListener?.('online', this.onOnline);
    globalThis.document?.removeEventListener?.('visibilitychange', this.onVisibility);
  }

  async bearer() {
    const token = this.options.token;
    if (token === undefined || token === null) {
      return null;
    }
    return typeof token === 'function' ? await token() : token;
  }

  async request(path, init = {}) {
    const token = await this.bearer();
    const headers = { Accept: 'application/json', ...(init.headers || {}) };
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    const response = await this.fetch(this.options.baseUrl + path, {
      ...init,
      headers,
      credentials: token ? 'same-origin' : 'include',
      cache: 'no-store',
    });
    if (!response.ok) {
      let problem = null;
      try {
        problem = await response.json();
      } catch (ignored) {
        // not problem+json
      }
      const error = new RefusedError(response.status, problem);
      error.retryable = response.status >= 500 || response.status === 429;
      throw error;
    }
    return response.json();
  }
}

/** One subscription: its state machine, its cursor, its handlers. Created by subscribe(). */
export class Subscription {
  constructor(client, spec) {
    if (!spec || !Array.isArray(spec.topics) || spec.topics.length === 0) {
      throw new TypeError('subscribe needs topics: an array of topic names');
    }
    this.client = client;
    this.spec = spec;
    this.state = null;
    this.lastEventId = spec.lastEventId || null;
    this.handlers = new Map();
    this.failures = 0;
    this.serverRetryMs = 0;
    this.heartbeatMs = client.options.heartbeatMs;
    this.source = null;
    this.timers = new Set();
    this.watchdog = null;
    this.generation = 0;
    this.opened = false;
    this.pollingFallback = client.options.pollingFallback;
    this.seen = new Set();
    this.group = null;
    this.role = null;
    this.stats = { connectedAt: null, reconnects: 0, events: 0, lastEventAt: null, lastSignalAt: null, lagMs: null };
    for (const [type, handler] of Object.entries(spec.on || {})) {
      this.on(type, handler);
    }
  }

  /** Adds a handler for an exact type, a prefix ending in '.', or '*'; returns a function removing it. */
  on(type, handler) {
    if (!this.handlers.has(type)) {
      this.handlers.set(type, new Set());
    }
    this.handlers.get(type).add(handler);
    return () => this.handlers.get(type)?.delete(handler);
  }

  /** Ends the subscription for good. */
  unsubscribe() {
    this.stopTransport();
    this.client.subscriptions.delete(this);
    this.setState(State.CLOSED);
    this.leaveGroup();
  }

  /**
   * How the subscription is doing: state, transport ('sse', 'polling' or null), connectedAt (epoch ms
   * of the last open stream), reconnects (opens after the first), reconnectAttempts (failures since the
   * last open), events (handed to handlers), lastEventId, lastEventAt, lastHeartbeat (epoch ms of the
   * server's last sign of life), lagMs (receipt time minus the last event's emittedAt: how far behind
   * the producer it runs, clocks allowing), isPolling.
   */
  getStats() {
    const transport = this.state === State.OPEN ? 'sse' : this.state === State.POLLING ? 'polling' : null;
    return {
      state: this.state,
      transport,
      isPolling: transport === 'polling',
      connectedAt: this.stats.connectedAt,
      lastConnected: this.stats.connectedAt,
      reconnects: this.stats.reconnects,
      reconnectAttempts: this.failures,
      events: this.stats.events,
      lastEventId: this.lastEventId,
      lastEventAt: this.stats.lastEventAt,
      lastHeartbeat: this.stats.lastSignalAt,
      lagMs: this.stats.lagMs,
      shared: this.role,
    };
  }

  /** Whether events are arriving: the stream is open, or the API is being polled. */
  isConnected() {
    return this.state === State.OPEN || this.state === State.POLLING;
  }

  /** Drops the current connection and connects again at once, from the cursor (nothing lost or repeated). */
  reconnect() {
    if (this.closed()) {
      return;
    }
    this.failures = 0;
    this.connect();
  }

  /**
   * Allows or forbids falling back to polling. Forbidden while polling, the subscription goes back to
   * trying the stream at once; allowed, it polls again after failuresBeforePolling failed attempts.
   */
  setPollingFallback(enabled) {
    this.pollingFallback = Boolean(enabled);
    if (!this.pollingFallback && this.state === State.POLLING) {
      this.reconnect();
    }
  }

  /** A waiting subscription (backing off, or polling because the stream failed) tries the stream now. */
  wake() {
    if (this.state === State.RECONNECTING || this.state === State.POLLING) {
      this.reconnect();
    }
  }

  /** With pauseWhenHidden: a hidden page holds no connection; shown again, it resumes from the cursor. */
  visibilityChanged() {
    // A tab group's leader streams for the visible tabs too, so groups never pause.
    if (!this.client.options.pauseWhenHidden || this.closed() || this.group) {
      return;
    }
    if (globalThis.document?.visibilityState === 'hidden') {
      this.stopTransport();
      this.setState(State.PAUSED);
    } else if (this.state === State.PAUSED) {
      this.reconnect();
    }
  }

  start() {
    if (this.client.options.pauseWhenHidden && globalThis.document?.visibilityState === 'hidden') {
      this.setState(State.PAUSED);
      return;
    }
    const group = this.groupName();
    if (group) {
      this.joinGroup(group);
      return;
    }
    this.connect();
  }

  /**
   * With shareAcrossTabs (and BroadcastChannel and Web Locks in the browser), the tabs of one origin
   * that subscribe alike form a group named by the subscription: the tab holding the group's lock is
   * the leader and alone holds a stream; it hands every event, reset and state to the others over a
   * BroadcastChannel. When the leader's tab closes (or it unsubscribes), the browser gives the lock to
   * another tab, which connects from the last cursor it saw; events both had seen are dropped by event
   * id, so every tab gets every event once. A follower that joins with a lastEventId (or 'earliest')
   * first catches up from it through GET /v1/events; one that starts with `since` gets the group's
   * live events from its join. Groups never pause while hidden. Elsewhere each tab streams on its own.
   */
  groupName() {
    const wanted = this.spec.shared ?? this.client.options.shareAcrossTabs;
    if (!wanted || !globalThis.BroadcastChannel || !globalThis.navigator?.locks) {
      return null;
    }
    const key = [this.spec.topics, this.spec.types, this.spec.record, this.spec.scope].map((part) =>
      Array.isArray(part) ? [...part].sort().join(',') : part ?? '');
    return `eventline:${this.client.options.baseUrl}:${key.join('|')}`;
  }

  joinGroup(name) {
    this.group = { name, channel: new BroadcastChannel(name), release: null, buffer: null };
    this.role = 'follower';
    this.group.channel.onmessage = (message) => this.fromGroup(message.data);
    this.setState(State.CONNECTING);
    if (this.lastEventId) {
      this.catchUp();
    }
    this.group.channel.postMessage({ kind: 'hello' });
    globalThis.navigator.locks.request(name, () => new Promise((release) => {
      if (!this.group || this.closed()) {
        release();
        return;
      }
      this.group.release = release;
      this.role = 'leader';
      this.connect();
    }));
  }

  leaveGroup() {
    if (!this.group) {
      return;
    }
    this.group.release?.();
    this.group.channel.close();
    this.group = null;
  }

  /** A follower's catch-up from its own cursor to now; live events wait in a buffer meanwhile. */
  async catchUp() {
    const group = this.group;
    group.buffer = [];
    try {
      let more = true;
      while (more && this.group === group && this.role === 'follower') {
        const page = await this.client.request(
          `/v1/events?${this.query({ after: this.lastEventId, limit: this.client.options.pageLimit })}`);
        more = this.applyPage(page);
      }
    } catch (error) {
      this.setState(this.state, { error });
    }
    const buffered = group.buffer || [];
    group.buffer = null;
    buffered.forEach((message) => this.fromGroup(message));
  }

  /** Hands a page of GET /v1/events to the handlers and moves the cursor past it; says if more wait. */
  applyPage(page) {
    for (const item of page.events) {
      if (item.event === 'reset') {
        this.onReset({ data: item.data, lastEventId: item.id });
      } else {
        this.deliver(item.event, item.data, item.id);
      }
    }
    this.lastEventId = page.cursor || this.lastEventId;
    return page.more;
  }

  fromGroup(message) {
    if (!this.group) {
      return;
    }
    if (this.role === 'leader') {
      if (message.kind === 'hello') {
        this.group.channel.postMessage({ kind: 'state', state: this.state });
      }
      return;
    }
    if (this.group.buffer && message.kind === 'event') {
      this.group.buffer.push(message);
      return;
    }
    if (message.kind === 'event') {
      this.deliver(message.type, message.data, message.id);
    } else if (message.kind === 'reset') {
      this.onReset({ data: message.data, lastEventId: message.id });
    } else if (message.kind === 'state' && !this.closed()) {
      this.setState(message.state);
    }
  }

  toGroup(message) {
    if (this.role === 'leader' && this.group) {
      this.group.channel.postMessage(message);
    }
  }

  setState(state, info = {}) {
    if (this.state === state && !info.error) {
      return;
    }
    this.state = state;
    this.spec.onState?.(state, { lastEventId: this.lastEventId, ...info });
    if (state !== State.CLOSED) {
      this.toGroup({ kind: 'state', state });
    }
  }

  stopTransport() {
    this.generation += 1;
    if (this.source) {
      this.source.close();
      this.source = null;
    }
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
    clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  later(ms, action) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }

  closed() {
    return this.state === State.CLOSED || this.state === State.FAILED;
  }

  query(extra) {
    const params = new URLSearchParams();
    params.set('topics', this.spec.topics.join(','));
    if (this.spec.types?.length) {
      params.set('types', this.spec.types.join(','));
    }
    if (this.spec.record) {
      params.set('record', this.spec.record);
    }
    if (this.spec.scope?.length) {
      params.set('scope', this.spec.scope.join(','));
    }
    for (const [name, value] of Object.entries(extra)) {
      if (value !== null && value !== undefined) {
        params.set(name, value);
      }
    }
    return params.toString();
  }

  /** Full jitter on an exponential ceiling, never sooner than the server's retry hint. */
  backoff() {
    const { backoffBaseMs, backoffMaxMs } = this.client.options;
    const ceiling = Math.min(backoffMaxMs, backoffBaseMs * 2 ** Math.min(this.failures, 16));
    return this.serverRetryMs + Math.floor(Math.random() * ceiling);
  }

  async connect() {
    // A follower of a tab group holds no stream: its leader's events come over the channel.
    if (this.closed() || (this.group && this.role !== 'leader')) {
      return;
    }
    this.stopTransport();
    const generation = this.generation;
    this.setState(this.opened || this.failures > 0 ? State.RECONNECTING : State.CONNECTING);
    let ticket = null;
    try {
      if (this.client.options.token !== undefined && this.client.options.token !== null) {
        ticket = (await this.client.request('/v1/stream/tickets', { method: 'POST' })).ticket;
      }
    } catch (error) {
      this.transportFailed(generation, error);
      return;
    }
    if (generation !== this.generation || this.closed()) {
      return;
    }
    const position = this.lastEventId
      ? { last_event_id: this.lastEventId }
      : { since: this.spec.since ?? null };
    const url = `${this.client.options.baseUrl}/v1/stream?${this.query({ ...position, heartbeat: 'event', ticket })}`;
    const source = new this.client.EventSource(url, { withCredentials: ticket === null });
    this.source = source;
    const listen = (name, handler) =>
      source.addEventListener(name, (message) => {
        if (generation === this.generation) {
          this.alive();
          handler(message);
        }
      });
    listen('connected', (message) => this.onConnected(message, listen));
    listen('heartbeat', () => {});
    listen('reset', (message) => this.onReset(message));
    listen('auth-expired', () => this.resumeNow());
    listen('dropped', (message) => this.onEnded(message, 'dropped'));
    listen('shutdown', (message) => this.onEnded(message, 'shutdown'));
    source.addEventListener('error', (event) => {
      if (generation !== this.generation) {
        return;
      }
      // A named `error` event from the server carries data; the browser's own has none.
      this.transportFailed(generation, event.data ? new Error(event.data) : null);
    });
  }

  onConnected(message, listen) {
    const data = JSON.parse(message.data);
    this.serverRetryMs = data.retryMs || 0;
    this.heartbeatMs = data.heartbeatMs || this.heartbeatMs;
    this.lastEventId = message.lastEventId || this.lastEventId;
    this.failures = 0;
    if (this.opened) {
      this.stats.reconnects += 1;
    }
    this.opened = true;
    this.stats.connectedAt = Date.now();
    for (const type of data.types || []) {
      listen(type, (event) => this.deliver(type, event.data, event.lastEventId));
    }
    this.alive();
    this.setState(State.OPEN, { subscriptionId: data.subscriptionId });
  }

  deliver(type, json, id) {
    const event = typeof json === 'string' ? JSON.parse(json) : json;
    // Only a tab group hands the stream over and can repeat events; alone, the cursor rules that out.
    if (this.group && event.eventId) {
      if (this.seen.has(event.eventId)) {
        this.lastEventId = id || this.lastEventId;
        return;
      }
      this.seen.add(event.eventId);
      if (this.seen.size > REMEMBERED_EVENT_IDS) {
        this.seen.delete(this.seen.values().next().value);
      }
    }
    this.lastEventId = id || this.lastEventId;
    this.toGroup({ kind: 'event', type, data: event, id });
    const meta = { id, type };
    const now = Date.now();
    this.stats.events += 1;
    this.stats.lastEventAt = now;
    const emittedAt = Date.parse(event.emittedAt);
    this.stats.lagMs = Number.isNaN(emittedAt) ? this.stats.lagMs : Math.max(0, now - emittedAt);
    const matched = new Set();
    for (const [key, handlers] of this.handlers) {
      if (key === '*' || key === type || (key.endsWith('.') && type.startsWith(key))) {
        handlers.forEach((handler) => matched.add(handler));
      }
    }
    for (const handler of matched) {
      try {
        handler(event, meta);
      } catch (error) {
        console.error('eventline handler failed for', type, error);
      }
    }
  }

  onReset(message) {
    const data = typeof message.data === 'string' ? JSON.parse(message.data) : message.data;
    this.lastEventId = message.lastEventId || this.lastEventId;
    this.toGroup({ kind: 'reset', data, id: this.lastEventId });
    this.spec.onReset?.({ ...data, cursor: this.lastEventId });
  }

  onEnded(message, name) {
    const data = JSON.parse(message.data || '{}');
    if (data.resumeWith) {
      this.lastEventId = data.resumeWith;
    }
    this.spec.onControl?.(name, data);
    this.stopTransport();
    this.setState(State.RECONNECTING, { reason: name });
    this.later(name === 'shutdown' ? data.retryMs || this.serverRetryMs : this.backoff(), () => this.connect());
  }

  /** Reconnects at once: the token provider is asked again for the new ticket. */
  resumeNow() {
    this.spec.onControl?.('auth-expired', {});
    this.stopTransport();
    this.connect();
  }

  alive() {
    this.stats.lastSignalAt = Date.now();
    clearTimeout(this.watchdog);
    const generation = this.generation;
    // About two heartbeats of silence: the connection is dead even if the browser has not noticed.
    this.watchdog = setTimeout(() => {
      if (generation === this.generation && this.state === State.OPEN) {
        this.transportFailed(generation, new Error('no heartbeat'));
      }
    }, this.heartbeatMs * 2 + 1000);
  }

  async transportFailed(generation, error) {
    if (generation !== this.generation || this.closed()) {
      return;
    }
    this.stopTransport();
    const next = this.generation;
    this.failures += 1;
    if (error instanceof RefusedError && !error.retryable) {
      this.fail(error);
      return;
    }
    // EventSource hides the status of a refused stream: ask the replay endpoint, which applies the
    // same rules, whether this subscription is refused or the stream path is what fails.
    try {
      await this.client.request(`/v1/events?${this.query({ limit: 1 })}`);
    } catch (probe) {
      if (probe instanceof RefusedError && !probe.retryable) {
        if (next === this.generation) {
          this.fail(probe);
        }
        return;
      }
    }
    if (next !== this.generation || this.closed()) {
      return;
    }
    if (this.pollingFallback && this.failures >= this.client.options.failuresBeforePolling) {
      this.poll(next);
    } else {
      this.setState(State.RECONNECTING, { error });
      this.later(this.backoff(), () => this.connect());
    }
  }

  fail(error) {
    this.stopTransport();
    this.setState(State.FAILED, { error });
  }

  /** Polls the JSON replay until the stream works again (tried every sseRetryWhilePollingMs). */
  async poll(generation) {
    const { pollIntervalMs, sseRetryWhilePollingMs, pageLimit } = this.client.options;
    this.setState(State.POLLING);
    const pollingSince = Date.now();
    while (generation === this.generation && !this.closed()) {
      let more = false;
      try {
        const position = this.lastEventId ? { after: this.lastEventId } : { since: this.spec.since ?? null };
        const page = await this.client.request(`/v1/events?${this.query({ ...position, limit: pageLimit })}`);
        if (generation !== this.generation) {
          return;
        }
        more = this.applyPage(page);
        this.setState(State.POLLING);
      } catch (error) {
        if (error instanceof RefusedError && !error.retryable) {
          this.fail(error);
          return;
        }
        this.setState(State.RECONNECTING, { error });
      }
      if (Date.now() - pollingSince >= sseRetryWhilePollingMs) {
        this.failures = this.client.options.failuresBeforePolling - 1;
        this.connect();
        return;
      }
      if (!more) {
        await new Promise((resolve) => this.later(pollIntervalMs, resolve));
      }
    }
  }
}
