// The demo page: the scenarios the platform serves, fed by the browser client. Configuration comes
// in the URL fragment (never sent to a server, so tokens stay out of access logs):
//   /demo/#subscriber=<jwt>&producer=<jwt>&emitter=<emitter base URL>[&view=project&project=p-1|&view=pupil]
// The local stack prints these URLs with development tokens.
import { EventlineClient, State } from '../client/sse-client.js';

// The views: a teacher's dashboard (default); one project's jobs, sources and proposals (seed 001),
// read with scope=group:project:<id>, so the token must be a member; a pupil's page (seed 000): what is
// addressed to the pupil, and no emitting. Sections of other views are removed from the page.
const VIEWS = {
  teacher: {
    topics: ['assignments', 'submissions', 'files', 'notifications', 'activity'],
    sections: ['controls', 'dashboard', 'files-view', 'notifications-view', 'activity-view'],
  },
  project: { topics: ['projects'], sections: ['project-controls', 'project'] },
  pupil: { topics: ['files', 'notifications'], sections: ['files-view', 'notifications-view'] },
};
const SECTIONS = ['controls', 'project-controls', 'project', 'dashboard', 'files-view', 'notifications-view', 'activity-view'];
const BADGE = {
  [State.CONNECTING]: 'connecting',
  [State.OPEN]: 'live',
  [State.RECONNECTING]: 'reconnecting',
  [State.POLLING]: 'polling',
  [State.PAUSED]: 'paused',
  [State.FAILED]: 'offline',
  [State.CLOSED]: 'offline',
};

const config = Object.fromEntries(new URLSearchParams(location.hash.slice(1)));
const claims = decodeClaims(config.subscriber);
const view = VIEWS[config.view] ? config.view : 'teacher';
const TOPICS = VIEWS[view].topics;
const project = config.project || 'p-1';
const projectGroup = `group:project:${project}`;
const SCOPE = view === 'project' ? [projectGroup] : [];
// Files and notifications are addressed by audience (the catalog): the demo addresses them to its user.
const me = `user:${claims.sub || 'teacher-1'}`;
const $ = (id) => document.getElementById(id);

// What tests and curious developers can inspect from the console.
const demo = { states: [], badges: [], received: [], resets: 0, client: null, subscription: null };
window.eventlineDemo = demo;

const views = {
  assignments: new Map(),
  files: new Map(),
  notifications: new Map(),
  jobs: new Map(),
  sources: new Map(),
  proposals: new Map(),
};

