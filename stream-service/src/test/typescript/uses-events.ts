// What an app writes against the shipped declarations; the check compiles it with strict settings.
import type {
  EmitRequest,
  EventlineEvent,
  EventsByType,
  FileProgressEvent,
} from './eventline-events';

export function describe(event: EventlineEvent): string {
  switch (event.type) {
    case 'assignment.created':
    case 'assignment.updated':
      return `${event.payload.title} (${event.payload.status}) due ${event.payload.dueAt ?? 'never'}`;
    case 'file.progress':
      return `${event.payload.fileName}: ${event.payload.progress}%`;
    case 'submission.updated':
      return `scored ${event.payload.score ?? '-'} of ${event.payload.maxScore ?? '-'}`;
    default:
      return `${event.type} on ${event.topic} about ${event.recordId}`;
  }
}

export function onProgress(handler: (event: EventsByType['file.progress']) => void, event: FileProgressEvent): void {
  handler(event);
}

// A deletion's reason and a nullable field may be left out when emitting.
export const emits: EmitRequest[] = [
  {
    type: 'assignment.created',
    recordId: 'a-1',
    payload: { title: 'Fractions', status: 'PUBLISHED' },
  },
  { type: 'assignment.deleted', recordId: 'a-1', payload: {} },
  {
    type: 'file.progress',
    recordId: 'f-1',
    audience: ['user:u-1'],
    payload: { fileName: 'essay.pdf', status: 'PROCESSING', progress: 40 },
  },
];
