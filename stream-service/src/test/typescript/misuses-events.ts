// Mistakes the declarations must catch; the check expects each line marked below to fail.
import type { EmitRequest, EventlineEvent } from './eventline-events';

export function wrong(event: EventlineEvent): void {
  if (event.type === 'file.progress') {
    const title: string = event.payload.title; // error: file.progress has no title
    void title;
  }
}

export const bad: EmitRequest[] = [
  { type: 'assignment.created', recordId: 'a-1', payload: { title: 'x', status: 'DONE' } }, // error: no such status
  { type: 'assignment.created', recordId: 'a-1', payload: { status: 'DRAFT' } }, // error: title is required
  { type: 'no.such.type', recordId: 'a-1', payload: {} }, // error: unknown type
];
