// The demo page: the scenarios the platform serves, fed by the browser client. Configuration comes
// in the URL fragment (never sent to a server, so tokens stay out of access logs):
//   /demo/#subscriber=<jwt>&producer=<jwt>&emitter=<emitter base URL>[&view=teacher|pupil|project&project=p-1]
// The local stack prints these URLs with development tokens. What is drawn lives in views.js.
import { EventlineClient, State } from '../client/sse-client.js';
import { DemoViews } from './views.js';

// The views: a teacher's dashboard; one project's jobs, sources and proposals (seed 001), read with
// scope=group:project:<id>, so the token must be a member; a pupil's page (seed 000): what is
// addressed to the pupil. Sections of other views are removed from the page. `emitters`: the roles
// shown the buttons that emit sample events (as the app's back end would on their behalf).
const VIEWS = {
  teacher: {
    topics: ['assignments', 'submissions', 'feedback', 'files', 'notifications', 'activity'],
    sections: ['controls', 'dashboard', 'feedback-view', 'files-view', 'notifications-view', 'activity-view'],
    emitters: ['teacher', 'admin'],
  },
  project: { topics: ['projects'], sections: ['project-controls', 'project'], emitters: ['member', 'admin'] },
  pupil: { topics: ['files', 'notifications'], sections: ['files-view', 'notifications-view'], emitters: [] },
};
const SECTIONS = ['controls', 'project-controls', 'project', 'dashboard', 'feedback-view', 'files-view',
  'notifications-view', 'activity-view'];
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
const roles = claims.roles || [];
// Without a view in the address, the token's role chooses: a pupil gets the pupil's page.
const view = VIEWS[config.view] ? config.view : roles.includes('pupil') && !roles.includes('teacher') ? 'pupil' : 'teacher';
const TOPICS = VIEWS[view].topics;
const canEmit = Boolean(config.producer && config.emitter) && roles.some((role) => VIEWS[view].emitters.includes(role));
const project = config.project || 'p-1';
const projectGroup = `group:project:${project}`;
const SCOPE = view === 'project' ? [projectGroup] : [];
// Files and notifications are addressed by audience (the catalog): the demo addresses them to its user.
const me = `user:${claims.sub || 'teacher-1'}`;
const $ = (id) => document.getElementById(id);

// What tests and curious developers can inspect from the console.
const demo = { states: [], badges: [], received: [], resets: 0, retries: 0, view, client: null, subscription: null };
window.eventlineDemo = demo;

function decodeClaims(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload));
  } catch (ignored) {
    return {};
  }
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
    $('problem-text').textContent =
      `Subscription refused (${info.error.status || 'error'}): ${problem?.detail || info.error.message}`;
  }
  if (info.lastEventId) {
    $('cursor').textContent = info.lastEventId;
  }
  showStats();
}

// The connection's details, for developers: behind a toggle, not in the reader's way.
function showStats() {
  const stats = demo.subscription?.getStats();
  if (stats && $('details').open) {
    $('transport').textContent = stats.transport || stats.state;
    $('reconnects').textContent = String(stats.reconnects);
    $('lag').textContent = stats.lagMs === null || stats.lagMs === undefined ? '-' : `${stats.lagMs} ms`;
  }
}

const views = new DemoViews({
  onRead: (recordId) => {
    if (canEmit || view === 'pupil') {
      emit('notification.read', recordId, { readAt: new Date().toISOString() }, { audience: [me] });
    }
  },
});

function render(type, event, id, live = true) {
  demo.received.push({ type, recordId: event.recordId, id });
  $('received').textContent = String(demo.received.length);
  $('cursor').textContent = id;
  views.apply(type, event, live);
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
  views.clear();
  $('notice').hidden = false;
  $('notice').textContent = `Events expired before this page caught up (${reset.partition}: offsets `
    + `${reset.requestedOffset}..${reset.earliestOffset - 1}); the page was rebuilt from a snapshot.`;
  follow(await hydrate());
}

async function start() {
  if (config.lastEventId && demo.retries === 0) {
    follow(config.lastEventId);
    return;
  }
  try {
    follow(await hydrate());
  } catch (error) {
    // Refused or unavailable: the subscription reports why (badge, message and a retry button).
    follow(null);
  }
}

// A refused page tries again when asked (a token renewed, a role granted): from a fresh snapshot.
function retry() {
  demo.retries += 1;
  demo.subscription?.unsubscribe();
  $('problem').hidden = true;
  views.clear();
  start();
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
    if (status) {
      status.textContent = 'no producer token or emitter URL in the page address';
    }
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
  if (status) {
    status.textContent = response.ok
      ? `${type} written to ${receipt.topic}/${receipt.partition} at offset ${receipt.offset}`
      : `emit refused: ${receipt.detail || response.status}`;
  }
}

function wireButtons() {
  const next = (prefix) => `${prefix}-${Date.now().toString(36)}-${(sequence += 1)}`;
  let lastAssignment = null;
  let lastSubmission = null;
  const anyAssignment = () => lastAssignment || [...views.assignments.keys()][0] || next('a');
  $('emit-assignment').addEventListener('click', () => {
    lastAssignment = next('a');
    emit('assignment.created', lastAssignment, { title: `Fractions ${sequence}`, classId: '7b', status: 'PUBLISHED' });
  });
  $('emit-submission').addEventListener('click', () => {
    lastSubmission = next('s');
    emit('submission.updated', lastSubmission, { assignmentId: anyAssignment(), pupilId: 'p-7', status: 'MARKED', score: Math.round(Math.random() * 10), maxScore: 10 });
  });
  $('emit-feedback').addEventListener('click', () =>
    emit('feedback.created', next('fb'), { submissionId: lastSubmission || 's-1', assignmentId: anyAssignment(), authorId: claims.sub || 'teacher-1', summary: 'Clear working; check the last step.' }));
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
    emit('notification.created', next('n'), { kind: 'INFO', title: 'Reminder', message: 'Marking is due on Friday', groupKey: 'reminders' }, { audience: [me] }));
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
  const controls = id === 'controls' || id === 'project-controls';
  if (!VIEWS[view].sections.includes(id) || (controls && !canEmit)) {
    $(id).remove();
  } else {
    $(id).hidden = false;
  }
}
$('project-id')?.replaceChildren(project);
$('who').textContent = claims.sub
  ? `${claims.sub} @ ${claims.tenant} (${roles.join(', ')}; ${view} view)`
  : 'no token';
if (canEmit && view === 'teacher') {
  wireButtons();
} else if (canEmit && view === 'project') {
  wireProjectButtons();
}
$('retry').addEventListener('click', retry);
$('details').addEventListener('toggle', showStats);
setInterval(showStats, 1000);
demo.client = new EventlineClient({
  baseUrl: config.stream || '',
  token: config.subscriber,
  pollIntervalMs: Number(config.pollMs || 2000),
  failuresBeforePolling: Number(config.failuresBeforePolling || 3),
  backoffMaxMs: Number(config.backoffMaxMs || 30000),
});
start();