function decodeClaims(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload));
  } catch (ignored) {
    return {};
  }
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) {
    node.textContent = text;
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function setBadge(state, info) {
  demo.states.push(state);
  const badge = BADGE[state];
  if (demo.badges[demo.badges.length - 1] !== badge) {
    demo.badges.push(badge);
  }
  $('badge').textContent = badge;
  $('badge').className = `badge ${badge}`;
  $('badge').dataset.state = badge;
  if (state === State.FAILED && info.error) {
    const problem = info.error.problem;
    $('problem').hidden = false;
    $('problem').textContent =
      `Subscription refused (${info.error.status || 'error'}): ${problem?.detail || info.error.message}`;
  }
  if (info.lastEventId) {
    $('cursor').textContent = info.lastEventId;
  }
}

function assignmentRow(id) {
  let view = views.assignments.get(id);
  if (!view) {
    const row = element('tr');
    row.dataset.recordId = id;
    view = { row, title: element('td', id), status: element('td', '-'), count: element('td', '0'), score: element('td', '-'), submissions: new Set() };
    row.append(view.title, view.status, view.count, view.score);
    $('assignments').prepend(row);
    views.assignments.set(id, view);
  }
  return view;
}

function onAssignment(event) {
  if (event.type === 'assignment.deleted') {
    views.assignments.get(event.recordId)?.row.remove();
    views.assignments.delete(event.recordId);
    return;
  }
  const view = assignmentRow(event.recordId);
  view.title.textContent = event.payload.title;
  view.status.textContent = event.payload.status.toLowerCase();
}

function onSubmission(event) {
  if (event.type === 'submission.deleted') {
    return;
  }
  const view = assignmentRow(event.payload.assignmentId);
  view.submissions.add(event.recordId);
  view.count.textContent = String(view.submissions.size);
  if (event.payload.score !== null && event.payload.score !== undefined) {
    view.score.textContent = `${event.payload.score} / ${event.payload.maxScore ?? '?'}`;
  }
}

function onFile(event) {
  let view = views.files.get(event.recordId);
  if (event.type === 'file.deleted') {
    view?.item.remove();
    views.files.delete(event.recordId);
    return;
  }
  if (!view) {
    const item = element('li');
    item.dataset.recordId = event.recordId;
    view = { item, label: element('div'), bar: element('progress') };
    view.bar.max = 100;
    item.append(view.label, view.bar);
    $('files').prepend(item);
    views.files.set(event.recordId, view);
  }
  const p = event.payload;
  view.bar.value = p.progress;
  view.label.textContent = `${p.fileName}: ${p.status.toLowerCase()}${p.stage ? ` (${p.stage.toLowerCase()})` : ''} ${p.progress}%`
    + (p.errorMessage ? ` - ${p.errorMessage}` : '');
}

// `live`: the event arrived on the stream now, not from the snapshot of the page's (re)load.
function onNotification(event, live) {
  const existing = views.notifications.get(event.recordId);
  if (event.type === 'notification.created' && !existing) {
    const p = event.payload;
    const item = element('li', `${p.title}: ${p.message}`, p.kind === 'URGENT' ? 'urgent unread' : 'unread');
    item.dataset.recordId = event.recordId;
    item.title = 'mark as read';
    item.addEventListener('click', () => emit('notification.read', event.recordId, { readAt: new Date().toISOString() }, { audience: [me] }));
    $('notifications').prepend(item);
    views.notifications.set(event.recordId, { item, unread: true });
    // Only news pops up: an urgent notification from the snapshot is in the list, not a toast again.
    if (p.kind === 'URGENT' && live) {
      toast(`${p.title}: ${p.message}`);
    }
  } else if (existing && event.type === 'notification.read') {
    existing.unread = false;
    existing.item.classList.remove('unread');
    existing.item.classList.add('read');
  } else if (existing && event.type === 'notification.deleted') {
    existing.item.remove();
    views.notifications.delete(event.recordId);
  }
  const unread = [...views.notifications.values()].filter((n) => n.unread).length;
  $('unread').textContent = String(unread);
  $('unread').dataset.count = String(unread);
}

function onActivity(event) {
  const p = event.payload;
  // The acting user, as the producer stated it in the envelope (emittedBy is the producer itself).
  const who = event.actor ? `${event.actor} (via ${event.emittedBy})` : p.actorName;
  const item = element('li', `${who} ${p.action} ${p.entityType} ${p.entityId}: ${p.description}`);
  $('activity').prepend(item);
  while ($('activity').children.length > 50) {
    $('activity').lastChild.remove();
  }
}

function toast(text) {
  const node = element('div', text, 'toast');
  $('toasts').append(node);
  setTimeout(() => node.remove(), 6000);
}

// One line per record of the project: its latest state; a deletion removes it.
function projectLine(list, event, text) {
  const existing = views[list].get(event.recordId);
  if (event.type.endsWith('.deleted')) {
    existing?.remove();
    views[list].delete(event.recordId);
    return;
  }
  const item = existing || element('li', '');
  item.dataset.recordId = event.recordId;
  item.textContent = text;
  if (!existing) {
    $(list).append(item);
    views[list].set(event.recordId, item);
  }
}

const handlers = {
  'job.': (event) => projectLine('jobs', event, `${event.payload.stage}: ${event.payload.current}/${event.payload.total}`),
  'source.': (event) => projectLine('sources', event, `${event.payload.name}: ${event.payload.status.toLowerCase()}`),
  'proposal.': (event) => projectLine('proposals', event,
    event.payload ? `${event.payload.title} (${Math.round(event.payload.confidence * 100)}%)` : ''),
  'assignment.': onAssignment,
  'submission.': onSubmission,
  'file.': onFile,
  'notification.': onNotification,
  'activity.': onActivity,
};

function render(type, event, id, live = true) {
  demo.received.push({ type, recordId: event.recordId, id });
  $('received').textContent = String(demo.received.length);
  $('cursor').textContent = id;
  for (const [prefix, handler] of Object.entries(handlers)) {
    if (type.startsWith(prefix)) {
      handler(event, live);
    }
  }
}

function clearViews() {
  for (const id of ['assignments', 'files', 'notifications', 'activity', 'jobs', 'sources', 'proposals']) {
    $(id)?.replaceChildren();
  }
  Object.values(views).forEach((map) => map.clear());
  if ($('unread')) {
    onNotification({ type: 'none' });
  }
}

// The current state first (GET /v1/snapshot, from Kafka Streams), then the stream from exactly the
// cursor the snapshot reflects: no gap, no duplicate between the two.
async function hydrate() {
  let snapshot;
  for (let attempt = 1; !snapshot; attempt += 1) {
    try {
      const scope = SCOPE.length ? `&scope=${encodeURIComponent(SCOPE.join(','))}` : '';
      snapshot = await demo.client.request(`/v1/snapshot?topics=${TOPICS.join(',')}${scope}`);
    } catch (error) {
      // 503 while the snapshot store starts: ask again shortly; anything else is final.
      if (!error.retryable || attempt >= 20) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  snapshot.records.forEach((record) => render(record.event, record.data, snapshot.cursor, false));
  return snapshot.cursor;
}

// After a reset, events this page never saw have expired from the log: rebuild every view from the
// snapshot (records outlive their events' retention there), then follow from its cursor.
async function rehydrate(reset) {
  demo.resets += 1;
  demo.subscription.unsubscribe();
  clearViews();
  $('notice').hidden = false;
  $('notice').textContent = `Events expired before this page caught up (${reset.partition}: offsets `
    + `${reset.requestedOffset}..${reset.earliestOffset - 1}); the page was rebuilt from a snapshot.`;
  follow(await hydrate());
}

async function start() {
  if (config.lastEventId) {
    follow(config.lastEventId);
    return;
  }
  try {
    follow(await hydrate());
  } catch (error) {
    // Refused or unavailable: the subscription reports why (badge and message).
    follow(null);
  }
}

function follow(lastEventId) {
  demo.subscription = demo.client.subscribe({
    topics: TOPICS,
    scope: SCOPE,
    lastEventId,
    on: { '*': (event, meta) => render(meta.type, event, meta.id) },
    onState: setBadge,
    onReset: rehydrate,
    onControl: (name) => demo.states.push(`control:${name}`),
  });
}

let sequence = 0;
// `audience`: whom it is addressed to; `actor`: the user the producer acts for (shown in the feed).
async function emit(type, recordId, payload, { audience, actor } = {}) {
  const status = $(view === 'project' ? 'project-emit-status' : 'emit-status');
  if (!config.producer || !config.emitter) {
    status.textContent = 'no producer token or emitter URL in the page address';
    return;
  }
  const body = { type, recordId, payload };
  if (audience) {
    body.audience = audience;
  }
  if (actor) {
    body.actor = actor;
  }
  const response = await fetch(`${config.emitter.replace(/\/$/, '')}/v1/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${config.producer}` },
    body: JSON.stringify(body),
  });
  const receipt = await response.json();
  status.textContent = response.ok
    ? `${type} written to ${receipt.topic}/${receipt.partition} at offset ${receipt.offset}`
    : `emit refused: ${receipt.detail || response.status}`;
}

function wireButtons() {
  const next = (prefix) => `${prefix}-${Date.now().toString(36)}-${(sequence += 1)}`;
  let lastAssignment = null;
  $('emit-assignment').addEventListener('click', () => {
    lastAssignment = next('a');
    emit('assignment.created', lastAssignment, { title: `Fractions ${sequence}`, classId: '7b', status: 'PUBLISHED' });
  });
  $('emit-submission').addEventListener('click', () => {
    const assignment = lastAssignment || [...views.assignments.keys()][0] || next('a');
    emit('submission.updated', next('s'), { assignmentId: assignment, pupilId: 'p-7', status: 'MARKED', score: Math.round(Math.random() * 10), maxScore: 10 });
  });
  $('emit-file').addEventListener('click', async () => {
    const file = next('f');
    const steps = [
      ['PENDING', 0, null], ['PROCESSING', 25, 'EXTRACTION'], ['PROCESSING', 50, 'COMPRESSION'],
      ['PROCESSING', 75, 'EMBEDDING'], ['READY', 100, 'FINALIZATION'],
    ];
    for (const [status, progress, stage] of steps) {
      await emit('file.progress', file, { fileName: 'essay.pdf', status, progress, stage }, { audience: [me] });
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  });
  $('emit-info').addEventListener('click', () =>
    emit('notification.created', next('n'), { kind: 'INFO', title: 'Reminder', message: 'Marking is due on Friday' }, { audience: [me] }));
  $('emit-urgent').addEventListener('click', () =>
    emit('notification.created', next('n'), { kind: 'URGENT', title: 'Fire drill', message: 'Leave the building now' }, { audience: [me] }));
  $('emit-activity').addEventListener('click', () =>
    emit('activity.recorded', next('act'), { entityType: 'assignment', entityId: lastAssignment || 'a-1', action: 'viewed', description: 'opened the marking view', actorName: claims.sub || 'someone' },
      { actor: claims.sub || 'teacher-1' }));
}

// The project's events are addressed to its group: only its members receive them.
function wireProjectButtons() {
  const next = (prefix) => `${prefix}-${Date.now().toString(36)}-${(sequence += 1)}`;
  const to = { audience: [projectGroup], actor: claims.sub };
  const job = next('job');
  let step = 0;
  $('emit-job').addEventListener('click', () => {
    step = Math.min(step + 1, 5);
    emit('job.progress', job, { projectId: project, stage: 'indexing', current: step, total: 5, message: null }, to);
  });
  $('emit-source').addEventListener('click', async () => {
    const source = next('src');
    for (const status of ['INGESTING', 'READY']) {
      await emit('source.status', source, { projectId: project, name: 'handbook.pdf', status, errorMessage: null }, to);
    }
  });
  $('emit-proposal').addEventListener('click', () =>
    emit('proposal.created', next('prop'), { projectId: project, title: 'Link chapter 3 to the syllabus', confidence: 0.82 }, to));
}

for (const id of SECTIONS) {
  if (!VIEWS[view].sections.includes(id)) {
    $(id).remove();
  } else {
    $(id).hidden = false;
  }
}
$('project-id')?.replaceChildren(project);
$('who').textContent = claims.sub
  ? `${claims.sub} @ ${claims.tenant} (${(claims.roles || []).join(', ')}${view === 'teacher' ? '' : `; ${view} view`})`
  : 'no token';
if (view === 'teacher') {
  wireButtons();
} else if (view === 'project') {
  wireProjectButtons();
}
demo.client = new EventlineClient({
  baseUrl: config.stream || '',
  token: config.subscriber,
  pollIntervalMs: Number(config.pollMs || 2000),
  failuresBeforePolling: Number(config.failuresBeforePolling || 3),
  backoffMaxMs: Number(config.backoffMaxMs || 30000),
});
start();
