// Mistakes the client's types must catch; the check expects each marked line to fail.
import { EventlineClient } from '@eventline/client';

const client = new EventlineClient({ baseUrl: 'x', backoffBaseMs: 'fast' }); // error: not a number
client.subscribe({
  topics: ['assignments'],
  on: { 'assignment.created': (event) => void event.payload.fileName }, // error: no fileName
});
client.subscribe({ topic: 'assignments' }); // error: topics, not topic
