// What the demo page shows, as state folded from events: each handler updates a model, and the
// sections whose model changed are drawn once per task (a snapshot of 3,000 records draws once, not
// 3,000 times). Sections the page's view removed are skipped. Lists are paged (PagedList).
import { PagedList } from './paged.js';

const PAGE = { assignments: 25, files: 10, notifications: 10, feedback: 10 };
const ACTIVITY_KEPT = 50;

export class DemoViews {
  // onRead(recordId): the reader clicked an unread notification.
  constructor({ onRead }) {
    this.onRead = onRead;
    this.dirty = new Set();
    this.scheduled = false;
    this.lists = {};
    this.lists.assignments = this.paged('assignments', PAGE.assignments, (a) => this.assignmentRow(a), 'Assignments');
    this.lists.files = this.paged('files', PAGE.files, fileItem, 'Files');
    this.lists.notifications = this.paged('notifications', PAGE.notifications, (g) => this.notificationGroup(g), 'Notifications');
    this.lists.feedback = this.paged('feedback', PAGE.feedback, (f) => this.feedbackItem(f), 'Feedback');
    this.clear();
  }

  paged(id, pageSize, renderItem, label) {
    const container = document.getElementById(id);
    return container ? new PagedList({ container, pageSize, renderItem, label }) : null;
  }

  clear() {
    this.assignments = new Map();
    this.files = new Map();
    this.notifications = new Map();
    this.reads = new Map();
    this.feedback = new Map();
    this.activity = [];
    this.project = { jobs: new Map(), sources: new Map(), proposals: new Map() };
    this.order = 0;
    ['assignments', 'files', 'notifications', 'feedback', 'activity', 'jobs', 'sources', 'proposals']
      .forEach((section) => this.touch(section));
  }

  // Applies one event; `live`: it arrived on the stream now, not from the snapshot of a (re)load.
  apply(type, event, live) {
    const domain = type.slice(0, type.indexOf('.'));
    const handler = {
      assignment: () => this.onAssignment(type, event, live),
      submission: () => this.onSubmission(type, event, live),
      feedback: () => this.onFeedback(type, event, live),
      file: () => this.onFile(type, event, live),
      notification: () => this.onNotification(type, event, live),
      activity: () => this.onActivity(event),
      job: () => this.onProjectLine('jobs', type, event, (p) => `${p.stage}: ${p.current}/${p.total}`),
      source: () => this.onProjectLine('sources', type, event, (p) => `${p.name}: ${p.status.toLowerCase()}`),
      proposal: () => this.onProjectLine('proposals', type, event,
        (p) => `${p.title} (${Math.round(p.confidence * 100)}%)`),
    }[domain];
    handler?.();
  }

  // A record first seen now is placed above the older ones; `list` counts it if it came live.
  upsert(map, id, list, live, initial) {
    let model = map.get(id);
    if (!model) {
      model = { id, order: (this.order += 1), ...initial };
      map.set(id, model);
      if (live) {
        this.lists[list]?.arrived();
      }
    }
    return model;
  }

  onAssignment(type, event, live) {
    if (type === 'assignment.deleted') {
      this.assignments.delete(event.recordId);
    } else {
      const model = this.upsert(this.assignments, event.recordId, 'assignments', live, this.emptyAssignment(event.recordId));
      model.title = event.payload.title;
      model.status = event.payload.status.toLowerCase();
    }
    this.touch('assignments');
  }

  emptyAssignment(id) {
    return { title: id, status: '-', submissions: new Set(), score: '-' };
  }

  onSubmission(type, event, live) {
    if (type === 'submission.deleted') {
      return;
    }
    const p = event.payload;
    const model = this.upsert(this.assignments, p.assignmentId, 'assignments', live, this.emptyAssignment(p.assignmentId));
    model.submissions.add(event.recordId);
    if (p.score !== null && p.score !== undefined) {
      model.score = `${p.score} / ${p.maxScore ?? '?'}`;
    }
    this.touch('assignments');
  }

  onFeedback(type, event, live) {
    if (type === 'feedback.deleted') {
      this.feedback.delete(event.recordId);
    } else {
      Object.assign(this.upsert(this.feedback, event.recordId, 'feedback', live, {}), event.payload);
    }
    this.touch('feedback');
  }

  onFile(type, event, live) {
    if (type === 'file.deleted') {
      this.files.delete(event.recordId);
    } else {
      Object.assign(this.upsert(this.files, event.recordId, 'files', live, {}), event.payload);
    }
    this.touch('files');
  }

  // A notification's state folds created + read: the snapshot yields both (the catalog keeps a read
  // mark beside its notification), and a read seen before its notification is kept until it comes.
  onNotification(type, event, live) {
    const id = event.recordId;
    if (type === 'notification.created') {
      const model = this.upsert(this.notifications, id, 'notifications', live, { unread: !this.reads.has(id) });
      Object.assign(model, event.payload);
      // Only news pops up: an urgent notification from the snapshot is in the list, not a toast again.
      if (live && model.kind === 'URGENT' && model.unread) {
        toast(`${model.title}: ${model.message}`);
      }
    } else if (type === 'notification.read') {
      this.reads.set(id, true);
      const model = this.notifications.get(id);
      if (model) {
        model.unread = false;
      }
    } else if (type === 'notification.deleted') {
      this.notifications.delete(id);
      this.reads.delete(id);
    }
    this.touch('notifications');
  }

