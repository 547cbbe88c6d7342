// An app written against the installed package '@eventline/client': the client's API and the events'
// types, with strict settings. The check packs the client as npm would publish it and installs it.
import { EventlineClient, State } from '@eventline/client';
import type { ConnectionStats, EventlineEvent, SubscriptionState } from '@eventline/client';

const client = new EventlineClient({
  baseUrl: 'https://stream.example.org',
  token: async () => 'a token',
  pauseWhenHidden: true,
});

const subscription = client.subscribe({
  topics: ['assignments', 'files'],
  on: {
    'assignment.created': (event, meta) => {
      const title: string = event.payload.title;
      const cursor: string = meta.id;
      void title;
      void cursor;
    },
    'file.': (event: EventlineEvent) => void event.recordId,
    '*': (event) => void event.type,
  },
  onState: (state: SubscriptionState) => {
    if (state === State.OPEN) {
      void state;
    }
  },
});

const off = subscription.on('file.progress', (event) => void event.payload.progress);
off();
const stats: ConnectionStats = subscription.getStats();
const lag: number | null = stats.lagMs;
void lag;
const connected: boolean = subscription.isConnected() && client.isConnected();
void connected;
subscription.setPollingFallback(false);
client.reconnect();
client.close();