  onActivity(event) {
    this.activity.unshift(event);
    this.activity.length = Math.min(this.activity.length, ACTIVITY_KEPT);
    this.touch('activity');
  }

  // One line per record of the project: its latest state; a deletion removes it.
  onProjectLine(list, type, event, text) {
    if (type.endsWith('.deleted')) {
      this.project[list].delete(event.recordId);
    } else {
      this.project[list].set(event.recordId, text(event.payload));
    }
    this.touch(list);
  }

  unread() {
    return [...this.notifications.values()].filter((n) => n.unread).length;
  }

  touch(section) {
    this.dirty.add(section);
    if (!this.scheduled) {
      this.scheduled = true;
      // After the current task: a snapshot's records are all applied before anything is drawn.
      setTimeout(() => this.draw(), 0);
    }
  }

  draw() {
    this.scheduled = false;
    const sections = [...this.dirty];
    this.dirty.clear();
    for (const section of sections) {
      this.drawSection(section);
    }
  }

  drawSection(section) {
    const newestFirst = (map) => [...map.values()].sort((a, b) => b.order - a.order);
    switch (section) {
      case 'assignments':
      case 'files':
      case 'feedback':
        this.lists[section]?.show(newestFirst(this[section]));
        break;
      case 'notifications':
        this.lists.notifications?.show(groups(newestFirst(this.notifications)));
        setCount(document.getElementById('unread'), this.unread());
        break;
      case 'activity':
        document.getElementById('activity')?.replaceChildren(...this.activity.map(activityItem));
        break;
      default:
        document.getElementById(section)?.replaceChildren(
          ...[...this.project[section]].map(([id, text]) => element('li', text, '', { recordId: id })));
    }
  }

  assignmentRow(a) {
    const row = element('tr', undefined, '', { recordId: a.id });
    row.append(element('td', a.title), element('td', a.status), element('td', String(a.submissions.size)),
      element('td', a.score));
    return row;
  }

  feedbackItem(f) {
    const on = this.assignments.get(f.assignmentId)?.title || f.assignmentId;
    const item = element('li', undefined, '', { recordId: f.id });
    item.append(element('div', f.summary ?? '(no summary)', 'summary'),
      element('div', `${f.authorId} on ${f.submissionId} · ${on}`, 'meta'));
    return item;
  }

  // One item per groupKey (a notification without one is its own group): the newest notification's
  // text, how many of the group are new, and the others behind a toggle.
  notificationGroup(group) {
    const [newest] = group.items;
    const fresh = group.items.filter((n) => n.unread).length;
    if (group.items.length === 1) {
      return this.notificationItem(newest);
    }
    const item = element('li', undefined, 'group', { groupKey: group.key });
    const details = element('details');
    const summary = element('summary', `${newest.title}: ${newest.message}`, newest.unread ? 'unread' : '');
    summary.append(' ', element('span', `${fresh} new`, 'count', { count: String(fresh) }),
      element('span', ` · ${group.items.length} in ${group.key}`, 'meta'));
    const all = element('ul');
    all.append(...group.items.map((n) => this.notificationItem(n)));
    details.append(summary, all);
    item.append(details);
    return item;
  }

  notificationItem(n) {
    const classes = [n.kind === 'URGENT' ? 'urgent' : '', n.unread ? 'unread' : 'read'].join(' ').trim();
    const item = element('li', `${n.title}: ${n.message}`, classes, { recordId: n.id });
    if (n.unread) {
      item.title = 'mark as read';
      item.addEventListener('click', () => this.onRead(n.id));
    }
    return item;
  }
}

function groups(notifications) {
  const byKey = new Map();
  for (const n of notifications) {
    const key = n.groupKey || `\u0000${n.id}`;
    if (!byKey.has(key)) {
      byKey.set(key, { key: n.groupKey || n.id, items: [] });
    }
    byKey.get(key).items.push(n);
  }
  return [...byKey.values()];
}

function fileItem(f) {
  const item = element('li', undefined, '', { recordId: f.id });
  const bar = element('progress');
  bar.max = 100;
  bar.value = f.progress;
  const label = `${f.fileName}: ${f.status.toLowerCase()}${f.stage ? ` (${f.stage.toLowerCase()})` : ''} ${f.progress}%`
    + (f.errorMessage ? ` - ${f.errorMessage}` : '');
  item.append(element('div', label), bar);
  return item;
}

function activityItem(event) {
  const p = event.payload;
  // The acting user, as the producer stated it in the envelope (emittedBy is the producer itself).
  const who = event.actor ? `${event.actor} (via ${event.emittedBy})` : p.actorName;
  return element('li', `${who} ${p.action} ${p.entityType} ${p.entityId}: ${p.description}`);
}

function setCount(node, count) {
  if (node) {
    node.textContent = String(count);
    node.dataset.count = String(count);
  }
}

export function toast(text) {
  const node = element('div', text, 'toast');
  document.getElementById('toasts').append(node);
  setTimeout(() => node.remove(), 6000);
}

export function element(tag, text, className, data = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) {
    node.textContent = text;
  }
  if (className) {
    node.className = className;
  }
  Object.assign(node.dataset, data);
  return node;
}
